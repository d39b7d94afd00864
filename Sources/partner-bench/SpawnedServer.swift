#if canImport(Glibc)
    import Glibc
#endif

/// A `partner-server` started by the bench on a fresh temporary data folder, listening on
/// 127.0.0.1 port 0 with the conformance service on. Its log goes to `<folder>/server.log`; the
/// listening address is read from the first `event=server.listening` line.
///
/// ```swift
/// let server = try SpawnedServer.start(executable: ".build/release/partner-server")
/// print(server.host, server.port, server.pid, server.token)
/// server.stop()
/// ```
struct SpawnedServer: Sendable {
    /// The server's process id.
    let pid: Int32
    /// Where it listens.
    let host: String
    /// Its port.
    let port: Int
    /// The bootstrap agent's token (`<data>/bootstrap-token`).
    let token: String
    /// The temporary folder holding `data/` and `server.log`.
    let folder: String

    /// Starts `executable` and waits (up to `timeout` seconds) for it to listen.
    /// - Throws: `BenchError` when it cannot start, exits early, or does not log its address.
    static func start(executable: String, extraArguments: [String] = [], timeout: Double = 60) throws(BenchError)
        -> SpawnedServer
    {
        var template = Array("/tmp/partner-bench-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw BenchError("cannot create a temporary folder: \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: made)
        let log = folder + "/server.log"
        let arguments =
            [
                executable, "--listen", "127.0.0.1:0", "--data", folder + "/data", "--enable-conformance-service",
            ] + extraArguments
        let pid = try spawn(arguments, stderrPath: log)
        let deadline = monotonicNanoseconds() + UInt64(timeout * 1e9)
        var address: (String, Int)?
        while address == nil {
            if let text = ProcessProbe.read(log),
                let line = text.split(separator: "\n").first(where: {
                    $0.contains("event=server.listening")
                })
            {
                address = parseAddress(line)
                if address == nil { throw BenchError("cannot read the address in the server's log line: \(line)") }
                break
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let text = ProcessProbe.read(log) ?? ""
                throw BenchError("\(executable) exited before listening; its log:\n\(text)")
            }
            if monotonicNanoseconds() > deadline {
                kill(pid, SIGKILL)
                throw BenchError("\(executable) did not log event=server.listening within \(Int(timeout)) s")
            }
            usleep(10_000)
        }
        let tokenPath = folder + "/data/bootstrap-token"
        guard let raw = ProcessProbe.read(tokenPath) else {
            kill(pid, SIGKILL)
            throw BenchError("the server wrote no \(tokenPath)")
        }
        let token = String(raw.filter { !$0.isWhitespace })
        return SpawnedServer(pid: pid, host: address!.0, port: address!.1, token: token, folder: folder)
    }

    /// True while the process has not exited.
    var isRunning: Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
    }

    /// Sends SIGTERM, waits up to 15 s for the drain (then SIGKILL), and removes the folder.
    func stop() {
        kill(pid, SIGTERM)
        let deadline = monotonicNanoseconds() + 15_000_000_000
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || reaped < 0 { break }
            if monotonicNanoseconds() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(10_000)
        }
        _ = Self.run(["/bin/rm", "-rf", folder])
    }

    /// `address=HOST:PORT` out of a logfmt line.
    static func parseAddress(_ line: Substring) -> (String, Int)? {
        guard let field = line.split(separator: " ").first(where: { $0.hasPrefix("address=") }) else { return nil }
        let value = field.dropFirst("address=".count)
        guard let colon = value.lastIndex(of: ":"), let port = Int(value[value.index(after: colon)...]) else {
            return nil
        }
        return (String(value[..<colon]), port)
    }

    /// Starts `arguments[0]` with standard output on /dev/null and standard error on `stderrPath`.
    static func spawn(_ arguments: [String], stderrPath: String) throws(BenchError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
        guard result == 0 else {
            throw BenchError("cannot start \(arguments[0]): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Runs a helper command to completion; its exit status.
    @discardableResult
    static func run(_ arguments: [String]) -> Int32 {
        guard let pid = try? spawn(arguments, stderrPath: "/dev/null") else { return -1 }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return status
    }
}
