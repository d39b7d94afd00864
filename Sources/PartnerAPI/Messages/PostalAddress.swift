public import FramedJSON

/// A postal address; `regionCode` (ISO 3166-1 alpha-2) and `postalCode` are required.
public struct PostalAddress: Codable, Sendable, Hashable, JSONCodable {
    /// ISO 3166-1 alpha-2, e.g. "IT".
    public var regionCode: String
    /// Postal code.
    public var postalCode: String
    /// State or province.
    public var administrativeArea: String?
    /// City or town.
    public var locality: String?
    /// Street lines, at most 5.
    public var addressLines: [String]?
    /// Organisation line.
    public var organizationName: String?

    /// Creates the message.
    public init(
        regionCode: String, postalCode: String, administrativeArea: String? = nil, locality: String? = nil,
        addressLines: [String]? = nil, organizationName: String? = nil
    ) {
        self.regionCode = regionCode
        self.postalCode = postalCode
        self.administrativeArea = administrativeArea
        self.locality = locality
        self.addressLines = addressLines
        self.organizationName = organizationName
    }
}

// MARK: JSON coding

extension PostalAddress: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"regionCode\":", into: &out)
        WireBytes.string(regionCode, into: &out)
        WireBytes.literal(",\"postalCode\":", into: &out)
        WireBytes.string(postalCode, into: &out)
        if let administrativeArea {
            WireBytes.literal(",\"administrativeArea\":", into: &out)
            WireBytes.string(administrativeArea, into: &out)
        }
        if let locality {
            WireBytes.literal(",\"locality\":", into: &out)
            WireBytes.string(locality, into: &out)
        }
        if let addressLines {
            WireBytes.literal(",\"addressLines\":", into: &out)
            out.append(UInt8(ascii: "["))
            for (index, element) in addressLines.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                WireBytes.string(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        if let organizationName {
            WireBytes.literal(",\"organizationName\":", into: &out)
            WireBytes.string(organizationName, into: &out)
        }
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.regionCode = try fields.required("regionCode")
        self.postalCode = try fields.required("postalCode")
        self.administrativeArea = try fields.optional("administrativeArea")
        self.locality = try fields.optional("locality")
        self.addressLines = try fields.optional("addressLines")
        self.organizationName = try fields.optional("organizationName")
    }
}
