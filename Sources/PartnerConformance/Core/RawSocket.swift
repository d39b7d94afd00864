#if canImport(Glibc)
    import Glibc
#endif

/// Blocking socket calls with deadlines, for ``RawConnection`` and the scripted server.
enum RawSocket {
    /// Opens a TCP connection to `host:port` (numeric or resolvable), with `TCP_NODELAY`.
    static func connect(host: String, port: Int, timeout: Duration) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw CaseFailure("cannot resolve \(host):\(port) (getaddrinfo \(status))")
        }
        defer { freeaddrinfo(list) }
        var lastErrno: Int32 = 0
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                lastErrno = errno
                continue
            }
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                var one: Int32 = 1
                _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                return fd
            }
            lastErrno = errno
            Glibc.close(fd)
        }
        throw CaseFailure("cannot connect to \(host):\(port): \(String(cString: strerror(lastErrno)))")
    }

    /// Waits until `fd` is readable (or closed). Returns false when `deadline` passes first.
    static func waitReadable(_ fd: Int32, until deadline: ContinuousClock.Instant) throws -> Bool {
        while true {
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero { return false }
            let ms = Int32(
                clamping: max(
                    1, remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000))
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let n = poll(&poller, 1, ms)
            if n > 0 { return true }
            if n < 0 && errno != EINTR { throw CaseFailure("poll failed: errno \(errno)") }
        }
    }

    /// Writes every byte, waiting (up to 10 s) while the socket buffer is full.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        let deadline = ContinuousClock.now + .seconds(10)
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                guard ContinuousClock.now < deadline else {
                    throw CaseFailure("write timed out: the target stopped reading")
                }
            } else {
                throw CaseFailure(
                    "write failed: \(String(cString: strerror(errno))) (the target closed the connection?)")
            }
        }
    }
}

extension RawSocket {
    /// Blocks the calling thread for `duration` (pacing of deliberately slow writes only).
    static func pause(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
