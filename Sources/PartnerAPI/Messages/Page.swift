public import FramedJSON

/// One page of a list: the items and, unless this is the last page, the token for the next.
public struct Page<Item: Codable & Sendable & Hashable & JSONCodable>: Codable, Sendable, Hashable, JSONCodable {
    /// The items of this page.
    public var items: [Item]
    /// Pass as `pageToken` to get the next page; absent on the last page.
    public var nextPageToken: String?

    /// Creates a page.
    public init(items: [Item], nextPageToken: String? = nil) {
        self.items = items
        self.nextPageToken = nextPageToken
    }
}

/// A result with no fields: `{}`.
public struct Empty: Codable, Sendable, Hashable, JSONCodable {
    /// Creates the empty message.
    public init() {}
}

// MARK: JSON coding

extension Page {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for element in items {
            element.encode(to: &writer)
        }
        writer.endArray()
        if let nextPageToken {
            writer.key("nextPageToken")
            writer.string(nextPageToken)
        }
        writer.endObject()
    }

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        let fields = try JSONFields(json, path: path)
        self.items = try fields.required("items")
        self.nextPageToken = try fields.optional("nextPageToken")
    }
}

extension Empty: WireMembers {
    /// Writes the message as its `Codable` form would, without the `Encodable` bridge: members in
    /// declaration order, absent optionals left out.
    public func encode(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(into: &writer.bytes)
        writer.endObject()
    }

    /// Appends the members, comma-separated, without the braces.
    func writeMembers(into out: inout [UInt8]) {}

    /// Reads the message field by field; unknown members are ignored and `null` reads as absent.
    /// - Throws: `JSONDecodingError` naming the field path ("postalAddress.postalCode").
    public init(json: JSONValue, path: String) throws(JSONDecodingError) {
        _ = try JSONFields(json, path: path)
    }
}
