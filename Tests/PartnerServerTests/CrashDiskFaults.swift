import Foundation
import Glibc
import PartnerTestSupport

/// Makes disks fail for the crash tests: read-only folders and a full file system.
enum CrashDiskFaults {
    /// Makes the folder `path` and the files in it read-only for this process, as a file system
    /// remounted read-only would be: `chmod` 0555 / 0444, and for root (whom permissions do not
    /// stop) the immutable attribute on each.
    static func makeReadOnly(_ path: String) throws {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).map { path + "/" + $0 }
        for file in files {
            guard chmod(file, 0o444) == 0 else { throw TestFailure("chmod \(file) failed: errno \(errno)") }
        }
        guard chmod(path, 0o555) == 0 else { throw TestFailure("chmod \(path) failed: errno \(errno)") }
        if geteuid() == 0 { try run(["/usr/bin/chattr", "/bin/chattr"], ["+i"] + files + [path]) }
    }

    /// Undoes `makeReadOnly`.
    static func undoReadOnly(_ path: String) {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).map { path + "/" + $0 }
        if geteuid() == 0 { try? run(["/usr/bin/chattr", "/bin/chattr"], ["-i", path] + files) }
        chmod(path, 0o755)
        for file in files { chmod(file, 0o644) }
    }

    /// Whether this machine can make a folder read-only for this process (probed once).
    static let canMakeReadOnly: Bool = {
        guard let probe = try? CrashHarness.temporaryFolder() else { return false }
        defer {
            undoReadOnly(probe)
            try? FileManager.default.removeItem(atPath: probe)
        }
        guard (try? makeReadOnly(probe)) != nil else { return false }
        return !FileManager.default.createFile(atPath: probe + "/x", contents: Data())
    }()

    /// Whether a small tmpfs can be mounted here (root with CAP_SYS_ADMIN), probed once.
    static let canMountTmpfs: Bool = {
        guard geteuid() == 0, let probe = try? CrashHarness.temporaryFolder() else { return false }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard (try? mountTmpfs(probe, megabytes: 1)) != nil else { return false }
        try? unmount(probe)
        return true
    }()

    /// Mounts a tmpfs of `megabytes` on `path`.
    static func mountTmpfs(_ path: String, megabytes: Int) throws {
        try run(["/usr/bin/mount", "/bin/mount"], ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path])
    }

    /// Unmounts `path`.
    static func unmount(_ path: String) throws {
        try run(["/usr/bin/umount", "/bin/umount"], [path])
    }

    /// Fills the file system holding `folder` with one file until it is full; returns its path.
    static func fill(_ folder: String) throws -> String {
        let path = folder + "/filler"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw TestFailure("cannot create \(path): errno \(errno)") }
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0x5A, count: 4096)
        for _ in 0..<1_000_000 {
            let written = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                guard errno == ENOSPC else { throw TestFailure("writing \(path): errno \(errno)") }
                return path
            }
            if written < chunk.count {
                continue  // the last partial block; the next write fails with ENOSPC
            }
        }
        throw TestFailure("\(folder) did not fill up")
    }

    private static func run(_ tools: [String], _ arguments: [String]) throws {
        guard let tool = tools.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestFailure("none of \(tools) exists")
        }
        let run = try CommandRun.runBlocking(path: tool, arguments, timeout: 10)
        guard run.status != -9 else { throw TestFailure("\(tool) did not finish within 10 s") }
        guard run.status == 0 else {
            throw TestFailure("\(tool) \(arguments.joined(separator: " ")) exited with \(run.status)")
        }
    }
}
