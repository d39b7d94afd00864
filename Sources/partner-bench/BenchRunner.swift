import FramedJSON
import FramedRPC
import FramedRPCTCP
import PartnerAPI

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the chosen scenarios against one server (started here or given) and prints their
/// figures. Exit status 1 in `--quick` mode when any call failed.
struct BenchRunner {
    let options: BenchOptions
    let host: String
    let port: Int
    let token: String?
    let server: ProcessProbe?
    let group: EventLoopGroup
    /// Distinguishes the names and idempotency keys of this run from earlier ones.
    let runTag: String

    /// Runs every scenario in order; what each one saw (its calls in the measured window, its
    /// failed calls).
    func run() async throws -> [(scenario: BenchOptions.Scenario, stats: WorkerStats)] {
        var outcomes: [(scenario: BenchOptions.Scenario, stats: WorkerStats)] = []
        var data: BenchData?
        for scenario in options.scenarios {
            switch scenario {
            case .get, .list, .write, .mixed:
                if data == nil { data = try await prepareData() }
            default: break
            }
            outcomes.append((scenario, try await run(scenario, data: data)))
        }
        return outcomes
    }

    private func run(_ scenario: BenchOptions.Scenario, data: BenchData?) async throws -> WorkerStats {
        let connections = options.connections(for: scenario)
        let k = options.inFlight
        switch scenario {
        case .idle:
            return try await IdleScenario(runner: self, connections: connections).run()
        case .noread:
            return try await NoReadScenario(runner: self, connections: connections).run()
        case .stream:
            return await runStream(connections: connections)
        default:
            break
        }
        let clients = makeClients(connections)
        // Open every connection before the clock starts: connecting is not what is measured.
        for client in clients {
            _ = try await client.unary(
                "Health.Check", params: JSONValue.object([:]), options: .init(timeout: .seconds(30)))
        }
        let call = try unaryCall(
            scenario, clients: clients, data: data ?? BenchData(customerIds: [], subscriptionIds: []))
        let m = await ClosedLoop.measure(
            connections: connections, perConnection: k, warmup: options.warmup, duration: options.duration,
            server: server, executor: executor(for:), worker: ClosedLoop.unary(call))
        var extra: KeyValuePairs<String, String> = [:]
        if scenario == .write { extra = ["idempotency_keys": options.idempotencyKeys ? "on" : "off"] }
        if scenario == .echo { extra = ["message_bytes": "\(options.messageBytes)"] }
        BenchReport.print(
            scenario: scenario.rawValue, connections: connections, inFlight: k, measurement: m, extra: extra)
        for client in clients { await client.close() }
        return m.stats
    }

    /// Where connection `index`'s workers run: the global executor (nil), or with
    /// `--client-executor loop` a client event loop (connections take the group's loops
    /// round-robin as they connect, so with several loops this is the likely one).
    func executor(for index: Int) -> (any TaskExecutor)? {
        options.clientOnLoop ? group.loops[index % group.loops.count] : nil
    }

    /// One `RPCClient` (one TCP connection) per connection, without retries.
    func makeClients(_ count: Int) -> [RPCClient] {
        (0..<count).map { _ in
            RPCClient(
                transport: TCPClientTransport(config: .init(host: host, port: port), group: group),
                config: RPCClientConfig(authorization: token.map { "Bearer \($0)" }))
        }
    }

    /// The call a worker of `scenario` repeats.
    private func unaryCall(_ scenario: BenchOptions.Scenario, clients: [RPCClient], data: BenchData) throws
        -> @Sendable (Int, Int, Int) async throws -> Void
    {
        let partners = clients.map { PartnerClient(rpc: $0, retry: .init(maxAttempts: 1)) }
        let customers = data.customerIds
        let subscriptions = data.subscriptionIds
        let k = options.inFlight
        let keys = options.idempotencyKeys
        let tag = runTag
        if scenario == .get || scenario == .mixed, customers.isEmpty {
            throw BenchError("\(scenario.rawValue) needs customers: seed some with --seed-customers N")
        }
        if scenario == .write || scenario == .mixed, subscriptions.isEmpty {
            throw BenchError("\(scenario.rawValue) needs subscriptions: seed some with --seed-customers N")
        }
        @Sendable func get(_ c: Int, _ w: Int, _ i: Int) async throws {
            let index = (i &* 7919 &+ w &* 31 &+ c &* 131) % customers.count
            _ = try await partners[c].customers.get(.init(customerId: customers[index]))
        }
        @Sendable func write(_ c: Int, _ w: Int, _ i: Int) async throws {
            // Each worker owns one subscription (shared only when there are fewer than C x K),
            // and alternates +1/-1 so seat counts stay where they were.
            let subscription = subscriptions[(c * k + w) % subscriptions.count]
            let options = keys ? RPCCallOptions(idempotencyKey: "\(tag)-\(c)-\(w)-\(i)") : RPCCallOptions()
            _ = try await partners[c].subscriptions.changeSeats(
                .init(subscriptionId: subscription, delta: i.isMultiple(of: 2) ? 1 : -1, reason: "bench"),
                options: options)
        }
        switch scenario {
        case .echo:
            let params = EchoParams(message: String(repeating: "m", count: options.messageBytes))
            return { c, _, _ in _ = try await clients[c].unary("Conformance.Echo", params: params) }
        case .get:
            return get
        case .list:
            return { c, _, _ in _ = try await partners[c].customers.list(.init(pageSize: 50)) }
        case .write:
            return write
        case .mixed:
            return { c, w, i in
                // Counted per worker: each worker's every tenth call is a write.
                if (i &+ w) % 10 == 9 { try await write(c, w, i) } else { try await get(c, w, i) }
            }
        default:
            throw BenchError("\(scenario.rawValue) is not a unary scenario")
        }
    }

    /// K streams per connection of `Conformance.Stream`; every item counts as a call, and its
    /// latency is the gap since the previous item of the same stream.
    private func runStream(connections: Int) async -> WorkerStats {
        let clients = makeClients(connections)
        let params = StreamParams(count: 100_000, itemBytes: options.itemBytes)
        let worker: ClosedLoop.Worker = { c, _, window in
            var stats = WorkerStats()
            while monotonicNanoseconds() < window.end {
                let stream = clients[c].serverStream(
                    "Conformance.Stream", params: params, options: .init(streamWindow: 256))
                var last = monotonicNanoseconds()
                do {
                    for try await _ in stream {
                        let now = monotonicNanoseconds()
                        if now >= window.start && now < window.end {
                            stats.calls += 1
                            stats.histogram.record(nanoseconds: now - last)
                        }
                        last = now
                        if now >= window.end { break }
                    }
                } catch {
                    stats.fail(error)
                }
            }
            return stats
        }
        let m = await ClosedLoop.measure(
            connections: connections, perConnection: options.inFlight, warmup: options.warmup,
            duration: options.duration, server: server, executor: executor(for:), worker: worker)
        BenchReport.print(
            scenario: "stream", connections: connections, inFlight: options.inFlight, measurement: m,
            extra: ["item_bytes": "\(options.itemBytes)", "unit": "items"])
        for client in clients { await client.close() }
        return m.stats
    }

    /// Seeds (`--seed-customers`, default 1000 on a spawned server) or discovers the data.
    private func prepareData() async throws -> BenchData {
        let rpc = makeClients(1)[0]
        let client = PartnerClient(rpc: rpc)
        let seed = options.seedCustomers ?? (options.spawnServer != nil ? (options.quick ? 64 : 1000) : 0)
        let started = monotonicNanoseconds()
        let data: BenchData
        if seed > 0 {
            data = try await BenchData.seed(count: seed, client: client, runTag: runTag)
            let seconds = Double(monotonicNanoseconds() - started) / 1e9
            emit("seeded \(seed) customers with one subscription each in \(BenchReport.fixed(seconds, 1)) s")
        } else {
            data = try await BenchData.discover(client: client)
            emit("found \(data.customerIds.count) customers and \(data.subscriptionIds.count) subscriptions")
        }
        await rpc.close()
        return data
    }
}
