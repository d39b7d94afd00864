/// The measured window of a run, in `monotonicNanoseconds()` time: warm-up comes before `start`.
struct MeasureWindow: Sendable {
    /// Calls completing from here on are counted.
    let start: UInt64
    /// Calls completing before this are counted; workers stop starting calls after it.
    let end: UInt64
    /// Seconds between the two.
    var seconds: Double { Double(end - start) / 1e9 }
}

/// What one worker (one chain of calls) saw.
struct WorkerStats: Sendable {
    /// Latencies of the calls completed inside the window.
    var histogram = LatencyHistogram()
    /// Calls (or stream items) completed inside the window.
    var calls: UInt64 = 0
    /// Calls that failed, warm-up included.
    var errors: UInt64 = 0
    /// The first failure, for the report.
    var firstError: String?

    mutating func fail(_ error: any Error) {
        errors += 1
        if firstError == nil { firstError = "\(error)" }
    }
}

/// A run's figures.
struct Measurement: Sendable {
    var stats: WorkerStats
    var seconds: Double
    /// Server CPU (utime + stime) over the window, microseconds; nil without a server pid.
    var serverCPU: Double?
    /// This process's CPU over the window, microseconds.
    var clientCPU: Double?
    /// Bytes the server wrote to storage over the window; nil without a server pid.
    var serverStorageBytes: Double?
    /// Server VmHWM and VmRSS in KiB after the window.
    var serverPeakKiB: Int?
    var serverResidentKiB: Int?

    var callsPerSecond: Double { seconds > 0 ? Double(stats.calls) / seconds : 0 }
    var serverCPUPerCall: Double? { serverCPU.map { stats.calls > 0 ? $0 / Double(stats.calls) : 0 } }
    var clientCPUPerCall: Double? { clientCPU.map { stats.calls > 0 ? $0 / Double(stats.calls) : 0 } }
    var serverStorageBytesPerCall: Double? {
        serverStorageBytes.map { stats.calls > 0 ? $0 / Double(stats.calls) : 0 }
    }
}

/// Runs workers concurrently (child tasks of one task group) through a warm-up and a measured
/// window, sampling the server's and this process's CPU at the window's edges.
enum ClosedLoop {
    /// A worker: (connection index, worker index within it, window) -> what it saw.
    typealias Worker = @Sendable (Int, Int, MeasureWindow) async -> WorkerStats

    /// Runs `perConnection` workers on each of `connections` connections; a connection's
    /// workers run on `executor(connection)` when it gives one (its event loop: no thread hop
    /// between the socket and the caller), else on the global concurrent executor.
    static func measure(
        connections: Int, perConnection: Int, warmup: Double, duration: Double, server: ProcessProbe?,
        executor: (Int) -> (any TaskExecutor)? = { _ in nil }, worker: @escaping Worker
    ) async -> Measurement {
        let begin = monotonicNanoseconds()
        let window = MeasureWindow(
            start: begin + UInt64(warmup * 1e9), end: begin + UInt64((warmup + duration) * 1e9))
        async let edges = sampleEdges(window: window, server: server)
        let stats = await withTaskGroup(of: WorkerStats.self) { group in
            for connection in 0..<connections {
                let preference = executor(connection)
                for index in 0..<perConnection {
                    group.addTask(executorPreference: preference) { await worker(connection, index, window) }
                }
            }
            var total = WorkerStats()
            for await one in group {
                total.histogram.merge(one.histogram)
                total.calls += one.calls
                total.errors += one.errors
                if total.firstError == nil { total.firstError = one.firstError }
            }
            return total
        }
        let (serverCPU, clientCPU, storage) = await edges
        return Measurement(
            stats: stats, seconds: window.seconds, serverCPU: serverCPU, clientCPU: clientCPU,
            serverStorageBytes: storage, serverPeakKiB: server?.peakResidentKiB(),
            serverResidentKiB: server?.residentKiB())
    }

    /// A worker that makes `call` back to back: one call in flight per worker, so K workers on
    /// a connection keep K calls in flight. `call` gets (connection, worker, iteration).
    static func unary(_ call: @escaping @Sendable (Int, Int, Int) async throws -> Void) -> Worker {
        { connection, index, window in
            var stats = WorkerStats()
            var iteration = 0
            while true {
                let started = monotonicNanoseconds()
                if started >= window.end { break }
                do {
                    try await call(connection, index, iteration)
                    let finished = monotonicNanoseconds()
                    if finished >= window.start && finished < window.end {
                        stats.calls += 1
                        stats.histogram.record(nanoseconds: finished - started)
                    }
                } catch {
                    stats.fail(error)
                }
                iteration += 1
            }
            return stats
        }
    }

    /// CPU of the server and of this process, and the server's storage writes, between the
    /// window's start and end.
    private static func sampleEdges(window: MeasureWindow, server: ProcessProbe?) async -> (Double?, Double?, Double?) {
        await sleep(until: window.start)
        let server0 = server?.cpuMicroseconds()
        let client0 = ProcessProbe.current.cpuMicroseconds()
        let storage0 = server?.storageWriteBytes()
        await sleep(until: window.end)
        let server1 = server?.cpuMicroseconds()
        let client1 = ProcessProbe.current.cpuMicroseconds()
        let storage1 = server?.storageWriteBytes()
        func delta(_ a: Double?, _ b: Double?) -> Double? {
            guard let a, let b else { return nil }
            return b - a
        }
        return (delta(server0, server1), delta(client0, client1), delta(storage0, storage1))
    }

    /// Sleeps until monotonic time `instant` (returns at once if it has passed).
    static func sleep(until instant: UInt64) async {
        let now = monotonicNanoseconds()
        guard instant > now else { return }
        try? await Task.sleep(for: .nanoseconds(Int64(instant - now)))
    }
}
