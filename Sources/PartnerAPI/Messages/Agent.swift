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
    public init(id: String, displayName: String, email: String, roles: [Role], disabled: Bool, etag: String, createTime: String, updateTime: String) {
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

extension Agent {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.key("displayName")
        writer.string(displayName)
        writer.key("email")
        writer.string(email)
        writer.key("roles")
        writer.beginArray()
        for element in roles {
            writer.string(element.rawValue)
        }
        writer.endArray()
        writer.key("disabled")
        writer.bool(disabled)
        writer.key("etag")
        writer.string(etag)
        writer.key("createTime")
        writer.string(createTime)
        writer.key("updateTime")
        writer.string(updateTime)
        writer.endObject()
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
