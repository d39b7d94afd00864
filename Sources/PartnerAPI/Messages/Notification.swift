public import FramedJSON

/// A message the system would email (the outbox).
public struct Notification: Codable, Sendable, Hashable, JSONCodable {
    /// Opaque id.
    public var id: String
    /// e.g. INVITATION, CREDENTIALS, EMAIL_VERIFICATION.
    public var kind: String
    /// Addresses.
    public var recipients: [String]
    /// Subject.
    public var subject: String
    /// Body.
    public var text: String
    /// Related resources.
    public var relatedIds: [String]?
    /// RFC 3339.
    public var createTime: String

    /// Creates the message.
    public init(
        id: String, kind: String, recipients: [String], subject: String, text: String, relatedIds: [String]? = nil,
        createTime: String
    ) {
        self.id = id
        self.kind = kind
        self.recipients = recipients
        self.subject = subject
        self.text = text
        self.relatedIds = relatedIds
        self.createTime = createTime
    }
}

// MARK: JSON coding

extension Notification: WireMembers {
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
        WireBytes.literal(",\"kind\":", into: &out)
        WireBytes.string(kind, into: &out)
        WireBytes.literal(",\"recipients\":", into: &out)
        out.append(UInt8(ascii: "["))
        for (index, element) in recipients.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            WireBytes.string(element, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        WireBytes.literal(",\"subject\":", into: &out)
        WireBytes.string(subject, into: &out)
        WireBytes.literal(",\"text\":", into: &out)
        WireBytes.string(text, into: &out)
        if let relatedIds {
            WireBytes.literal(",\"relatedIds\":", into: &out)
            out.append(UInt8(ascii: "["))
            for (index, element) in relatedIds.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                WireBytes.string(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        WireBytes.literal(",\"createTime\":", into: &out)
        WireBytes.string(createTime, into: &out)
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.id = try fields.required("id")
        self.kind = try fields.required("kind")
        self.recipients = try fields.required("recipients")
        self.subject = try fields.required("subject")
        self.text = try fields.required("text")
        self.relatedIds = try fields.optional("relatedIds")
        self.createTime = try fields.required("createTime")
    }
}
