import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The suite as a server: accepts connections on a TCP port and runs one ``ServeScript`` on
/// each, so a client library can be tested against answers that arrive out of order, split,
/// coalesced, after `$/goaway`, slowly, with unknown members, or not at all.
///
/// Each connection is served by its own thread with blocking, poll-timed socket calls; this
/// server is a test instrument, not a production one.
public final class ScriptedServer: Sendable {
    /// The script every connection runs.
    public let script: ServeScript
    private let listener: Int32
    /// The port the server listens on (the one asked for, or the one the system chose for 0).
    public let port: Int
    private let connections = Mutex<[Int32]>([])
    private let stopped = Atomic<Bool>(false)
    private let accepted = Atomic<Int>(0)

    /// How many connections the server has accepted so far.
    public var acceptedConnections: Int { accepted.load(ordering: .relaxed) }

    /// Listens on `host:port` (`port` 0 picks a free one) and starts accepting.
    /// - Throws: ``CaseFailure`` when the address cannot be bound.
    public init(script: ServeScript, host: String = "127.0.0.1", port: Int = 0) throws {
        self.script = script
        (listener, self.port) = try Self.listen(host: host, port: port)
        let accepting = DispatchQueue(label: "partner-conformance.serve.accept")
        accepting.async { [self] in acceptLoop() }
    }

    /// Stops accepting and closes every connection.
    public func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        _ = Glibc.shutdown(listener, Int32(SHUT_RDWR))
        for fd in connections.withLock({ $0 }) { _ = Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
    }

    deinit {
        stop()
        Glibc.close(listener)
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .acquiring) {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            connections.withLock { $0.append(fd) }
            let index = accepted.add(1, ordering: .relaxed).newValue
            let script = self.script
            DispatchQueue(label: "partner-conformance.serve.connection").async { [self] in
                var connection = ScriptedConnection(fd: fd, script: script, index: index)
                connection.run()
                connections.withLock { $0.removeAll { $0 == fd } }
                Glibc.close(fd)
            }
        }
    }

    private static func listen(host: String, port: Int) throws -> (Int32, Int) {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let info = list else {
            throw CaseFailure("cannot resolve \(host)")
        }
        defer { freeaddrinfo(list) }
        let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw CaseFailure("socket failed: errno \(errno)") }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0, Glibc.listen(fd, 128) == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(fd)
            throw CaseFailure("cannot listen on \(host):\(port): \(reason)")
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let family = storage.ss_family
        let bound: UInt16 = withUnsafePointer(to: &storage) { pointer in
            if family == sa_family_t(AF_INET6) {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_port.bigEndian }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_port.bigEndian }
        }
        return (fd, Int(bound))
    }
}
