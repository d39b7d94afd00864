// partner-server: the PartnerConsole server on TCP, data in an embedded SQLite store (or in
// PostgreSQL shared by several replicas: StoreSelection.swift).
import Dispatch
import FramedRPC
import FramedRPCTCP
import Observability
import PartnerAPI
import PartnerCore
import PartnerServer
import PartnerService
import PartnerStore
import ToolSupport

#if canImport(Glibc)
    import Glibc
#endif

let usage = """
    partner-server — the PartnerConsole backend (framed JSON-RPC over TCP, SQLite storage)

    USAGE
      partner-server [options]                       serve
      partner-server create-partner [--data DIR | --database-url URL] --name NAME
                                                     add a partner; prints its first agent's token

    OPTIONS
      --listen HOST:PORT              address to listen on (default 127.0.0.1:7420; port 0 = any)
      --data DIR                      data folder (default ./data); created on first start, with
                                      DIR/bootstrap-token holding the default partner's token
    \(StoreSelection.usage)
      --enable-conformance-service    serve Conformance.Echo / Conformance.Stream (WIRE.md)
      --log-level LEVEL               debug | info | warning | error (default info)
      --log-format FORMAT             logfmt | json: one logfmt line or one JSON object per event (default logfmt)
      --access-log MODE               on | errors | off: a line per call and per connection, only those that
                                      failed, or none (default on)
      --metrics-listen HOST:PORT      serve HTTP GET /metrics (Prometheus), /healthz and /readyz here
                                      (default off)
      --loops N                       event-loop threads (default: one per core)
      --max-frame-bytes N             largest frame accepted (default 4194304)
      --max-concurrent-calls N        running calls per connection before reading pauses (default 128)
      --max-batch N                   largest JSON-RPC batch (default 100)
      --idle-timeout SECONDS          close connections idle this long (default 300)
      --frame-timeout SECONDS         a started frame must finish within this (default 30; decimals allowed)
      --rate-limit-connection N       calls per second one connection may make (token bucket, burst N);
                                      over it: RESOURCE_EXHAUSTED with data.retryAfterMs (default 0 = off)
      --rate-limit-agent N            calls per second one authenticated agent may make, over all its
                                      connections (default 200000; 0 = off)
      --outbound-stall-timeout SECONDS
                                      a client that reads none of the answers waiting for it this
                                      long is closed, without a flush (default 20)
      --max-server-outbound-mib N     answers all connections together may hold queued for their
                                      clients; past it a client not keeping up is closed (default 128)
      --rate-limit-refusals N         refused authentications per second one source host may cause
                                      (burst 10 N); past it a refusal is answered RESOURCE_EXHAUSTED
                                      with data.retryAfterMs; valid tokens are never held back
                                      (default 100; 0 = off)
      --cache-records N               decoded records the store keeps in memory, about 2.7 KiB each
                                      (default 50000; 0 = none)
      --cache-answers N               customers and subscriptions kept encoded, each kind, so an
                                      unchanged one is answered by copying its bytes (default 8192;
                                      about 2.4 KB each; 0 = none)
      --readers N                     store threads (and SQLite connections) for reads the record
                                      cache cannot answer (default: half the processors, 1 to 3;
                                      here \(SQLiteRecordStore.Config.defaultReaderCount))
      --page-cache-mib N              SQLite page cache of each store connection, the writer and
                                      each reader (default 16). With the defaults the server
                                      stays under 300 MB whatever the data size
      --page-size BYTES               page size of a SQLite database this start creates: a power of
                                      two from 512 to 65536 (default 4096). 2048 writes a quarter
                                      less per change and reads slower once the data outgrow the
                                      caches. A database that exists keeps its own
      --drain-grace SECONDS           on SIGTERM/SIGINT, time in-flight calls get to finish (default 10)
      --tls-cert PATH                 serve TLS with this PEM certificate chain (needs --tls-key)
      --tls-key PATH                  the PEM private key of --tls-cert
      --tls-client-ca PATH            mutual TLS: clients must present a certificate from these CAs
      --clock-offset-days N           run the domain clock N days off the wall clock (demos and tests:
                                      e.g. -40 to buy in a month that has ended by the next start)
      --config FILE                   read options from FILE: one `name = value` per line, names without
                                      dashes (e.g. `listen = 0.0.0.0:7420`), `#` comments
      --version                       print the version and git commit
      --help                          this text

    ENVIRONMENT
      Every option can also be set as PARTNER_<NAME> (upper case, dashes as underscores): the command
      line wins over the environment, the environment over the --config file, the file over defaults.
    \(ServerConfiguration.environmentHelp)

    Logs are one logfmt (or JSON) line per event on standard error.
    """

func fail(_ message: String) -> Never {
    let line = Array("partner-server: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
}

func run() async -> Int32 {
    var args: CommandArguments
    do {
        args = try CommandArguments(Array(CommandLine.arguments.dropFirst()), flags: ServerConfiguration.flags)
    } catch {
        fail("\(error)\n\(usage)")
    }
    if args.flag("help") {
        print(usage)
        return 0
    }
    if args.flag("version") {
        print(BuildInfo.versionLine(tool: "partner-server"))
        return 0
    }
    do {
        try ServerConfiguration.apply(to: &args)
    } catch {
        fail(error.message)
    }
    let command = args.nextPositional()
    do {
        switch command {
        case nil: return try await serve(&args)
        case "create-partner": return try await createPartner(&args)
        case let other?: fail("unknown command '\(other)'; see --help")
        }
    } catch let error as CommandLineError {
        fail(error.message)
    } catch {
        fail("\(error)")
    }
}

func createPartner(_ args: inout CommandArguments) async throws -> Int32 {
    let data = args.value("data") ?? "./data"
    let name = try args.required("name")
    let url = try StoreSelection.databaseURL(&args)
    try args.finish()
    let created = try await PartnerApplication.createPartnerOnline(name: name, dataDirectory: data, databaseURL: url)
    print("partner \(created.partnerId) agent \(created.agentId)")
    print("token \(created.token)")
    return 0
}

func serve(_ args: inout CommandArguments) async throws -> Int32 {
    let (host, port) = try parseHostPort(args.value("listen") ?? "127.0.0.1:7420")
    let data = args.value("data") ?? "./data"
    let levelName = args.value("log-level") ?? "info"
    guard let level = LogfmtLogger.Level(name: levelName) else {
        throw CommandLineError("option --log-level must be debug, info, warning or error, got '\(levelName)'")
    }
    let formatName = args.value("log-format") ?? "logfmt"
    guard let format = LogfmtLogger.Format(rawValue: formatName) else {
        throw CommandLineError("option --log-format must be logfmt or json, got '\(formatName)'")
    }
    let accessLogName = args.value("access-log") ?? "on"
    guard let accessLog = AccessLog.Mode(rawValue: accessLogName) else {
        throw CommandLineError("option --access-log must be on, errors or off, got '\(accessLogName)'")
    }
    let metricsListen = try args.value("metrics-listen").map(parseHostPort)
    var config = RPCServerConfig()
    config.maxFrameBytes = try args.integer("max-frame-bytes", default: config.maxFrameBytes, in: 1024...(64 << 20))
    config.maxConcurrentCallsPerConnection = try args.integer(
        "max-concurrent-calls", default: config.maxConcurrentCallsPerConnection, in: 1...100_000)
    config.maxBatch = try args.integer("max-batch", default: config.maxBatch, in: 1...10_000)
    config.idleTimeout = .milliseconds(Int64(try args.seconds("idle-timeout", default: 300) * 1000))
    config.frameTimeout = .milliseconds(Int64(try args.seconds("frame-timeout", default: 30) * 1000))
    config.drainGrace = .milliseconds(Int64(try args.seconds("drain-grace", default: 10) * 1000))
    config.outboundStallTimeout = .milliseconds(Int64(try args.seconds("outbound-stall-timeout", default: 20) * 1000))
    let serverOutbound = try args.integer("max-server-outbound-mib", default: 128, in: 1...(1 << 20)) << 20
    let connectionRate = try args.integer("rate-limit-connection", default: 0, in: 0...100_000_000)
    config.connectionRateLimit = connectionRate > 0 ? RPCRateLimit(callsPerSecond: connectionRate) : nil
    let defaultAgentRate = PartnerApplication.Options(dataDirectory: data).agentRateLimit?.callsPerSecond ?? 0
    let agentRate = try args.integer("rate-limit-agent", default: defaultAgentRate, in: 0...100_000_000)
    let defaultRefusalRate = PartnerApplication.Options(dataDirectory: data).refusalRateLimit?.callsPerSecond ?? 0
    let refusalRate = try args.integer("rate-limit-refusals", default: defaultRefusalRate, in: 0...100_000_000)
    var storeConfig = SQLiteRecordStore.Config()
    storeConfig.cacheCapacity = try args.integer(
        "cache-records", default: storeConfig.cacheCapacity, in: 0...100_000_000)
    let answerCache = try args.integer(
        "cache-answers", default: Customer.encodingMemo.capacity, in: 0...100_000_000)
    Customer.encodingMemo.resize(capacity: answerCache)
    Subscription.encodingMemo.resize(capacity: answerCache)
    storeConfig.readerCount = try args.integer("readers", default: storeConfig.readerCount, in: 1...64)
    storeConfig.pageCacheKiB =
        try args.integer("page-cache-mib", default: storeConfig.pageCacheKiB / 1024, in: 1...65_536) * 1024
    storeConfig.pageSize = try args.integer("page-size", default: storeConfig.pageSize, in: 512...65_536)
    guard storeConfig.pageSize.nonzeroBitCount == 1 else {
        throw CommandLineError(
            "option --page-size must be a power of two (512, 1024, ... 65536), got \(storeConfig.pageSize)")
    }
    let loops = try args.integer("loops", default: System.coreCount, in: 1...256)
    let conformance = args.flag("enable-conformance-service")
    let offsetDays = try args.integer("clock-offset-days", default: 0, in: -3650...3650)
    let databaseURL = try StoreSelection.databaseURL(&args)
    var tls = try tlsConfiguration(&args)
    try args.finish()

    let descriptorLimit = DescriptorLimit.raiseToHard()
    // Buffered: threads serving calls never wait for the log's file or pipe.
    let logger = LogfmtLogger(minimumLevel: level, format: format, buffered: true)
    defer { logger.flush() }
    tls?.onHandshakeFailure = { peer, reason in
        logger.log(.warning, "tls.handshake_failed", ["peer": peer, "reason": reason])
    }
    // Both listeners are bound before the data folder is created: a busy port leaves nothing behind.
    let transport = TCPServerTransport(
        config: .init(
            host: host, port: port, loopCount: loops, maxFrameBytes: config.maxFrameBytes,
            idleTimeout: config.idleTimeout, frameTimeout: config.frameTimeout,
            highWater: config.outboundHighWaterBytes, lowWater: config.outboundLowWaterBytes,
            maxBufferedOutboundBytes: config.maxBufferedOutboundBytes, maxServerOutboundBytes: serverOutbound,
            outboundStallTimeout: config.outboundStallTimeout, tls: tls))
    let bound = try transport.listen()
    let operations: ServerOperations
    do {
        operations = try ServerOperations(
            accessLog: accessLog, logger: logger, metricsListen: metricsListen, data: data)
    } catch {
        transport.stopListening()
        throw error
    }
    defer { operations.stop() }
    config.observer = operations.observer
    var options = PartnerApplication.Options(dataDirectory: data)
    options.enableConformanceService = conformance
    storeConfig.onCommit = operations.onCommit
    let location: StoreLocation =
        if let databaseURL { .postgres(url: databaseURL) } else { .sqlite(dataDirectory: data, config: storeConfig) }
    options.servesAdminSpool = location.isSingleProcess
    options.serverConfig = config
    options.agentRateLimit = agentRate > 0 ? RPCRateLimit(callsPerSecond: agentRate) : nil
    options.refusalRateLimit =
        refusalRate > 0 ? RPCRateLimit(callsPerSecond: refusalRate, burst: refusalRate * 10) : nil
    if offsetDays != 0 { options.clock = OffsetClock(days: Int64(offsetDays)) }
    options.onInternalError = { method, error in
        logger.log(.error, "call.internal_error", ["method": method, "error": "\(error)"])
    }
    let app: PartnerApplication
    do {
        app = try await PartnerApplication.open(location, options: options)
    } catch {
        transport.stopListening()
        throw error
    }
    operations.start(app: app)
    logger.log(
        .info, "server.listening",
        [
            "address": "\(bound.host):\(bound.port)", "data": data,
            "store": StoreSelection.describe(url: databaseURL, data: data), "loops": "\(loops)",
            "readers": databaseURL == nil ? "\(storeConfig.readerCount)" : "-",
            "conformance": conformance ? "on" : "off",
            "tls": tls == nil ? "off" : tls?.clientCAPath == nil ? "on" : "mutual",
            "clock_offset_days": "\(offsetDays)",
            "rate_limit_connection": connectionRate > 0 ? "\(connectionRate)/s" : "off",
            "rate_limit_agent": agentRate > 0 ? "\(agentRate)/s" : "off",
            "rate_limit_refusals": refusalRate > 0 ? "\(refusalRate)/s" : "off",
            "bootstrap_token": PartnerApplication.bootstrapTokenPath(data),
            "metrics": operations.probes.map { "\($0.host):\($0.port)" } ?? "off", "access_log": accessLog.rawValue,
            "version": BuildInfo.version, "commit": BuildInfo.commit, "descriptor_limit": "\(descriptorLimit)",
        ])

    if databaseURL == nil, let mode = PartnerApplication.dataFolderExposure(data) {
        logger.log(
            .warning, "store.folder_exposed",
            ["data": data, "mode": mode, "hint": "other users can see the store's files; chmod 700 \(data)"])
    }

    let grace = config.drainGrace
    let signals = ShutdownSignals { name in
        logger.log(.info, "server.draining", ["signal": name, "grace": "\(grace)"])
        app.server.beginGracefulShutdown()
    }
    defer { signals.cancel() }
    do {
        try await app.server.serve(on: transport)
    } catch {
        logger.log(.error, "server.failed", ["error": "\(error)"])
        await app.close()
        return 1
    }
    await app.close()
    logger.log(.info, "server.stopped")
    return 0
}

/// `--tls-cert`, `--tls-key`, `--tls-client-ca`: nil when TLS is off.
func tlsConfiguration(_ args: inout CommandArguments) throws -> TLSConfiguration? {
    let certificate = args.value("tls-cert")
    let key = args.value("tls-key")
    let clientCA = args.value("tls-client-ca")
    switch (certificate, key) {
    case (let certificate?, let key?):
        return .server(certificateChainPath: certificate, privateKeyPath: key, clientCAPath: clientCA)
    case (nil, nil):
        if clientCA != nil { throw CommandLineError("option --tls-client-ca needs --tls-cert and --tls-key") }
        return nil
    case (nil, _?):
        throw CommandLineError("option --tls-key needs --tls-cert")
    case (_?, nil):
        throw CommandLineError("option --tls-cert needs --tls-key")
    }
}

/// SIGTERM and SIGINT through Dispatch signal sources: the first one begins a graceful drain.
/// The sources are created once and only cancelled afterwards, so sharing them is safe.
final class ShutdownSignals: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    init(onSignal: @escaping @Sendable (String) -> Void) {
        var sources: [any DispatchSourceSignal] = []
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { onSignal(name) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func cancel() { for source in sources { source.cancel() } }
}

/// The wall clock shifted by whole days (`--clock-offset-days`).
struct OffsetClock: DomainClock {
    let days: Int64
    func now() -> Timestamp { SystemClock().now().adding(days: days) }
}

enum System {
    static var coreCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

exit(await run())
