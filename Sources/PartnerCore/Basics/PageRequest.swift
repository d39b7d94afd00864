/// Which page of a list to return: a size (1...200, default 50) and the opaque token the
/// previous page gave (`nil` for the first page).
public struct PageRequest: Sendable, Hashable, Codable {
    /// The most items one page may hold.
    public static let maxPageSize = 200
    /// The page size used when none is given.
    public static let defaultPageSize = 50

    /// Items wanted, 1...200; `nil` means 50.
    public var pageSize: Int?
    /// The `nextPageToken` of the previous page.
    public var pageToken: String?

    /// Creates a request.
    public init(pageSize: Int? = nil, pageToken: String? = nil) {
        self.pageSize = pageSize
        self.pageToken = pageToken
    }

    /// The checked size.
    /// - Throws: INVALID_ARGUMENT field `pageSize` outside 1...200.
    public func size() throws(DomainError) -> Int {
        guard let pageSize else { return Self.defaultPageSize }
        guard (1...Self.maxPageSize).contains(pageSize) else {
            throw DomainError.invalid(
                field: "pageSize", reason: "is \(pageSize); it must be between 1 and \(Self.maxPageSize)")
        }
        return pageSize
    }
}
