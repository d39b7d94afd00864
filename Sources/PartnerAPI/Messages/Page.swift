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
