import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal HTTP/1.1 listener for operators: `GET /metrics`, `/healthz`, `/readyz`, on a
/// thread of its own beside the RPC event loops, one request per connection
/// (`Connection: close`). Requests are read for at most 2 seconds and 8 KiB; connections are
/// served one at a time, which suits a scraper and a probe, not public traffic.
///
/// ```swift
/// let probes = try ProbeHTTPServer(host: "127.0.0.1", port: 9464)   // binds now
/// probes.start { request in
///     request.path == "/healthz" ? .init(status: 200, body: "ok\n") : .init(status: 404, body: "not found\n")
/// }
/// probes.stop()
/// ```
public final class ProbeHTTPServer: Sendable {
    /// One request's line.
    public struct Request: Sendable {
        /// `GET`, `HEAD`, ...
        public var method: String
        /// The path without the query.
        public var path: String
    }

    /// What to answer.
    public struct Response: Sendable {
        /// The HTTP status code.
        public var status: Int
        /// The body's media type.
        public var contentType: String
        /// The body.
        public var body: String

        /// Creates a response (plain text by default).
        public init(status: Int, contentType: String = "text/plain; charset=utf-8", body: String) {
            self.status = status
            self.contentType = contentType
            self.body = body
        }
    }

    /// The bound address (with the real port when 0 was asked).
    public let host: String
    /// The bound port.
    public let port: Int
    private let listenFD: Int32
    private let wakeFDs: (read: Int32, write: Int32)
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let running = Atomic<Bool>(false)

    /// Binds and listens on `host:port` now, so a busy or forbidden address fails before
    /// anything else starts.
    /// - Throws: `ProbeHTTPError` naming the address and the system's reason.
    public init(host: String, port: Int) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var result: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &result)
        guard rc == 0, let info = result else {
            throw ProbeHTTPError("cannot resolve \(host):\(port): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(result) }
        let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ProbeHTTPError("cannot create a socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0, listen(fd, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(fd)
            throw ProbeHTTPError("cannot listen on \(host):\(port): \(reason)")
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        var boundPort = port
        if Int32(storage.ss_family) == AF_INET {
            boundPort = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        } else if Int32(storage.ss_family) == AF_INET6 {
            boundPort = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            }
        }
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else {
            Glibc.close(fd)
            throw ProbeHTTPError("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        for pipeFD in pipeFDs { _ = fcntl(pipeFD, F_SETFD, FD_CLOEXEC) }
        self.host = host
        self.port = boundPort
        self.listenFD = fd
        self.wakeFDs = (pipeFDs[0], pipeFDs[1])
    }

    /// Serves requests with `handler` on a thread of its own until `stop()`.
    public func start(_ handler: @escaping @Sendable (Request) -> Response) {
        guard !running.exchange(true, ordering: .relaxed) else { return }
        let thread = Thread { [self] in
            serveLoop(handler)
            finished.signal()
        }
        thread.name = "ProbeHTTPServer"
        thread.start()
    }

    /// Stops accepting, waits for the request in progress, closes the socket. Idempotent.
    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        var byte: UInt8 = 1
        _ = write(wakeFDs.write, &byte, 1)
        if running.load(ordering: .relaxed) { finished.wait() }
        Glibc.close(listenFD)
        Glibc.close(wakeFDs.read)
        Glibc.close(wakeFDs.write)
    }

    private func serveLoop(_ handler: @Sendable (Request) -> Response) {
        var fds = [
            pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeFDs.read, events: Int16(POLLIN), revents: 0),
        ]
        while !stopped.load(ordering: .relaxed) {
            fds[0].revents = 0
            fds[1].revents = 0
            let ready = poll(&fds, 2, 1000)
            if ready < 0 && errno != EINTR { return }
            if fds[1].revents != 0 { return }
            guard fds[0].revents != 0 else { continue }
            let client = accept(listenFD, nil, nil)
            guard client >= 0 else { continue }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            serve(client, handler)
            Glibc.close(client)
        }
    }

    private func serve(_ fd: Int32, _ handler: @Sendable (Request) -> Response) {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while received.count < 8192 {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            received += buffer[..<count]
            if received.count >= 4, Self.contains(received, end) { break }
        }
        let response: Response
        var isHead = false
        if let request = Self.parse(received) {
            isHead = request.method == "HEAD"
            if request.method == "GET" || isHead {
                response = handler(request)
            } else {
                response = Response(status: 405, body: "only GET and HEAD\n")
            }
        } else {
            response = Response(status: 400, body: "not an HTTP/1.x request\n")
        }
        let body = Array(response.body.utf8)
        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        head += "Content-Type: \(response.contentType)\r\nContent-Length: \(body.count)\r\n"
        head += "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + (isHead ? [] : body)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { break }
            offset += written
        }
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle)
        {
            return true
        }
        return false
    }

    /// The request line of `bytes` (`GET /metrics?x HTTP/1.1`), or `nil`.
    static func parse(_ bytes: [UInt8]) -> Request? {
        guard let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\r")) ?? bytes.firstIndex(of: UInt8(ascii: "\n")) else {
            return nil
        }
        let parts = String(decoding: bytes[..<lineEnd], as: UTF8.self).split(separator: " ")
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return nil }
        let target = parts[1]
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? target
        return Request(method: String(parts[0]), path: String(path))
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// The probe listener could not be set up.
public struct ProbeHTTPError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
