import FramedRPC
import PartnerAPI

/// Walks every page of a list method.
enum Paging {
    /// Largest page the server gives.
    static let pageSize = 200

    /// Calls `fetch` with each `nextPageToken` until the last page; returns every item.
    static func all<Item>(_ fetch: (String?) async throws(RPCError) -> Page<Item>) async throws(RPCError) -> [Item] {
        var items: [Item] = []
        var token: String?
        repeat {
            let page = try await fetch(token)
            items += page.items
            token = page.nextPageToken
        } while token != nil
        return items
    }
}
