/// A point in time: whole milliseconds since 1970-01-01T00:00:00Z (UTC, no leap seconds).
///
/// Ordered, hashable and `Codable`. It encodes as an RFC 3339 UTC string with milliseconds
/// (`"2026-03-01T12:00:00.000Z"`) so that it reads well on the wire and in stored records; it
/// decodes from that string (any offset) or from a bare integer of milliseconds.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch.
    public var millisecondsSinceEpoch: Int64

    /// Creates a timestamp from milliseconds since the Unix epoch.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// The Unix epoch.
    public static let epoch = Timestamp(millisecondsSinceEpoch: 0)

    /// Milliseconds in one day.
    public static let millisecondsPerDay: Int64 = 86_400_000

    /// This timestamp moved by `milliseconds` (negative moves back).
    public func adding(milliseconds: Int64) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
    }

    /// This timestamp moved by whole `seconds`.
    public func adding(seconds: Int64) -> Timestamp { adding(milliseconds: seconds * 1000) }

    /// This timestamp moved by whole `days` of 24 hours.
    public func adding(days: Int64) -> Timestamp { adding(milliseconds: days * Self.millisecondsPerDay) }

    /// Orders by time.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// The RFC 3339 UTC form, e.g. `2026-03-01T12:00:00.000Z`.
    public var description: String { rfc3339 }

    /// Decodes an RFC 3339 string or an integer of milliseconds.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let millis = try? container.decode(Int64.self) {
            self.init(millisecondsSinceEpoch: millis)
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = Timestamp(rfc3339: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not an RFC 3339 date-time: \(text)")
        }
        self = parsed
    }

    /// Encodes the RFC 3339 UTC string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rfc3339)
    }
}
