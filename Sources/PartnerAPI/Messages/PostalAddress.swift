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
    public init(regionCode: String, postalCode: String, administrativeArea: String? = nil, locality: String? = nil, addressLines: [String]? = nil, organizationName: String? = nil) {
        self.regionCode = regionCode
        self.postalCode = postalCode
        self.administrativeArea = administrativeArea
        self.locality = locality
        self.addressLines = addressLines
        self.organizationName = organizationName
    }
}

// MARK: JSON coding

extension PostalAddress {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("regionCode")
        writer.string(regionCode)
        writer.key("postalCode")
        writer.string(postalCode)
        if let administrativeArea {
            writer.key("administrativeArea")
            writer.string(administrativeArea)
        }
        if let locality {
            writer.key("locality")
            writer.string(locality)
        }
        if let addressLines {
            writer.key("addressLines")
            writer.beginArray()
            for element in addressLines {
                writer.string(element)
            }
            writer.endArray()
        }
        if let organizationName {
            writer.key("organizationName")
            writer.string(organizationName)
        }
        writer.endObject()
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
