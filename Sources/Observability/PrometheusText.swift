/// Builds a page in the Prometheus text exposition format (version 0.0.4): `# HELP` and
/// `# TYPE` once per family, then its samples.
///
/// ```swift
/// var page = PrometheusText()
/// page.family("partner_rpc_server_in_flight_calls", type: "gauge", help: "Calls not yet answered.")
/// page.sample("partner_rpc_server_in_flight_calls", value: 3)
/// page.text   // "# HELP ...\n# TYPE ...\npartner_rpc_server_in_flight_calls 3\n"
/// ```
public struct PrometheusText: Sendable {
    /// The media type to answer with.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The page so far.
    public private(set) var text = ""

    /// An empty page.
    public init() {}

    /// Starts a metric family.
    public mutating func family(_ name: String, type: String, help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    /// One sample line.
    public mutating func sample(_ name: String, _ labels: [(String, String)] = [], value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{"
            for (index, (key, labelValue)) in labels.enumerated() {
                if index > 0 { text += "," }
                text += key + "=\"" + Self.escape(labelValue) + "\""
            }
            text += "}"
        }
        text += " " + Self.format(value) + "\n"
    }

    /// One sample line of a whole number.
    public mutating func sample(_ name: String, _ labels: [(String, String)] = [], count: UInt64) {
        sample(name, labels, value: Double(count))
    }

    /// A histogram's `_bucket`, `_sum` and `_count` lines.
    public mutating func histogram(_ name: String, labels: [(String, String)] = [], _ histogram: Histogram) {
        var cumulative: UInt64 = 0
        for (index, bound) in histogram.bounds.enumerated() {
            cumulative += histogram.counts[index]
            sample(name + "_bucket", labels + [("le", Self.format(bound))], count: cumulative)
        }
        sample(name + "_bucket", labels + [("le", "+Inf")], count: histogram.count)
        sample(name + "_sum", labels, value: histogram.sum)
        sample(name + "_count", labels, count: histogram.count)
    }

    /// A label value escaped: backslash, double quote and newline.
    public static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "\"" || $0.isNewline }) else { return value }
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// A sample value: whole numbers without a fraction, `+Inf`, `NaN`.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
