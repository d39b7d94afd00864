#if canImport(Glibc)
    import Glibc
#endif

/// The process's own figures from `/proc` (Linux), as Prometheus's client libraries export
/// them (`process_cpu_seconds_total`, `process_resident_memory_bytes`, ...).
public struct ProcessStats: Sendable {
    /// User plus system CPU time, in seconds.
    public var cpuSeconds: Double
    /// Resident set size, in bytes.
    public var residentBytes: Double
    /// Virtual memory size, in bytes.
    public var virtualBytes: Double
    /// Open file descriptors.
    public var openFDs: Int
    /// The soft limit of open file descriptors.
    public var maxFDs: Int
    /// Start time, seconds since the Unix epoch.
    public var startTimeSeconds: Double

    /// Reads the current figures; `nil` when `/proc/self/stat` cannot be read.
    public static func current() -> ProcessStats? {
        guard let stat = readFile("/proc/self/stat"), let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after "pid (comm)": state is field 3; utime 14, stime 15, starttime 22, vsize 23, rss 24.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        func field(_ number: Int) -> Double { number - 3 < fields.count ? Double(fields[number - 3]) ?? 0 : 0 }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        var bootTime = 0.0
        if let procStat = readFile("/proc/stat"),
            let line = procStat.split(separator: "\n").first(where: { $0.hasPrefix("btime ") })
        {
            bootTime = Double(line.dropFirst(6).trimmingSpaces) ?? 0
        }
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        return ProcessStats(
            cpuSeconds: (field(14) + field(15)) / ticks, residentBytes: field(24) * pageSize, virtualBytes: field(23),
            openFDs: countOpenFDs(), maxFDs: Int(clamping: limit.rlim_cur),
            startTimeSeconds: bootTime + field(22) / ticks)
    }

    static func countOpenFDs() -> Int {
        guard let directory = opendir("/proc/self/fd") else { return 0 }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            if entry.pointee.d_name.0 != UInt8(ascii: ".") { count += 1 }
        }
        return max(0, count - 1)  // the descriptor opendir itself holds
    }

    /// A small text file's contents (up to 64 KiB), or `nil`.
    static func readFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        while bytes.count < 65536 {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The size of the file at `path` in bytes, 0 when it does not exist.
    public static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " || text.last == "\n" { text = text.dropLast() }
        return text
    }
}
