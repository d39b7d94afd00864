import Foundation
import Glibc
import PartnerTestSupport

/// Makes a folder read-only for the process running the tests: `chmod 0555`, and for root
/// (whom permissions do not stop) the immutable attribute through `chattr +i`.
enum ReadOnlyFolder {
    /// Whether this machine can make a folder read-only for this process (probed once).
    static let isSupported: Bool = {
        let probe = NSTemporaryDirectory() + "/partnerstore-ro-probe-\(getpid())"
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil else {
            return false
        }
        defer {
            undo(probe)
            try? FileManager.default.removeItem(atPath: probe)
        }
        guard (try? make(probe)) != nil else { return false }
        return !FileManager.default.createFile(atPath: probe + "/x", contents: Data())
    }()

    /// Makes `path` read-only.
    static func make(_ path: String) throws {
        guard chmod(path, 0o555) == 0 else { throw TestFailure("chmod \(path) failed: errno \(errno)") }
        if geteuid() == 0 {
            try chattr("+i", path)
        }
    }

    /// Makes `path` writable again.
    static func undo(_ path: String) {
        if geteuid() == 0 { try? chattr("-i", path) }
        chmod(path, 0o755)
    }

    private static func chattr(_ flag: String, _ path: String) throws {
        guard
            let tool = ["/usr/bin/chattr", "/bin/chattr"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else {
            throw TestFailure("chattr not found")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [flag, path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning {
            guard Date() < deadline else {
                process.terminate()
                throw TestFailure("chattr did not finish within 10 s")
            }
            usleep(1_000)
        }
        guard process.terminationStatus == 0 else { throw TestFailure("chattr \(flag) \(path) failed") }
    }
}
