import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL cluster for tests: `initdb` + `pg_ctl` from Debian's `postgresql`
/// package (found under `/usr/lib/postgresql/*/bin`, or on `PATH`) in a temporary folder,
/// listening on 127.0.0.1 on a free port, trust authentication for the user `partner`.
/// Running as root, the cluster runs as the `postgres` OS user (`runuser`), which owns the
/// folder. Every command has a timeout. A cluster that cannot start throws `Failure`
/// saying why: tests fail, they never skip.
///
/// ```swift
/// let cluster = try await PostgresTestCluster.shared()     // one per test process
/// let url = try await cluster.createDatabase()                   // a fresh database per test
/// // ... partner-server --database-url \(url) ...
/// ```
/// The shared cluster is stopped when the test process exits (`atexit`); `stop()` stops
/// one started with `start()` (tests that own theirs call it in a `defer`).
public final class PostgresTestCluster: Sendable {
    /// Why the cluster could not be started or used.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the command's output or the server log where there is one.
        public var description: String
        /// A failure saying `description`.
        public init(_ description: String) { self.description = description }
    }

    /// The folder holding the cluster (`data/`), its socket and its log.
    public let folder: String
    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// The folder of `initdb`, `pg_ctl`, `createdb`, `pgbench`, `psql`.
    public let binaries: String
    private let databaseCounter = Atomic<Int>(0)

    /// The data directory.
    public var dataDirectory: String { folder + "/data" }
    /// The server log.
    public var logPath: String { folder + "/postgres.log" }

    /// A URL for `database` as the `partner` user.
    public func url(database: String) -> String { "postgresql://partner@127.0.0.1:\(port)/\(database)" }

    private init(folder: String, port: Int, binaries: String) {
        self.folder = folder
        self.port = port
        self.binaries = binaries
    }

    // MARK: Shared cluster

    private static let sharedCluster = Mutex<Result<PostgresTestCluster, Failure>?>(nil)

    /// The test process's cluster, started on first use and stopped at process exit.
    /// - Throws: `Failure` saying why it could not start (every later call throws it too).
    public static func shared() async throws -> PostgresTestCluster {
        try await onThread {
            try sharedCluster.withLock { slot -> PostgresTestCluster in
                if let slot { return try slot.get() }
                let result: Result<PostgresTestCluster, Failure>
                do {
                    result = .success(try start())
                } catch let failure as Failure {
                    result = .failure(failure)
                } catch {
                    result = .failure(Failure("\(error)"))
                }
                slot = result
                if case .success = result { atexit(stopSharedPostgresClusterAtExit) }
                return try result.get()
            }
        }
    }

    /// `onThread`, under the name the PostgreSQL tests first used.
    @discardableResult
    public static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await onThread(body)
    }

    fileprivate static func stopSharedAtExit() {
        if case .success(let cluster) = sharedCluster.withLock({ $0 }) { cluster.stop() }
    }

    // MARK: Lifecycle

    /// Starts a new cluster (blocking, about a second). Tries three free ports before giving up.
    /// - Throws: `Failure` naming the missing binary, the failed command and its output.
    public static func start() throws -> PostgresTestCluster {
        let binaries = try findBinaries()
        stopOrphans(binaries: binaries)
        let folder = try TemporaryFolders.make("partner-pg")
        chmod(folder, 0o755)
        // Which test process owns the cluster: a later start stops it if that process died
        // without running its exit handler (killed by a timeout, say).
        try? "\(getpid())\n".write(toFile: folder + "/owner.pid", atomically: true, encoding: .utf8)
        if geteuid() == 0 {
            guard let user = getpwnam("postgres") else {
                throw Failure(
                    "running as root, but there is no 'postgres' OS user to run PostgreSQL as (apt install postgresql)")
            }
            guard chown(folder, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else {
                throw Failure("cannot chown \(folder) to postgres: errno \(errno)")
            }
        }
        try runAsOwner(
            binaries + "/initdb", ["-D", folder + "/data", "-A", "trust", "-U", "partner", "--no-sync", "-E", "UTF8"],
            timeout: 60)
        var lastError: (any Error)?
        for _ in 0..<3 {
            let port = try LoopbackPorts.free()
            let cluster = PostgresTestCluster(folder: folder, port: port, binaries: binaries)
            do {
                try cluster.startServer()
                return cluster
            } catch {
                lastError = error
            }
        }
        throw Failure("PostgreSQL did not start: \(lastError.map { "\($0)" } ?? "?")")
    }

    /// Starts the server on the existing data directory (after `stop()` or `kill()`).
    /// - Throws: `Failure` with pg_ctl's output and the server log's tail.
    public func startServer() throws {
        let options =
            "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=1000"
        do {
            try Self.runAsOwner(
                binaries + "/pg_ctl", ["-D", dataDirectory, "-o", options, "-l", logPath, "-w", "-t", "30", "start"],
                timeout: 40)
        } catch {
            throw Failure("\(error)\n--- postgres.log ---\n\(logTail())")
        }
    }

    /// Stops the server (fast shutdown) and removes the folder. Safe to call twice.
    public func stop() {
        _ = try? Self.runAsOwner(
            binaries + "/pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "-t", "20", "stop"], timeout: 30)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// SIGKILLs the postmaster (and so its children die with it): a crash of the database
    /// server. Start it again with `startServer()`; PostgreSQL replays its WAL.
    /// - Throws: `Failure` when the server's pid cannot be read.
    public func kill() throws {
        guard let text = try? String(contentsOfFile: dataDirectory + "/postmaster.pid", encoding: .utf8),
            let line = text.split(separator: "\n").first, let pid = Int32(line)
        else { throw Failure("no postmaster.pid in \(dataDirectory)") }
        Glibc.kill(pid, SIGKILL)
        // Its backends notice the postmaster is gone; wait until the port is free.
        let deadline = Date().addingTimeInterval(20)
        while Glibc.kill(pid, 0) == 0 || LoopbackPorts.answers(port) {
            guard Date() < deadline else { throw Failure("postgres \(pid) still alive 20 s after SIGKILL") }
            usleep(20_000)
        }
        try? FileManager.default.removeItem(atPath: dataDirectory + "/postmaster.pid")
    }

    /// Creates a fresh database and returns its URL.
    /// - Throws: `Failure` with createdb's output.
    public func createDatabase(prefix: String = "t") async throws -> String {
        let name = "\(prefix)\(getpid())_\(databaseCounter.add(1, ordering: .relaxed).newValue)"
        let (binaries, port) = (binaries, port)
        try await onThread {
            try Self.runAsOwner(
                binaries + "/createdb", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "partner", name], timeout: 60)
        }
        return url(database: name)
    }

    /// Runs a tool of the cluster's bin folder (psql, pgbench) as the cluster's owner.
    /// - Returns: its standard output and error.
    /// - Throws: `Failure` when it fails or outlives `timeout`.
    @discardableResult
    public func runTool(_ name: String, _ arguments: [String], timeout: Double = 120) throws -> String {
        try Self.runAsOwner(binaries + "/" + name, arguments, timeout: timeout)
    }

    /// The last lines of the server log.
    public func logTail() -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "(no log)"
        return text.split(separator: "\n").suffix(20).joined(separator: "\n")
    }

    // MARK: Helpers

    /// Stops and removes the clusters whose owning test process is gone.
    static func stopOrphans(binaries: String) {
        let temporary = NSTemporaryDirectory()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []
        for name in names where name.hasPrefix("partner-pg-cmd-") {
            // A command's output file left by a process killed while the command ran.
            let fields = name.split(separator: "-")
            if fields.count >= 4, let owner = Int32(fields[3]), Glibc.kill(owner, 0) != 0, errno == ESRCH {
                unlink(temporary + "/" + name)
            }
        }
        for name in names where name.hasPrefix("partner-pg-") && !name.hasPrefix("partner-pg-cmd-") {
            let folder = temporary + "/" + name
            guard let text = try? String(contentsOfFile: folder + "/owner.pid", encoding: .utf8),
                let owner = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                Glibc.kill(owner, 0) != 0, errno == ESRCH
            else { continue }
            if FileManager.default.fileExists(atPath: folder + "/data/postmaster.pid") {
                _ = try? runAsOwner(
                    binaries + "/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "-t", "20", "stop"],
                    timeout: 30)
            }
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    static func findBinaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            if FileManager.default.isExecutableFile(atPath: "\(folder)/initdb")
                && FileManager.default.isExecutableFile(atPath: "\(folder)/pg_ctl")
            {
                return String(folder)
            }
        }
        throw Failure(
            "PostgreSQL's initdb and pg_ctl were not found under /usr/lib/postgresql/*/bin nor on PATH; "
                + "install Debian's postgresql package (.ci/run does)")
    }

    /// Runs `tool` (as `postgres` through runuser when running as root) with a timeout.
    /// posix_spawn and waitpid, not Foundation's `Process`: `pg_ctl start` leaves a server
    /// running that inherits the output descriptor, which must not keep the wait going.
    @discardableResult
    static func runAsOwner(_ tool: String, _ arguments: [String], timeout: Double) throws -> String {
        // From `/`: the postgres user may not enter the test's working folder (a 0700 clone
        // in a temporary folder), and psql would print that warning into its output.
        var argv = ["/usr/bin/env", "-C", "/", tool] + arguments
        if geteuid() == 0 {
            let runuser =
                FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser")
                ? "/usr/sbin/runuser" : "/sbin/runuser"
            argv = [runuser, "-u", "postgres", "--"] + argv
        }
        let outputPath = NSTemporaryDirectory() + "/partner-pg-cmd-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let outputFD = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard outputFD >= 0 else { throw Failure("cannot create \(outputPath): errno \(errno)") }
        defer {
            close(outputFD)
            unlink(outputPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 1)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 2)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw Failure("cannot run \(argv[0]): error \(spawned)") }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR { throw Failure("waitpid for \(tool) failed: errno \(errno)") }
            if Date() > deadline {
                Glibc.kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw Failure("\(tool) \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
            }
            usleep(10_000)
        }
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            throw Failure("\(tool) \(arguments.joined(separator: " ")) failed (status \(status)): \(text)")
        }
        return text
    }
}

/// `atexit` takes a C function: this one stops the shared cluster.
private func stopSharedPostgresClusterAtExit() {
    PostgresTestCluster.stopSharedAtExit()
}
