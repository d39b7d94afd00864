import ToolSupport

/// Where partner-server's options come from: the command line, then `PARTNER_*` environment
/// variables, then the file of `--config FILE` (or `PARTNER_CONFIG`), then the defaults
/// (`LayeredConfiguration` describes the file's format).
enum ServerConfiguration {
    /// Every option of `serve` that takes a value or is a flag, `--config` and `--help` aside.
    static let options = [
        "listen", "data", "database-url", "enable-conformance-service", "log-level", "log-format", "access-log",
        "metrics-listen",
        "loops", "max-frame-bytes", "max-concurrent-calls", "max-batch", "idle-timeout", "frame-timeout",
        "rate-limit-connection", "rate-limit-agent", "rate-limit-refusals", "outbound-stall-timeout",
        "max-server-outbound-mib", "cache-records", "cache-answers", "readers", "page-cache-mib", "page-size",
        "drain-grace",
        "tls-cert",
        "tls-key",
        "tls-client-ca", "clock-offset-days",
    ]

    /// Options without a value.
    static let flags: Set<String> = ["help", "version", "enable-conformance-service"]

    /// The layers for partner-server.
    static let layers = LayeredConfiguration(prefix: "PARTNER_", options: options, flags: flags)

    /// Fills `args` from the environment and the configuration file.
    /// - Throws: `CommandLineError` for an unreadable file or an unknown option in it.
    static func apply(to args: inout CommandArguments) throws(CommandLineError) {
        try layers.apply(to: &args, environment: LayeredConfiguration.processEnvironment())
    }

    /// The ENVIRONMENT section of `--help`: every option's variable.
    static var environmentHelp: String {
        var lines: [String] = []
        var line = "  "
        for name in ["config"] + options {
            let variable = layers.variable(for: name)
            if line.count + variable.count > 96 {
                lines.append(line)
                line = "  "
            }
            line += variable + " "
        }
        lines.append(line)
        return lines.map { String($0.dropLast(0)) }.joined(separator: "\n")
    }
}
