public import FramedJSON

/// An amount of money: integer minor units (cents) in an ISO 4217 currency.
public struct Money: Codable, Sendable, Hashable, JSONCodable {
    /// ISO 4217 code, e.g. "EUR".
    public var currency: String
    /// The amount in minor units.
    public var minorUnits: Int64

    /// Creates the message.
    public init(currency: String, minorUnits: Int64) {
        self.currency = currency
        self.minorUnits = minorUnits
    }
}

// MARK: JSON coding

extension Money: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"currency\":", into: &out)
        WireBytes.string(currency, into: &out)
        WireBytes.literal(",\"minorUnits\":", into: &out)
        WireBytes.int(minorUnits, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.currency = try fields.required("currency")
        self.minorUnits = try fields.required("minorUnits")
    }
}
