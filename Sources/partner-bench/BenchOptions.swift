import ToolSupport

/// What to measure and how, read from the command line (see `BenchOptions.usage`).
struct BenchOptions: Sendable {
    /// The scenarios `partner-bench` knows.
    enum Scenario: String, Sendable, CaseIterable {
        case echo, get, list, write, mixed, stream, idle, noread
    }

    var scenarios: [Scenario]
    var connections: Int?
    var inFlight: Int
    var duration: Double
    var warmup: Double
    var target: (host: String, port: Int)?
    var spawnServer: String?
    var serverArguments: [String]
    var serverPid: Int32?
    var token: String?
    var seedCustomers: Int?
    var messageBytes: Int
    var itemBytes: Int
    var idempotencyKeys: Bool
    var quick: Bool
    var clientLoops: Int
    var clientOnLoop: Bool
    var hold: Double

    static let usage = """
        partner-bench — load and measure a PartnerConsole server

        USAGE
          partner-bench SCENARIO... [options]
          partner-bench --quick --spawn-server PATH        every scenario for a few seconds; exit 1 on any error

        SCENARIOS
          echo     Conformance.Echo with a --message-bytes message (the protocol alone)
          get      Customers.Get of seeded customers (authenticated)
          list     Customers.List, pages of 50
          write    Subscriptions.ChangeSeats, durable, alternating +1/-1 (--idempotency-keys on|off)
          mixed    90% Customers.Get, 10% Subscriptions.ChangeSeats
          stream   Conformance.Stream items per second (K streams per connection)
          idle     --connections idle connections (default 10000): server RSS
          noread   clients that stop reading (Conformance.Stream + large Echo answers): server RSS
                   growth, while one echo connection measures latency beside them

        OPTIONS
          --connections C        connections (default 1; write 4; idle 10000; noread: non-reading ones, 1)
          --in-flight K          calls in flight per connection (default 32)
          --duration S           measured seconds (default 10; --quick 1.5)
          --warmup S             unmeasured seconds first (default 2; --quick 0.5)
          --target HOST:PORT     a running server (with --server-pid PID for CPU and RSS)
          --spawn-server PATH    start PATH on a temp data folder, 127.0.0.1 port 0, conformance on
          --server-arg ARG       extra argument for the spawned server (repeatable), e.g. --server-arg=--loops=1
          --token T              bearer token (default: the spawned server's bootstrap token)
          --seed-customers N     create N customers, one subscription each (default 1000 when spawned;
                                 with --target and no seeding, up to 1,000,000 existing ones are listed)
          --message-bytes N      echo message size (default 600)
          --item-bytes N         stream item padding (default 100)
          --idempotency-keys on|off   write with a fresh idempotency key per call (default off)
          --client-loops N       client event-loop threads (default 1)
          --client-executor global|loop   where the calling tasks run: Swift's global executor
                                 (default; most calls/s) or their connection's event loop (no
                                 thread hop: less client CPU per call, one client thread)
          --hold S               idle: seconds to hold the connections before measuring (default 3)
          --quick                short run; exit status 1 if any call failed

        OUTPUT
          a summary per scenario and one line per scenario:
          RESULT scenario=... calls_per_s=... p50_us=... p99_us=... p999_us=... errors=... server_cpu_us_per_call=... server_rss_mb=...
        """

    /// Reads `arguments` (without the program name).
    /// - Throws: `CommandLineError` naming the bad option.
    static func parse(_ arguments: [String]) throws(CommandLineError) -> BenchOptions {
        var args = try CommandArguments(arguments, flags: ["quick", "help"])
        if args.flag("help") { throw CommandLineError(usage) }
        let quick = args.flag("quick")
        var scenarios: [Scenario] = []
        while let name = args.nextPositional() {
            if name == "all" {
                scenarios += [.echo, .get, .list, .write, .mixed, .stream]
                continue
            }
            guard let scenario = Scenario(rawValue: name) else {
                throw CommandLineError(
                    "unknown scenario '\(name)'; one of \(Scenario.allCases.map(\.rawValue).joined(separator: ", ")), all"
                )
            }
            scenarios.append(scenario)
        }
        if scenarios.isEmpty {
            guard quick else { throw CommandLineError("name a scenario\n\n\(usage)") }
            scenarios = [.echo, .get, .list, .write, .mixed, .stream]
        }
        let target = try args.value("target").map { text throws(CommandLineError) in try parseHostPort(text) }
        let spawn = args.value("spawn-server")
        if (target == nil) == (spawn == nil) {
            throw CommandLineError("give exactly one of --target HOST:PORT or --spawn-server PATH")
        }
        let keys = args.value("idempotency-keys") ?? "off"
        guard keys == "on" || keys == "off" else {
            throw CommandLineError("option --idempotency-keys must be on or off, got '\(keys)'")
        }
        let connections =
            args.value("connections") == nil ? nil : try args.integer("connections", default: 1, in: 1...100_000)
        let seed =
            args.value("seed-customers") == nil
            ? nil : try args.integer("seed-customers", default: 0, in: 0...1_000_000)
        let pid =
            args.value("server-pid") == nil
            ? nil : Int32(try args.integer("server-pid", default: 0, in: 1...Int(Int32.max)))
        let options = BenchOptions(
            scenarios: scenarios,
            connections: connections,
            inFlight: try args.integer("in-flight", default: 32, in: 1...10_000),
            duration: try args.seconds("duration", default: quick ? 1.5 : 10),
            warmup: try args.seconds("warmup", default: quick ? 0.5 : 2),
            target: target,
            spawnServer: spawn,
            serverArguments: args.options["server-arg"] ?? [],
            serverPid: pid,
            token: args.value("token"),
            seedCustomers: seed,
            messageBytes: try args.integer("message-bytes", default: 600, in: 0...(3 << 20)),
            itemBytes: try args.integer("item-bytes", default: 100, in: 0...(1 << 20)),
            idempotencyKeys: keys == "on",
            quick: quick,
            clientLoops: try args.integer("client-loops", default: 1, in: 1...64),
            clientOnLoop: try clientExecutor(args.value("client-executor")),
            hold: try args.seconds("hold", default: quick ? 0.5 : 3))
        _ = args.value("server-arg")
        try args.finish()
        return options
    }

    private static func clientExecutor(_ value: String?) throws(CommandLineError) -> Bool {
        switch value ?? "global" {
        case "loop": return true
        case "global": return false
        case let other: throw CommandLineError("option --client-executor must be loop or global, got '\(other)'")
        }
    }

    /// Connections for `scenario`: the option, else the scenario's default.
    func connections(for scenario: Scenario) -> Int {
        if let connections { return connections }
        switch scenario {
        case .write: return quick ? 2 : 4
        case .idle: return quick ? 200 : 10_000
        case .noread: return 1
        default: return 1
        }
    }
}
