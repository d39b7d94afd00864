import Glibc

/// Ports on 127.0.0.1 for tests: one free a moment ago, one held busy, whether one answers.
public enum LoopbackPorts {
    /// A port on 127.0.0.1 that nobody listened on a moment ago.
    /// - Throws: `TestFailure` when no socket can be bound.
    public static func free() throws -> Int {
        let (fd, port) = try bind(listening: false)
        close(fd)
        return port
    }

    /// A socket listening on 127.0.0.1 on a port the kernel picks (a busy port, or a scripted
    /// peer's listener); close `fd` after.
    /// - Throws: `TestFailure` when it cannot listen.
    public static func listen(backlog: Int32 = 4) throws -> (fd: Int32, port: Int) {
        try bind(listening: true, backlog: backlog)
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    public static func answers(_ port: Int) -> Bool {
        (try? WireSocket(port: port)) != nil
    }

    private static func bind(listening: Bool, backlog: Int32 = 4) throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket failed: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                Glibc.bind(fd, pointer, length) == 0 && (!listening || Glibc.listen(fd, backlog) == 0)
                    && getsockname(fd, pointer, &length) == 0
            }
        }
        guard ok else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw TestFailure("cannot \(listening ? "listen" : "bind") on 127.0.0.1: \(reason)")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}
