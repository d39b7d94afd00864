import FramedRPC

/// `noread`: N connections each start streams with a huge credit window and ask for large echo
/// answers, then never read a byte. Meanwhile one ordinary connection runs echo calls (1 x K)
/// so the report shows both the server's memory growth and whether other callers still get
/// answers quickly.
struct NoReadScenario {
    let runner: BenchRunner
    let connections: Int

    /// Streams opened per non-reading connection: 10,000 items of 64 KiB credited each.
    static let streamsPerConnection = 8
    /// Echo calls per non-reading connection, each answered with 1 MiB of padding.
    static let echoesPerConnection = 100

    /// Runs the scenario; the calls of the reading connection.
    func run() async throws -> WorkerStats {
        let server = runner.server
        let before = server?.residentKiB()
        let fdsBefore = server?.openDescriptors()
        var silent: [RawConnection] = []
        var requested = 0
        for _ in 0..<connections {
            let connection = try RawConnection.connect(host: runner.host, port: runner.port)
            silent.append(connection)
            for id in 0..<Self.streamsPerConnection {
                let request =
                    #"{"jsonrpc":"2.0","id":\#(id),"method":"Conformance.Stream","params":{"count":100000,"itemBytes":65536},"meta":{"streamWindow":10000}}"#
                if connection.trySend(RawConnection.frame(request)) { requested += 1 }
            }
            for id in 0..<Self.echoesPerConnection {
                let request =
                    #"{"jsonrpc":"2.0","id":\#(1000 + id),"method":"Conformance.Echo","params":{"message":"x","responseBytes":1048576}}"#
                if connection.trySend(RawConnection.frame(request)) { requested += 1 }
            }
        }
        let clients = runner.makeClients(1)
        let params = EchoParams(message: String(repeating: "m", count: runner.options.messageBytes))
        let end = monotonicNanoseconds() + UInt64((runner.options.warmup + runner.options.duration) * 1e9)
        async let peak = Self.peakResident(server, until: end)
        let m = await ClosedLoop.measure(
            connections: 1, perConnection: runner.options.inFlight, warmup: runner.options.warmup,
            duration: runner.options.duration, server: server, executor: runner.executor(for:),
            worker: ClosedLoop.unary { c, _, _ in _ = try await clients[c].unary("Conformance.Echo", params: params) })
        let highest = await peak
        let fdsAfter = server?.openDescriptors()
        var growth = "na"
        if let before, let highest { growth = BenchReport.fixed(Double(highest - before) / 1024, 1) }
        BenchReport.print(
            scenario: "noread", connections: 1, inFlight: runner.options.inFlight, measurement: m,
            extra: [
                "nonreading_connections": "\(connections)", "requests_sent": "\(requested)",
                "server_rss_before_mb": before.map { BenchReport.fixed(Double($0) / 1024, 1) } ?? "na",
                "server_rss_growth_mb": growth,
                "server_fds_before": fdsBefore.map(String.init) ?? "na",
                "server_fds_after": fdsAfter.map(String.init) ?? "na",
            ])
        for connection in silent { connection.close() }
        for client in clients { await client.close() }
        return m.stats
    }

    /// The highest VmRSS seen, sampling every 50 ms until `end`.
    static func peakResident(_ server: ProcessProbe?, until end: UInt64) async -> Int? {
        guard let server else { return nil }
        var highest = server.residentKiB() ?? 0
        while monotonicNanoseconds() < end {
            await ClosedLoop.sleep(until: monotonicNanoseconds() + 50_000_000)
            highest = max(highest, server.residentKiB() ?? 0)
        }
        return highest
    }
}
