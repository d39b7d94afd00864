public import FramedJSON

/// Params of a list that pages through the partner's own items or one customer's
/// (`Contacts.List`, `Orders.List`, `Subscriptions.List`, `Invoices.List`, `Users.List`).
public struct CustomerPageRequest: Codable, Sendable, Hashable, JSONCodable {
    /// Items per page, 1 to 200; default 50.
    public var pageSize: Int?
    /// The previous page's nextPageToken.
    public var pageToken: String?
    /// Limit to one customer; absent for the partner's own.
    public var customerId: String?

    /// Creates the params; all absent asks for the first page of the partner's own.
    public init(pageSize: Int? = nil, pageToken: String? = nil, customerId: String? = nil) {
        self.pageSize = pageSize
        self.pageToken = pageToken
        self.customerId = customerId
    }
}
