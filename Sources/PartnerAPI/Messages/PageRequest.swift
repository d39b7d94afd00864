public import FramedJSON

/// Params of a list that pages through the partner's items (`Agents.List`, `Notifications.List`).
public struct PageRequest: Codable, Sendable, Hashable, JSONCodable {
    /// Items per page, 1 to 200; default 50.
    public var pageSize: Int?
    /// The previous page's nextPageToken.
    public var pageToken: String?

    /// Creates the params; all absent asks for the first page.
    public init(pageSize: Int? = nil, pageToken: String? = nil) {
        self.pageSize = pageSize
        self.pageToken = pageToken
    }
}
