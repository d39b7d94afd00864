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

    /// Every item of a list method over one customer's records (`customer`), or the partner's
    /// own when `customer` is nil.
    static func all<Item>(
        _ session: Session, _ method: PartnerMethod<CustomerPageRequest, Page<Item>>, customer: String?
    ) async throws(RPCError) -> [Item] {
        try await all(session) { client, token, options throws(RPCError) in
            try await client.caller.unary(
                method, CustomerPageRequest(pageSize: pageSize, pageToken: token, customerId: customer),
                options: options)
        }
    }

    /// Every item of a list method over the partner's own records.
    static func all<Item>(_ session: Session, _ method: PartnerMethod<PageRequest, Page<Item>>)
        async throws(RPCError) -> [Item]
    {
        try await all(session) { client, token, options throws(RPCError) in
            try await client.caller.unary(method, PageRequest(pageSize: pageSize, pageToken: token), options: options)
        }
    }
}
