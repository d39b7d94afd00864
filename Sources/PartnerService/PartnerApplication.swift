import FramedJSON
public import FramedRPC
import FramedRPCConformance
import PartnerAPI
public import PartnerCore

#if canImport(Glibc)
    import Glibc
#endif

/// A whole PartnerConsole server minus its transport and its store's kind: the domain context
/// over an opened store (any `RecordStore`), every service of `Protocol/partner.openrpc.json`,
/// the interceptors, and the runtime server that a transport (`TCPServerTransport`, or the
/// in-process one in tests) serves. Which store, and how it is opened, is the composition
/// root's choice (`PartnerServer`'s `StoreLocation`).
///
/// ```swift
/// let store = try await StoreLocation.sqlite(dataDirectory: "./data").open()
/// let app = try await PartnerApplication.open(store: store, options: .init(dataDirectory: "./data"))
/// let transport = TCPServerTransport(config: .init(host: "127.0.0.1", port: 7420))
/// try await app.server.serve(on: transport)
/// await app.close()
/// ```
public final class PartnerApplication: Sendable {
    /// What to open and how.
    public struct Options: Sendable {
        /// The folder holding `bootstrap-token` (written by the process that initialised the
        /// store) and, on SQLite, the database; created when missing.
        public var dataDirectory: String
        /// Serve `Conformance.Echo` / `Conformance.Stream` (WIRE.md), off by default.
        public var enableConformanceService = false
        /// Runtime limits and timings.
        public var serverConfig = RPCServerConfig()
        /// The domain's clock (tests pass a fixed one).
        public var clock: any DomainClock = SystemClock()
        /// Calls a second each authenticated agent may make, keyed by agent id (WIRE.md §15);
        /// over it: RESOURCE_EXHAUSTED with `data.retryAfterMs`. `nil` = no limit. Default
        /// 200,000 a second (burst 200,000): far above any one agent's honest use, so only a
        /// runaway client meets it. The per-connection limit is `serverConfig.connectionRateLimit`.
        public var agentRateLimit: RPCRateLimit? = RPCRateLimit(callsPerSecond: 200_000)
        /// Refused authentications a second each source host may cause (WIRE.md §15): past
        /// it a refusal is answered RESOURCE_EXHAUSTED with `data.retryAfterMs` instead of
        /// UNAUTHENTICATED, so an unauthenticated flood is told to back off. Valid tokens are
        /// never held back by it. `nil` = no limit. Default 100 a second, burst 1,000.
        public var refusalRateLimit: RPCRateLimit? = RPCRateLimit(callsPerSecond: 100, burst: 1000)
        /// Remember verified tokens (by hash) so most calls authenticate without a store read;
        /// revocation still applies to the next call. On by default.
        public var cachesTokens = true
        /// Answer `partner-server create-partner` through `<data>/admin/` while running
        /// (`AdminSpool`), for a store only one process may open (SQLite). Off by default;
        /// `partner-server` turns it on for SQLite.
        public var servesAdminSpool = false
        /// How often expired idempotency entries are looked for and deleted
        /// (`IdempotencySweep`); nil: never (tests call `idempotencySweep.pass` themselves).
        public var idempotencySweepInterval: Duration? = .seconds(60)
        /// Called for every INTERNAL error with the method name, for logs.
        public var onInternalError: @Sendable (String, any Error) -> Void = { _, _ in }

        /// Options for `dataDirectory`, everything else default.
        public init(dataDirectory: String) { self.dataDirectory = dataDirectory }
    }

    /// The durable store (SQLite or PostgreSQL, as the composition root chose).
    public let store: any RecordStore
    /// Clock, ids and the admin console port the services use.
    public let context: DomainContext
    /// The runtime server with every service registered.
    public let server: RPCServer
    /// The data folder.
    public let dataDirectory: String
    /// Verified tokens by hash; emptied by every write to tokens or agents made through the
    /// services.
    public let tokenCache: TokenCache
    /// Writes an audit entry for every refused call (authentication and PERMISSION_DENIED).
    public let refusalAuditor: RefusalAuditor
    /// Told of every idempotency entry the services record; deletes expired ones in passes.
    public let idempotencySweep: IdempotencySweep
    /// Answers `AdminSpool` requests while the application is open (SQLite only); cancelled
    /// by `close()`.
    private let adminSpool: Task<Void, Never>?
    /// Runs `idempotencySweep`'s passes while the application is open; cancelled by `close()`.
    private let sweeping: Task<Void, Never>?

    private init(
        store: any RecordStore, context: DomainContext, server: RPCServer, dataDirectory: String,
        tokenCache: TokenCache, refusalAuditor: RefusalAuditor, idempotencySweep: IdempotencySweep,
        adminSpool: Task<Void, Never>?, sweeping: Task<Void, Never>?
    ) {
        self.store = store
        self.context = context
        self.server = server
        self.dataDirectory = dataDirectory
        self.tokenCache = tokenCache
        self.refusalAuditor = refusalAuditor
        self.idempotencySweep = idempotencySweep
        self.adminSpool = adminSpool
        self.sweeping = sweeping
    }

    /// Builds the server over `store`, which it owns from now on (`close()` closes it). On a
    /// store with no partner yet, creates the default partner with one agent holding both
    /// roles and writes its token to `<data>/bootstrap-token` (mode 0600), creating the data
    /// folder when needed.
    /// - Throws: `StoreError` when the store cannot be written or the folder not created.
    public static func open(store: any RecordStore, options: Options) async throws -> PartnerApplication {
        try makeDirectory(options.dataDirectory)
        let pageTokens = try await store.write { tx in try PageTokenKey.ensure(in: tx) }
        let context = makeContext(clock: options.clock, pageTokens: pageTokens)
        try await bootstrapIfEmpty(store: store, context: context, dataDirectory: options.dataDirectory)
        let tokenCache = TokenCache()
        let refusalAuditor = RefusalAuditor(store: store, context: context)
        // Writes made by the services go through the watching store, so a change to a token or
        // an agent empties the token cache before the write's answer is sent.
        let sweep = IdempotencySweep()
        let backend = PartnerBackend(
            store: CredentialWatchingStore(base: store, cache: tokenCache), context: context, idempotencySweep: sweep)
        var services: [any RPCService] = partnerServices(backend: backend)
        services.append(DiscoveryService(document: PartnerSchema.document))
        if options.enableConformanceService { services.append(ConformanceService()) }
        let interceptors: [any RPCServerInterceptor] = [
            InternalErrorLoggingInterceptor(onInternalError: options.onInternalError),
            AuthenticationInterceptor(
                store: store, authenticator: Authenticator(context: context),
                cache: options.cachesTokens ? tokenCache : nil, auditor: refusalAuditor,
                agentRateLimit: options.agentRateLimit, refusalRateLimit: options.refusalRateLimit),
        ]
        let server = RPCServer(services: services, interceptors: interceptors, config: options.serverConfig)
        backend.feed.endWatches(onDrainOf: server.health)
        followRemoteCommits(of: store, tokenCache: tokenCache, feed: backend.feed)
        var spool: Task<Void, Never>?
        if options.servesAdminSpool {
            let admin = AdminSpool(dataDirectory: options.dataDirectory)
            let writer: any RecordStore = CredentialWatchingStore(base: store, cache: tokenCache)
            spool = Task { await admin.serve(store: writer, context: context) }
        }
        let sweeping = options.idempotencySweepInterval.map { interval in
            Task { await sweep.run(store: store, context: context, interval: interval) }
        }
        return PartnerApplication(
            store: store, context: context, server: server, dataDirectory: options.dataDirectory,
            tokenCache: tokenCache, refusalAuditor: refusalAuditor, idempotencySweep: sweep, adminSpool: spool,
            sweeping: sweeping)
    }

    /// Every PartnerConsole service over `backend`.
    public static func partnerServices(backend: PartnerBackend) -> [any RPCService] {
        [PartnersService(backend: backend), AgentsService(backend: backend), TokensService(backend: backend)]
            + customerServices(backend: backend) + commerceServices(backend: backend)
    }

    /// The domain context: the simulated admin console, the commerce side's subscription check,
    /// the page-token key.
    public static func makeContext(clock: any DomainClock, pageTokens: PageTokenCodec = .random()) -> DomainContext {
        DomainContext.simulated(
            clock: clock, liveSubscriptions: SubscriptionLiveness(clock: clock), pageTokens: pageTokens)
    }

    /// Closes the store after pending writes finish.
    public func close() async {
        adminSpool?.cancel()
        sweeping?.cancel()
        await adminSpool?.value
        await sweeping?.value
        await store.close()
    }

    /// Creates another partner with one agent holding both roles.
    /// - Returns: the partner id and the agent's token (shown once).
    public static func createPartner(
        name: String, store: any RecordStore, context: DomainContext
    ) async throws -> (partnerId: String, agentId: String, token: String) {
        let operations = PartnerOperations(context: context)
        return try await store.write { tx in
            let created = try operations.createPartner(name: name, in: tx)
            return (created.partner.id, created.agent.id, created.token)
        }
    }

    /// The path of the bootstrap token file in `dataDirectory`.
    public static func bootstrapTokenPath(_ dataDirectory: String) -> String { dataDirectory + "/bootstrap-token" }

    static func bootstrapIfEmpty(store: any RecordStore, context: DomainContext, dataDirectory: String) async throws {
        let operations = PartnerOperations(context: context)
        let token: String? = try await store.write { tx in
            guard try tx.get(BootstrapMarker.self, id: BootstrapMarker.singletonId) == nil else { return nil }
            let created = try operations.createPartner(name: "Default partner", in: tx)
            try tx.put(BootstrapMarker(partnerId: created.partner.id, agentId: created.agent.id))
            return created.token
        }
        if let token { try writeSecretFile(bootstrapTokenPath(dataDirectory), contents: token + "\n") }
    }

    /// Creates the data folder (mode 0700) unless it exists.
    /// - Throws: `StoreError` (unavailable) when it cannot be created.
    public static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw StoreError(
                code: .unavailable, message: "cannot create data folder \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes `contents` to `path` with mode 0600, replacing it atomically.
    static func writeSecretFile(_ path: String, contents: String) throws {
        let temporary = path + ".tmp"
        let fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError(code: .unavailable, message: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        fchmod(fd, 0o600)
        fsync(fd)
        Glibc.close(fd)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            throw StoreError(code: .unavailable, message: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}

/// Marks that the default partner of a data folder was created, so it happens once.
struct BootstrapMarker: StoredRecord {
    static let kind = RecordKind("bootstrap")
    static let singletonId = "default"
    var id = BootstrapMarker.singletonId
    var partnerId: String
    var agentId: String

    init(partnerId: String, agentId: String) {
        self.partnerId = partnerId
        self.agentId = agentId
    }
}
