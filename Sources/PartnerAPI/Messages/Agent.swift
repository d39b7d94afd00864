public import FramedJSON

/// A person acting for the partner, with one or both roles.
public struct Agent: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// Name.
    public var displayName: String
    /// Email.
    public var email: String
    /// salesAgent and/or adminAgent.
    public var roles: [Role]
    /// A disabled agent's tokens stop working.
    public var disabled: Bool
    /// Send back to update.
    public var etag: String
    /// RFC 3339.
    public var createTime: String
    /// RFC 3339.
    public var updateTime: String

    /// Creates the message.
    public init(
        id: String, displayName: String, email: String, roles: [Role], disabled: Bool, etag: String, createTime: String,
        updateTime: String
    ) {
        self.id = id
        self.displayName = displayName
        self.email = email
        self.roles = roles
        self.disabled = disabled
        self.etag = etag
        self.createTime = createTime
        self.updateTime = updateTime
    }
}

// MARK: JSON coding

extension Agent: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {
        WireBytes.literal("\"id\":", into: &out)
        WireBytes.string(id, into: &out)
        WireBytes.literal(",\"displayName\":", into: &out)
        WireBytes.string(displayName, into: &out)
        WireBytes.literal(",\"email\":", into: &out)
        WireBytes.string(email, into: &out)
        WireBytes.literal(",\"roles\":", into: &out)
        out.append(UInt8(ascii: "["))
        for (index, element) in roles.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            WireBytes.string(element.rawValue, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        WireBytes.literal(",\"disabled\":", into: &out)
        WireBytes.bool(disabled, into: &out)
        WireBytes.literal(",\"etag\":", into: &out)
        WireBytes.string(etag, into: &out)
        WireBytes.literal(",\"createTime\":", into: &out)
        WireBytes.string(createTime, into: &out)
        WireBytes.literal(",\"updateTime\":", into: &out)
        WireBytes.string(updateTime, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.id = try fields.required("id")
        self.displayName = try fields.required("displayName")
        self.email = try fields.required("email")
        self.roles = try fields.required("roles")
        self.disabled = try fields.required("disabled")
        self.etag = try fields.required("etag")
        self.createTime = try fields.required("createTime")
        self.updateTime = try fields.required("updateTime")
    }
}
