import Foundation
import FramedRPC
import PartnerAPI
import PartnerTestSupport
import Testing

/// partner-server on a disk that refuses writes: a clear error (it will not start, saying why,
/// or its writes fail UNAVAILABLE with a message), and nothing it acknowledged is lost or damaged.
@Suite("partner-server on failing disks", .serialized)
struct CrashDiskFaultTests {
    @Test(
        "a read-only new data folder: the server refuses to start and says why",
        .enabled(if: CrashDiskFaults.canMakeReadOnly))
    func readOnlyNewFolder() async throws {
        let folder = try CrashHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = folder + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try CrashDiskFaults.makeReadOnly(data)
        defer { CrashDiskFaults.undoReadOnly(data) }
        do {
            let server = try await ServerProcess.crash(data: data)
            try await server.killAndWait()
            Issue.record("partner-server started on a read-only data folder")
        } catch let failure as ServerProcess.StartFailure {
            #expect(failure.status != 0)
            #expect(failure.message.contains("read-only") || failure.message.contains("cannot"), "\(failure.message)")
            #expect(failure.message.contains(data), "the message names the folder: \(failure.message)")
        }
    }

    @Test(
        "a data folder turned read-only: a clear error, and the data are intact once writable again",
        .enabled(if: CrashDiskFaults.canMakeReadOnly))
    func readOnlyExistingFolder() async throws {
        let folder = try CrashHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = folder + "/data"
        var server = try await ServerProcess.crash(data: data)
        var (client, rpc) = try server.client()
        let kept = try await client.customers.create(CrashRestartTests.customer("readonly-kept"))
        await rpc.close()
        try await server.killAndWait()

        try CrashDiskFaults.makeReadOnly(data)
        let outcome = await Self.startReadOnly(data)
        CrashDiskFaults.undoReadOnly(data)
        switch outcome {
        case .refused(let status, let message):
            #expect(status != 0)
            #expect(message.contains("read-only") || message.contains("cannot"), "\(message)")
        case .writeFailed(let code, let message):
            #expect(code == .unavailable, "\(message)")
            #expect(message.contains("read-only") || message.contains("cannot"), "\(message)")
        case .writeSucceeded(let id):
            Issue.record("a write succeeded on a read-only data folder: \(id)")
        case .harness(let text):
            Issue.record("\(text)")
        }

        server = try await ServerProcess.crash(data: data)
        (client, rpc) = try server.client()
        let stored = try await client.customers.get(.init(customerId: kept.id))
        #expect(stored.primaryDomain == kept.primaryDomain && stored.createTime == kept.createTime)
        let customers = try await client.customers.list(.init(pageSize: 200)).items
        #expect(!customers.contains { $0.primaryDomain.hasPrefix("readonly-lost") })
        _ = try await client.customers.create(CrashRestartTests.customer("readonly-after"))
        await rpc.close()
        try await server.terminateAndWait()
        let integrity = try CrashHarness.integrityCheck(data: data)
        #expect(integrity == "ok", "the database after a read-only spell: \(integrity)")
    }

    enum ReadOnlyOutcome {
        case refused(status: Int32, message: String)
        case writeFailed(RPCError.Code, message: String)
        case writeSucceeded(String)
        case harness(String)
    }

    /// The call's answer as a value (the client throws only `RPCError`).
    static func attempt<T>(_ body: () async throws(RPCError) -> T) async -> Result<T, RPCError> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    /// Starts the server on a read-only folder and tries one write.
    static func startReadOnly(_ data: String) async -> ReadOnlyOutcome {
        let server: ServerProcess
        do {
            server = try await ServerProcess.crash(data: data)
        } catch let failure as ServerProcess.StartFailure {
            return .refused(status: failure.status, message: failure.message)
        } catch {
            return .harness("\(error)")
        }
        let outcome: ReadOnlyOutcome
        do {
            let (client, rpc) = try server.client()
            let result = await Self.attempt { () async throws(RPCError) -> Customer in
                try await client.customers.create(CrashRestartTests.customer("readonly-lost"))
            }
            await rpc.close()
            switch result {
            case .success(let customer): outcome = .writeSucceeded(customer.id)
            case .failure(let error): outcome = .writeFailed(error.code, message: error.message)
            }
        } catch {
            outcome = .harness("\(error)")
        }
        try? await server.killAndWait()
        return outcome
    }

    @Test(
        "a full disk: writes fail UNAVAILABLE saying disk full, reads go on, writes resume when space returns, nothing acknowledged is lost",
        .enabled(if: CrashDiskFaults.canMountTmpfs))
    func diskFull() async throws {
        let folder = try CrashHarness.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mount = folder + "/disk"
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        try CrashDiskFaults.mountTmpfs(mount, megabytes: 16)
        defer { try? CrashDiskFaults.unmount(mount) }
        let data = mount + "/data"

        var server = try await ServerProcess.crash(data: data, root: folder + "/server")
        var (client, rpc) = try server.client()
        var acknowledged: [Customer] = []
        for index in 0..<5 {
            acknowledged.append(try await client.customers.create(CrashRestartTests.customer("full-before-\(index)")))
        }
        let filler = try CrashDiskFaults.fill(mount)

        var failure: RPCError?
        for index in 0..<2_000 {
            let result = await Self.attempt { () async throws(RPCError) -> Customer in
                try await client.customers.create(CrashRestartTests.customer("full-\(index)"))
            }
            switch result {
            case .success(let customer): acknowledged.append(customer)
            case .failure(let error): failure = error
            }
            if failure != nil { break }
        }
        let error = try #require(failure, "writes kept succeeding on a full disk")
        #expect(error.code == .unavailable, "\(error)")
        #expect(error.message.contains("disk full") || error.message.contains("I/O error"), "\(error.message)")
        // Still serving reads.
        let listed = try await client.customers.list(.init(pageSize: 200)).items.map(\.id)
        #expect(Set(acknowledged.map(\.id)).isSubset(of: Set(listed)))

        // Space comes back: writes resume without a restart.
        try FileManager.default.removeItem(atPath: filler)
        try await waitUntil(20, "a write to succeed once the disk has space") {
            let result = await Self.attempt { () async throws(RPCError) -> Customer in
                try await client.customers.create(CrashRestartTests.customer("full-after-\(acknowledged.count)"))
            }
            switch result {
            case .success(let customer):
                acknowledged.append(customer)
                return true
            case .failure(let error):
                if error.code != .unavailable { throw error }
                return false
            }
        }
        await rpc.close()

        // Killed and restarted: every acknowledged customer is there, whole, with its audit entry.
        try await server.killAndWait()
        server = try await ServerProcess.crash(data: data, root: folder + "/server")
        (client, rpc) = try server.client()
        var audited = Set<String>()
        var token: String?
        repeat {
            let page = try await client.audit.list(.init(pageSize: 200, pageToken: token))
            audited.formUnion(page.items.filter { $0.method == "Customers.Create" }.map(\.target))
            token = page.nextPageToken
        } while token != nil
        for customer in acknowledged {
            let stored = try await client.customers.get(.init(customerId: customer.id))
            #expect(stored.primaryDomain == customer.primaryDomain && stored.createTime == customer.createTime)
            #expect(audited.contains(customer.id), "customer \(customer.id) has no audit entry")
        }
        await rpc.close()
        try await server.terminateAndWait()
        let integrity = try CrashHarness.integrityCheck(data: data)
        #expect(integrity == "ok", "the database after a full disk: \(integrity)")
    }
}
