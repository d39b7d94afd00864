// swift-tools-version: 6.2
// PartnerConsole: a reseller backend speaking framed JSON-RPC over TCP.
// Toolchain only: no package dependencies. SQLite and OpenSSL come in as system libraries.
// Linux only: the TCP transport is built on epoll; on any other system the build stops at one
// #error in CEpoll's header. The client library links OpenSSL (libssl-dev) for its optional TLS.
import PackageDescription

let package = Package(
    name: "PartnerConsole",
    platforms: [.macOS(.v15)],
    products: [
        /// The bundled client library: `import PartnerAPI` brings the typed stubs, the runtime
        /// client (FramedRPC), the TCP transport (FramedRPCTCP) and the JSON types (FramedJSON).
        .library(name: "PartnerAPI", targets: ["PartnerAPI", "FramedRPCTCP", "FramedRPC", "FramedJSON"]),
        .executable(name: "partner-server", targets: ["partner-server"]),
        .executable(name: "partnerctl", targets: ["partnerctl"]),
        .executable(name: "partner-conformance", targets: ["partner-conformance"]),
        .executable(name: "partner-bench", targets: ["partner-bench"]),
    ],
    targets: [
        // C shims
        .target(name: "CEpoll"),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // A SQLite VFS that gathers a write-ahead log's appends into large writes.
        .target(name: "CSQLiteLog", dependencies: ["CSQLite"]),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),

        // Wire runtime (no I/O) and its transports
        .target(name: "FramedJSON", linkerSettings: [.linkedLibrary("m")]),
        .target(name: "FramedRPC", dependencies: ["FramedJSON"]),
        .target(name: "FramedRPCInProcess", dependencies: ["FramedRPC"]),
        // The Conformance test service (WIRE.md §14.3), served only when a server asks for it.
        .target(name: "FramedRPCConformance", dependencies: ["FramedRPC", "FramedJSON"]),
        .target(name: "FramedRPCTCP", dependencies: ["FramedRPC", "CEpoll", "COpenSSL"]),

        // Domain and storage
        .target(name: "PartnerCore"),
        .target(name: "PartnerStore", dependencies: ["PartnerCore", "CSQLite", "CSQLiteLog", "FramedJSON"]),
        // The same store protocol on PostgreSQL (libpq), for several replicas on one database;
        // it codes record bodies with PartnerStore's RecordCodec.
        .target(name: "PartnerStorePostgres", dependencies: ["PartnerCore", "PartnerStore", "CLibPQ", "FramedJSON"]),

        // Service surface
        .target(
            name: "PartnerAPI", dependencies: ["FramedRPC", "FramedJSON", "FramedRPCTCP"],
            plugins: ["ContractEmbedPlugin"]),
        // Compiles Protocol/partner.openrpc.json into PartnerAPI (PartnerSchema.documentText).
        .plugin(name: "ContractEmbedPlugin", capability: .buildTool()),
        .target(
            name: "PartnerService",
            dependencies: [
                "PartnerAPI", "PartnerCore", "FramedRPC", "FramedJSON", "FramedRPCConformance",
            ]
        ),
        // The composition root: chooses and opens the store (SQLite or PostgreSQL) under the
        // service layer, which knows only the store protocol.
        .target(
            name: "PartnerServer",
            dependencies: ["PartnerService", "PartnerCore", "PartnerStore", "PartnerStorePostgres"]
        ),

        // Executables and what they share (argument parsing, logs, tables)
        .target(name: "ToolSupport", plugins: ["GitCommitPlugin"]),
        // Runs `git rev-parse HEAD` before each build: the commit `--version` prints.
        .plugin(name: "GitCommitPlugin", capability: .buildTool()),
        // Operators' view: access log, Prometheus metrics, the HTTP probe listener.
        .target(name: "Observability", dependencies: ["FramedRPC", "ToolSupport"]),
        .executableTarget(
            name: "partner-server",
            dependencies: [
                "PartnerServer", "PartnerService", "PartnerAPI", "PartnerCore", "PartnerStore", "PartnerStorePostgres",
                "FramedRPC", "FramedRPCTCP", "ToolSupport", "Observability",
            ]
        ),
        .executableTarget(
            name: "partnerctl", dependencies: ["PartnerAPI", "FramedJSON", "FramedRPC", "FramedRPCTCP", "ToolSupport"]),
        // The conformance suite: raw-byte wire cases, schema cases from rpc.discover, domain flows,
        // and a scripted misbehaving server. It depends on no runtime of ours but the JSON library.
        .target(name: "PartnerConformance", dependencies: ["FramedJSON", "ToolSupport"]),
        .executableTarget(
            name: "partner-conformance",
            dependencies: ["PartnerConformance", "FramedJSON", "ToolSupport"]
        ),
        .executableTarget(
            name: "partner-bench",
            dependencies: ["PartnerAPI", "FramedRPC", "FramedJSON", "FramedRPCTCP", "ToolSupport"]
        ),
        // Test helper: writes to a store until killed (PartnerStoreTests' crash test).
        .executableTarget(name: "store-crash-writer", dependencies: ["PartnerStore", "PartnerCore"]),
        // Test helper: holds thousands of idle connections (HostileClientTests), so the test
        // process never does.
        .executableTarget(name: "idle-connections", dependencies: ["ToolSupport"]),

        // Tests
        .testTarget(name: "FramedJSONTests", dependencies: ["FramedJSON"]),
        .testTarget(name: "ToolSupportTests", dependencies: ["ToolSupport"]),
        .testTarget(name: "ObservabilityTests", dependencies: ["Observability", "FramedRPC", "ToolSupport"]),
        .testTarget(name: "FramedRPCTests", dependencies: ["FramedRPC", "FramedRPCInProcess", "FramedRPCConformance"]),
        .testTarget(
            name: "FramedRPCTCPTests",
            dependencies: ["FramedRPCTCP", "FramedRPC", "FramedRPCConformance", "PartnerTestSupport"]),
        .testTarget(name: "PartnerCoreTests", dependencies: ["PartnerCore"]),
        // PartnerAPI on its own: message coding against Codable, compiled schemas against the
        // reference validator.
        .testTarget(name: "PartnerAPITests", dependencies: ["PartnerAPI", "FramedJSON", "PartnerConformance"]),
        // The in-process transport's promises (framing, backpressure, close), without a server.
        .testTarget(name: "FramedRPCInProcessTests", dependencies: ["FramedRPCInProcess", "FramedRPC"]),
        .testTarget(
            name: "FramedRPCConformanceTests",
            dependencies: ["FramedRPCConformance", "FramedRPCInProcess", "FramedRPC", "FramedJSON"]),
        // Test helpers every test target shares: the raw frame socket (WireSocket), partner-server
        // and the other executables as child processes, waits with timeouts, temporary folders,
        // the throwaway PostgreSQL cluster, the stores' test records.
        .target(
            name: "PartnerTestSupport", dependencies: ["FramedJSON", "PartnerCore"], path: "Tests/PartnerTestSupport"),
        // The SQLite store, and the store contract suite run against every store (memory, SQLite,
        // PostgreSQL).
        .testTarget(
            name: "PartnerStoreTests",
            dependencies: ["PartnerStore", "PartnerStorePostgres", "PartnerCore", "PartnerTestSupport"]
        ),
        // What only the PostgreSQL store promises: group commit, several replicas on one database.
        .testTarget(
            name: "PartnerStorePostgresTests",
            dependencies: ["PartnerStorePostgres", "PartnerCore", "PartnerTestSupport"]),
        // Runs partner-bench's quick mode against an in-process server; asserts no errors, never timing.
        .testTarget(
            name: "PartnerBenchTests",
            dependencies: [
                "partner-bench", "PartnerServer", "PartnerService", "FramedRPC", "FramedRPCTCP", "FramedRPCConformance",
                "PartnerTestSupport",
            ]),
        // The conformance suite against a freshly built partner-server, and the Swift client
        // against the suite's misbehaving server.
        .testTarget(
            name: "PartnerConformanceTests",
            dependencies: [
                "PartnerConformance", "PartnerAPI", "FramedJSON", "FramedRPC", "FramedRPCTCP", "partner-server",
                "PartnerTestSupport",
            ]
        ),
        // partner-server as a child process: crashes, restarts, hostile clients, TLS, logs.
        .testTarget(
            name: "PartnerServerTests",
            dependencies: [
                "PartnerAPI", "FramedJSON", "FramedRPC", "FramedRPCTCP", "partner-server", "idle-connections",
                "PartnerTestSupport",
            ]
        ),
        // The Swift client (import PartnerAPI only) against real partner-server processes:
        // failover, keepalive, reconnect, deadlines, the quick start.
        .testTarget(
            name: "PartnerClientTests",
            dependencies: ["PartnerAPI", "partner-server", "partnerctl", "PartnerTestSupport"]),
        // The real partnerctl binary against real partner-server processes: commands, exit codes,
        // usage errors, completion.
        .testTarget(
            name: "partnerctlTests", dependencies: ["PartnerAPI", "partner-server", "partnerctl", "PartnerTestSupport"]),
        .testTarget(
            name: "PartnerServiceTests",
            dependencies: [
                "PartnerServer", "PartnerService", "PartnerAPI", "PartnerCore", "FramedJSON", "FramedRPC",
                "FramedRPCTCP",
                "FramedRPCInProcess", "PartnerTestSupport",
            ]
        ),
    ]
)

// Strict settings, applied to every Swift target in one place; in the product's targets imports
// are internal unless a file says `public import`, so a module re-exports only what its public
// API needs. CI builds (.ci/run sets
// PARTNERCONSOLE_WARNINGS_AS_ERRORS) also treat every warning of the product's own targets as an
// error; not in test targets, where Swift 6.3's @Test/@Suite macro expansions themselves warn
// (`@const` values, `5e-324` underflow) in code no test author can change.
let warningsAsErrors = Context.environment["PARTNERCONSOLE_WARNINGS_AS_ERRORS"] != nil
for target in package.targets where target.type != .system && target.type != .plugin {
    guard !["CEpoll", "CSQLiteLog"].contains(target.name) else { continue }  // C targets
    var settings = target.swiftSettings ?? []
    settings += [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
    if target.type != .test { settings.append(.enableUpcomingFeature("InternalImportsByDefault")) }
    if warningsAsErrors && target.type != .test { settings.append(.treatAllWarnings(as: .error)) }
    target.swiftSettings = settings
}
