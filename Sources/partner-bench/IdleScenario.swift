#if canImport(Glibc)
    import Glibc
#endif

/// `idle`: opens N connections, proves each is served with one `$/ping`, holds them, and
/// reports the server's resident memory against its level before the first connection.
struct IdleScenario {
    let runner: BenchRunner
    let connections: Int

    /// Runs the scenario; its pings (a connection refused counts as a failure).
    func run() async throws -> WorkerStats {
        let server = runner.server
        let before = server?.residentKiB()
        var stats = WorkerStats()
        var open: [RawConnection] = []
        open.reserveCapacity(connections)
        let started = monotonicNanoseconds()
        for index in 0..<connections {
            do {
                let connection = try RawConnection.connect(host: runner.host, port: runner.port)
                open.append(connection)
                let sent = monotonicNanoseconds()
                try connection.send(RawConnection.frame(#"{"jsonrpc":"2.0","id":\#(index),"method":"$/ping"}"#))
                let answer = try connection.readFrame()
                stats.histogram.record(nanoseconds: monotonicNanoseconds() - sent)
                if String(decoding: answer, as: UTF8.self).contains("\"result\"") {
                    stats.calls += 1
                } else {
                    stats.fail(BenchError("$/ping answered \(String(decoding: answer, as: UTF8.self))"))
                }
            } catch {
                stats.fail(error)
                if open.count < index / 2 { break }  // the limit is reached: stop trying
            }
        }
        let opened = Double(monotonicNanoseconds() - started) / 1e9
        await ClosedLoop.sleep(until: monotonicNanoseconds() + UInt64(runner.options.hold * 1e9))
        let after = server?.residentKiB()
        let fds = server?.openDescriptors()
        var m = Measurement(
            stats: stats, seconds: opened, serverCPU: nil, clientCPU: nil, serverStorageBytes: nil,
            serverPeakKiB: server?.peakResidentKiB(), serverResidentKiB: after)
        m.serverCPU = nil
        var growth = "na"
        var perConnection = "na"
        if let before, let after {
            growth = BenchReport.fixed(Double(after - before) / 1024, 1)
            perConnection = BenchReport.fixed(Double(after - before) / Double(max(1, open.count)), 1)
        }
        BenchReport.print(
            scenario: "idle", connections: connections, inFlight: 0, measurement: m,
            extra: [
                "idle_connections": "\(open.count)",
                "server_rss_before_mb": before.map { BenchReport.fixed(Double($0) / 1024, 1) } ?? "na",
                "server_rss_growth_mb": growth, "kib_per_connection": perConnection,
                "server_fds": fds.map(String.init) ?? "na", "unit": "pings",
            ])
        for connection in open { connection.close() }
        return stats
    }
}
