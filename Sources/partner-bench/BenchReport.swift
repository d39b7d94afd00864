#if canImport(Glibc)
    import Glibc
#endif

/// Prints one scenario's figures: a readable summary, then the machine-readable `RESULT` line.
enum BenchReport {
    /// Writes the summary and the `RESULT` line for `measurement`; `extra` fields are appended
    /// to both.
    static func print(
        scenario: String, connections: Int, inFlight: Int, measurement m: Measurement,
        extra: KeyValuePairs<String, String> = [:]
    ) {
        let h = m.stats.histogram
        let p50 = micros(h.percentile(0.50))
        let p99 = micros(h.percentile(0.99))
        let p999 = micros(h.percentile(0.999))
        let cpu = m.serverCPUPerCall.map { fixed($0, 2) } ?? "na"
        let clientCPU = m.clientCPUPerCall.map { fixed($0, 2) } ?? "na"
        let rss = m.serverResidentKiB.map { fixed(Double($0) / 1024, 1) } ?? "na"
        let peak = m.serverPeakKiB.map { fixed(Double($0) / 1024, 1) } ?? "na"
        let disk = m.serverStorageBytesPerCall.map { fixed($0 / 1024, 1) } ?? "na"
        var summary = """
            \(scenario): \(connections) connection(s) x \(inFlight) in flight, \(fixed(m.seconds, 1)) s measured
              calls/s       \(fixed(m.callsPerSecond, 0))   (\(m.stats.calls) calls)
              latency       p50 \(p50) us   p99 \(p99) us   p99.9 \(p999) us   max \(micros(h.maximum)) us
              errors        \(m.stats.errors)\(m.stats.firstError.map { "   first: \($0)" } ?? "")
              server CPU    \(cpu) us/call   (client \(clientCPU) us/call)
              server RSS    \(rss) MB now, \(peak) MB peak
              server disk   \(disk) KiB written per call
            """
        for (key, value) in extra { summary += "\n  \(key.padding(13)) \(value)" }
        emit(summary)
        var line =
            "RESULT scenario=\(scenario) calls_per_s=\(fixed(m.callsPerSecond, 0)) p50_us=\(p50) p99_us=\(p99) "
            + "p999_us=\(p999) errors=\(m.stats.errors) server_cpu_us_per_call=\(cpu) server_rss_mb=\(rss) "
            + "server_peak_rss_mb=\(peak) server_disk_kib_per_call=\(disk) client_cpu_us_per_call=\(clientCPU) connections=\(connections) "
            + "in_flight=\(inFlight) seconds=\(fixed(m.seconds, 1)) load1=\(loadAverage())"
        for (key, value) in extra { line += " \(key)=\(value)" }
        emit(line)
    }

    /// Nanoseconds as whole microseconds, rounded up.
    static func micros(_ nanoseconds: UInt64) -> String { String((nanoseconds + 999) / 1000) }

    /// `value` with `places` decimals.
    static func fixed(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return "na" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled) - whole * Int(scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard places > 0 else { return sign + String(whole) }
        let digits = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: places - digits.count) + digits
    }

    /// The one-minute load average, so a busy machine shows in the figures.
    static func loadAverage() -> String {
        guard let text = ProcessProbe.read("/proc/loadavg"), let first = text.split(separator: " ").first else {
            return "na"
        }
        return String(first)
    }
}

extension String {
    /// Pads with spaces on the right to `width` characters.
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
