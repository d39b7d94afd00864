import FramedRPC
import PartnerAPI
import PartnerCore

extension PartnerBackend {
    /// Reads one page for the authenticated caller: `list` gets the wire paging params
    /// (`pageSize`, `pageToken`) as a domain page request, and each item of the page it returns
    /// goes out as `message` makes it, with the domain's next page token.
    /// - Throws: UNAUTHENTICATED without a caller; whatever `list` throws (INVALID_ARGUMENT for
    ///   bad paging params).
    func readPage<Item, Message: Sendable>(
        _ call: RPCServerContext, _ pageSize: Int?, _ pageToken: String?,
        as message: @escaping @Sendable (Item) -> Message,
        _ list: @escaping @Sendable (PartnerCore.PageRequest, Caller, any StoreReading) throws -> PartnerCore.Page<Item>
    ) async throws -> PartnerAPI.Page<Message> {
        let request = PartnerCore.PageRequest(pageSize: pageSize, pageToken: pageToken)
        return try await read(call) { caller, tx in
            let page = try list(request, caller, tx)
            return PartnerAPI.Page(items: page.items.map(message), nextPageToken: page.nextPageToken)
        }
    }
}
