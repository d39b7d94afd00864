import Foundation
import FramedJSON
import PartnerTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Refused authentications cost a bounded amount of disk (SECURITY.md §4), against a real
/// `partner-server` process: refusals are aggregated per source, reason and token into one
/// audit entry a minute, and a source past its budget of refusals is told to back off.
@Suite("A flood of refused tokens against partner-server", .serialized)
struct RefusedTokenFloodTests {
    /// How much the data folder may grow under the whole flood. Before refusals were
    /// aggregated, each cost ~740 bytes: 18 MB for this flood.
    static let growthBound = 2 << 20

    @Test("20,000 unknown tokens and 5,000 wrong secrets grow the data folder by a fixed bound, audited as counts")
    func floodOfRefusals() async throws {
        let report = try await onThread { () throws -> String in
            let server = try ServerProcess.startBlocking(options: ServerProcess.hostileOptions)
            defer {
                server.terminateBlocking()
                server.remove()
            }
            let token = try server.token()
            let tokenId = String(token.prefix { $0 != "." })
            let before = Self.folderBytes(server.data)

            var codes: [Int64: Int] = [:]
            for (tag, count) in [("unknown", 20_000), ("wrong-secret", 5_000)] {
                let perConnection = count / 4
                let sockets = try (0..<4).map { _ in try WireSocket(port: server.port) }
                for (c, socket) in sockets.enumerated() {
                    let writer = Thread {
                        var bytes: [UInt8] = []
                        for i in 0..<perConnection {
                            let bearer =
                                tag == "unknown"
                                ? "tok_flood\(c)x\(i).not-a-secret" : "\(tokenId).wrong-secret-\(c)-\(i)"
                            bytes += WireSocket.frame(
                                #"{"jsonrpc":"2.0","id":\#(i),"method":"Customers.List","params":{},"#
                                    + #""meta":{"authorization":"Bearer \#(bearer)"}}"#)
                            if bytes.count > 256 << 10 {
                                guard socket.write(bytes) else { return }
                                bytes = []
                            }
                        }
                        socket.write(bytes)
                    }
                    writer.start()
                }
                for socket in sockets {
                    for _ in 0..<perConnection {
                        guard let answer = try socket.readJSON(timeout: 60) else {
                            throw TestFailure("the server closed a connection during the flood")
                        }
                        codes[answer["error"]?["code"]?.intValue ?? 0, default: 0] += 1
                    }
                }
            }
            guard Set(codes.keys).isSubset(of: [16, 8]), codes.values.reduce(0, +) == 25_000 else {
                throw TestFailure("unexpected answers to refused tokens: \(codes)")
            }
            guard (codes[8] ?? 0) > 0 else {
                throw TestFailure("no refusal was rate limited (RESOURCE_EXHAUSTED): \(codes)")
            }

            // The wrong secrets name the real token: its partner's audit log holds their count.
            let entries = try Self.auditEntries(port: server.port, token: token).filter {
                $0["target"]?.stringValue == tokenId
                    && $0["after"]?.stringValue?.contains("reason=wrong-secret") == true
            }
            let counted = entries.compactMap { entry -> Int? in
                guard let after = entry["after"]?.stringValue,
                    let part = after.split(separator: ";").first(where: { $0.hasPrefix("count=") })
                else { return nil }
                return Int(part.dropFirst("count=".count))
            }.reduce(0, +)
            // One entry a minute per source; the flood may straddle a minute boundary or two.
            guard (1...3).contains(entries.count), counted == 5_000 else {
                throw TestFailure("wrong secrets audited as \(entries.count) entries counting \(counted)")
            }

            let growth = Self.folderBytes(server.data) - before
            guard growth <= Self.growthBound else {
                throw TestFailure("the data folder grew by \(growth) bytes under refused tokens")
            }
            return
                "answers \(codes); data folder grew \(growth >> 10) KiB; wrong secrets in \(entries.count) audit entries"
        }
        print("refused-token flood: \(report)")
    }

    /// Bytes of every file in `folder` (the database, its log and shared memory, the lock).
    static func folderBytes(_ folder: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.reduce(0) { sum, name in
            var info = stat()
            return stat(folder + "/" + name, &info) == 0 ? sum + Int(info.st_size) : sum
        }
    }

    /// Every entry of the bootstrap partner's audit log, through `Audit.List`.
    static func auditEntries(port: Int, token: String) throws -> [JSONValue] {
        let socket = try WireSocket(port: port)
        var entries: [JSONValue] = []
        var pageToken: String?
        for id in 1...1000 {
            let page = pageToken.map { #","pageToken":"\#($0)""# } ?? ""
            socket.sendFrame(
                #"{"jsonrpc":"2.0","id":\#(id),"method":"Audit.List","params":{"pageSize":200\#(page)},"#
                    + #""meta":{"authorization":"Bearer \#(token)"}}"#)
            guard let answer = try socket.readJSON(timeout: 30), let result = answer["result"] else {
                throw TestFailure("Audit.List failed")
            }
            entries += result["items"]?.arrayValue ?? []
            pageToken = result["nextPageToken"]?.stringValue
            if pageToken == nil { return entries }
        }
        throw TestFailure("Audit.List did not end after 1000 pages")
    }
}
