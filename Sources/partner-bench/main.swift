// partner-bench: closed-loop load and measurements for a PartnerConsole server.
import FramedRPCTCP
import ToolSupport

#if canImport(Glibc)
    import Glibc
#endif

BuildInfo.exitIfVersionAsked(tool: "partner-bench")

func fail(_ message: String, status: Int32 = 2) -> Never {
    let line = Array("partner-bench: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(status)
}

func main() async -> Int32 {
    let options: BenchOptions
    do {
        options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    } catch {
        if error.message == BenchOptions.usage {
            emit(error.message)
            return 0
        }
        fail(error.message)
    }
    signal(SIGPIPE, SIG_IGN)
    let descriptors = DescriptorLimit.raiseToHard()
    if options.scenarios.contains(.idle), descriptors < options.connections(for: .idle) + 100 {
        fail(
            "the open-file limit is \(descriptors); raise it (ulimit -n 65536) for \(options.connections(for: .idle)) connections"
        )
    }
    var spawned: SpawnedServer?
    let host: String
    let port: Int
    let pid: Int32?
    if let path = options.spawnServer {
        do {
            let server = try SpawnedServer.start(executable: path, extraArguments: options.serverArguments)
            spawned = server
            (host, port, pid) = (server.host, server.port, server.pid)
            emit("spawned \(path) pid \(server.pid) on \(host):\(port), data in \(server.folder)")
        } catch {
            fail(error.message)
        }
    } else {
        (host, port) = options.target!
        pid = options.serverPid
    }
    let token = options.token ?? spawned?.token
    let group = EventLoopGroup(threads: options.clientLoops, name: "bench-client")
    let runner = BenchRunner(
        options: options, host: host, port: port, token: token, server: pid.map(ProcessProbe.init(pid:)),
        group: group, runTag: String(UInt64(monotonicNanoseconds()) % 1_000_000_007, radix: 36))
    var status: Int32 = 0
    do {
        let outcomes = try await runner.run()
        let errors = outcomes.reduce(0) { $0 + $1.stats.errors }
        if errors > 0 {
            emit("FAILED: \(errors) call(s) failed")
            if options.quick { status = 1 }
        } else if options.quick, let idle = outcomes.first(where: { $0.stats.calls == 0 }) {
            emit("FAILED: \(idle.scenario.rawValue) completed no call in its window")
            status = 1
        } else if options.quick {
            emit("OK: every call succeeded")
        }
    } catch {
        emit("FAILED: \(error)")
        status = 1
    }
    if let spawned {
        if !spawned.isRunning {
            emit("FAILED: the server exited during the run; see \(spawned.folder)/server.log")
            status = 1
        }
        spawned.stop()
    }
    await group.shutdown()
    return status
}

exit(await main())
