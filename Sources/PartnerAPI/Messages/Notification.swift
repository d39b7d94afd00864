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
    public init(id: String, kind: String, recipients: [String], subject: String, text: String, relatedIds: [String]? = nil, createTime: String) {
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

extension Notification {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(id)
        writer.key("kind")
        writer.string(kind)
        writer.key("recipients")
        writer.beginArray()
        for element in recipients {
            writer.string(element)
        }
        writer.endArray()
        writer.key("subject")
        writer.string(subject)
        writer.key("text")
        writer.string(text)
        if let relatedIds {
            writer.key("relatedIds")
            writer.beginArray()
            for element in relatedIds {
                writer.string(element)
            }
            writer.endArray()
        }
        writer.key("createTime")
        writer.string(createTime)
        writer.endObject()
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
