import Foundation
import PartnerTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The store's files are owner-only whatever the umask and the folder (SECURITY.md §4), and the
/// server warns at start when the data folder lets other users in.
@Suite("Store file modes of partner-server", .serialized)
struct StoreFileModeTests {
    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : nil
    }

    @Test(
        "in a 0755 folder made by the operator, the database, its log, shared memory and lock are 0600, with a warning")
    func ownerOnlyFiles() async throws {
        let outcome = try await onThread { () throws -> (modes: [String: mode_t?], log: String) in
            let root = try TemporaryFolders.make("modes")
            let folder = root + "/data"
            defer { TemporaryFolders.remove(root) }
            let previous = umask(0o022)
            defer { umask(previous) }
            guard mkdir(folder, 0o755) == 0 else { throw TestFailure("mkdir failed") }
            let server = try ServerProcess.startBlocking(options: ServerProcess.hostileOptions, ["--data", folder])
            defer {
                server.terminateBlocking()
                server.remove()
            }
            guard try WireSocket(port: server.port).ping() else { throw TestFailure("no answer") }
            var modes: [String: mode_t?] = [:]
            for name in [
                "partner.sqlite", "partner.sqlite-wal", "partner.sqlite-shm", "partner.sqlite.lock", "bootstrap-token",
            ] {
                modes[name] = Self.mode(folder + "/" + name)
            }
            return (modes, server.log())
        }
        for (name, mode) in outcome.modes {
            #expect(mode == 0o600, "\(name) has mode \(mode.map { String($0, radix: 8) } ?? "missing")")
        }
        #expect(
            outcome.log.contains("event=store.folder_exposed") && outcome.log.contains("mode=0755"), "\(outcome.log)")
    }

    @Test("a data folder the server creates itself is 0700 and draws no warning")
    func ownFolderIsPrivate() async throws {
        let outcome = try await onThread { () throws -> (mode: mode_t?, log: String) in
            let server = try ServerProcess.startBlocking(options: ServerProcess.hostileOptions)
            defer {
                server.terminateBlocking()
                server.remove()
            }
            return (Self.mode(server.data), server.log())
        }
        #expect(outcome.mode == 0o700)
        #expect(!outcome.log.contains("store.folder_exposed"))
    }
}
