#if canImport(Glibc)
    import Glibc
#endif

extension RawConnection {
    /// Without reading anything, writes `probe` every `interval` until a write fails because
    /// the target has closed (reset) the connection. Returns `true` then, or `false` when
    /// `timeout` passes with the connection still open. For rules about a client that stops
    /// reading: the target's close is observed without draining what it queued.
    public func writeProbesUntilClosed(_ probe: [UInt8], every interval: Duration, timeout: Duration) -> Bool {
        recorder.add(.event, "suite writes a probe every \(interval) without reading, until the target closes")
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let written = probe.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
            if written < 0 && (errno == EPIPE || errno == ECONNRESET) {
                recorder.add(.event, "write failed: the target closed the connection")
                return true
            }
            RawSocket.pause(interval)
        }
        return false
    }
}
