#if canImport(Glibc)
    import Glibc
#endif

/// Reads a process's CPU time and memory from `/proc/<pid>/stat` and `/proc/<pid>/status`
/// (Linux). Every reading is `nil` when the process or the file is gone.
struct ProcessProbe: Sendable {
    /// The process watched.
    let pid: Int32

    /// A probe of process `pid`.
    init(pid: Int32) { self.pid = pid }

    /// A probe of this process.
    static var current: ProcessProbe { ProcessProbe(pid: getpid()) }

    /// User plus system CPU time in microseconds (utime + stime).
    func cpuMicroseconds() -> Double? {
        guard let text = Self.read("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return (user + system) / ticks * 1_000_000
    }

    /// Bytes the process caused to be written to storage (`write_bytes` of `/proc/<pid>/io`).
    func storageWriteBytes() -> Double? {
        guard let text = Self.read("/proc/\(pid)/io") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("write_bytes:") {
            return Double(line.dropFirst("write_bytes:".count).filter { $0.isNumber })
        }
        return nil
    }

    /// Peak resident set size (VmHWM) in KiB.
    func peakResidentKiB() -> Int? { statusField("VmHWM") }

    /// Current resident set size (VmRSS) in KiB.
    func residentKiB() -> Int? { statusField("VmRSS") }

    /// Open file descriptors (entries of `/proc/<pid>/fd`).
    func openDescriptors() -> Int? {
        guard let directory = opendir("/proc/\(pid)/fd") else { return nil }
        defer { closedir(directory) }
        var count = 0
        while readdir(directory) != nil { count += 1 }
        return max(0, count - 2)
    }

    /// True while the process exists.
    var isAlive: Bool { kill(pid, 0) == 0 }

    private func statusField(_ name: String) -> Int? {
        guard let text = Self.read("/proc/\(pid)/status") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let digits = line.dropFirst(name.count + 1).filter { $0.isNumber }
            return Int(digits)
        }
        return nil
    }

    /// The whole of a small text file, or `nil`.
    static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Monotonic time in nanoseconds (CLOCK_MONOTONIC): cheap enough to read twice per call.
@inline(__always)
func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
}

/// Writes `text` and a newline to standard output at once (unbuffered, so progress shows up
/// as it happens even when the output goes to a file).
func emit(_ text: String) {
    var bytes = Array((text + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 { return }
        offset += n
    }
}
