/// One page of a list, ordered by id (which is creation order), and the token for the next.
public struct Page<Item: Sendable & Codable>: Sendable, Codable {
    /// The items.
    public var items: [Item]
    /// Pass as `pageToken` to get the next page; `nil` on the last page.
    public var nextPageToken: String?

    /// Creates a page.
    public init(items: [Item], nextPageToken: String?) {
        self.items = items
        self.nextPageToken = nextPageToken
    }

    /// Reads one page of `type` owned by `partnerId` from the store, keeping the records that
    /// pass `filter` and mapping them with `transform`; scans further batches when the filter
    /// drops records, so a page is full unless the list is exhausted.
    ///
    /// The page token is sealed by `tokens` and bound to the partner, the record kind, the
    /// lookup key and `query` (the filters: a filter struct, or a string naming the list); a
    /// token made for another query, list or partner answers
    /// INVALID_ARGUMENT `pageToken`.
    /// - Throws: INVALID_ARGUMENT `pageSize` / `pageToken`.
    public static func collect<R: StoredRecord>(
        _ type: R.Type, partnerId: String, lookupKey: String? = nil, query: some PageQuery, request: PageRequest,
        tokens: PageTokenCodec, in tx: any StoreReading,
        filter: (R) throws -> Bool = { _ in true }, transform: (R) throws -> Item
    ) throws -> Page<Item> {
        let size = try request.size()
        let binding = Self.binding(R.self, partnerId: partnerId, lookupKey: lookupKey, query: query)
        var cursor: String?
        if let token = request.pageToken, !token.isEmpty { cursor = try tokens.open(token, binding: binding) }
        var items: [Item] = []
        items.reserveCapacity(size)
        while true {
            // One record more than a page: whether it exists says whether a next page does.
            let batch = try tx.list(type, partnerId: partnerId, lookupKey: lookupKey, after: cursor, limit: size + 1)
            for record in batch {
                if items.count == size, let last = cursor {
                    return Page(items: items, nextPageToken: tokens.seal(afterId: last, binding: binding))
                }
                cursor = record.id
                guard try filter(record) else { continue }
                items.append(try transform(record))
            }
            if batch.count <= size { return Page(items: items, nextPageToken: nil) }
        }
    }

    /// What a token of this list is bound to.
    static func binding<R: StoredRecord>(_ type: R.Type, partnerId: String, lookupKey: String?, query: some PageQuery)
        -> PageTokenCodec.Binding
    {
        PageTokenCodec.Binding(
            partnerId: partnerId, kind: R.kind.name,
            query: "lookup=\(lookupKey ?? "")|query=\(query.pageBinding)")
    }

    /// One page of an already ordered list (`ordered`, all of the query's matches): for lists
    /// ordered by something other than id. The token seals the offset, bound like `collect`'s.
    /// - Throws: INVALID_ARGUMENT `pageSize` / `pageToken`.
    public static func slice<R: StoredRecord>(
        _ ordered: [R], partnerId: String, query: some PageQuery, request: PageRequest, tokens: PageTokenCodec,
        transform: (R) throws -> Item
    ) throws -> Page<Item> {
        let size = try request.size()
        let binding = Self.binding(R.self, partnerId: partnerId, lookupKey: "ordered", query: query)
        var offset = 0
        if let token = request.pageToken, !token.isEmpty {
            let opened = try tokens.open(token, binding: binding)
            guard opened.hasPrefix("offset:"), let value = Int(opened.dropFirst(7)), value >= 0 else {
                throw DomainError.invalid(field: "pageToken", reason: "is not a page token of an ordered list")
            }
            offset = value
        }
        let end = min(offset + size, ordered.count)
        let items = offset < end ? try ordered[offset..<end].map(transform) : []
        let next = end < ordered.count ? tokens.seal(afterId: "offset:\(end)", binding: binding) : nil
        return Page(items: items, nextPageToken: next)
    }
}
