import FramedRPC
import PartnerAPI

/// Walks every page of a list method.
enum Paging {
    /// Largest page the server gives.
    static let pageSize = 200

    /// Calls `list` with each `nextPageToken` until the last page, with the session's client
    /// and call options; returns every item. Ask for pages of `pageSize`.
    static func all<Item>(
        _ session: Session, _ list: (PartnerClient, String?, RPCCallOptions) async throws(RPCError) -> Page<Item>
    ) async throws(RPCError) -> [Item] {
        let client = session.client
        let options = session.call
        var items: [Item] = []
        var token: String?
        repeat {
            let page = try await list(client, token, options)
            items += page.items
            token = page.nextPageToken
        } while token != nil
        return items
    }
}
