public import FramedJSON

/// Where the customer's own admin console differs from what the partner console holds.
public struct AdminConsoleMismatch: Codable, Sendable, Hashable, JSONCodable {
    /// Differing fields: "primaryDomain", "alternateEmail".
    public var fields: [String]
    /// The domain in the admin console.
    public var upstreamPrimaryDomain: String?
    /// The alternate email in the admin console.
    public var upstreamAlternateEmail: String?
    /// The warning to show.
    public var warning: String

    /// Creates the message.
    public init(fields: [String], upstreamPrimaryDomain: String? = nil, upstreamAlternateEmail: String? = nil, warning: String) {
        self.fields = fields
        self.upstreamPrimaryDomain = upstreamPrimaryDomain
        self.upstreamAlternateEmail = upstreamAlternateEmail
        self.warning = warning
    }
}

// MARK: JSON coding

extension AdminConsoleMismatch {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("fields")
        writer.beginArray()
        for element in fields {
            writer.string(element)
        }
        writer.endArray()
        if let upstreamPrimaryDomain {
            writer.key("upstreamPrimaryDomain")
            writer.string(upstreamPrimaryDomain)
        }
        if let upstreamAlternateEmail {
            writer.key("upstreamAlternateEmail")
            writer.string(upstreamAlternateEmail)
        }
        writer.key("warning")
        writer.string(warning)
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.fields = try fields.required("fields")
        self.upstreamPrimaryDomain = try fields.optional("upstreamPrimaryDomain")
        self.upstreamAlternateEmail = try fields.optional("upstreamAlternateEmail")
        self.warning = try fields.required("warning")
    }
}
