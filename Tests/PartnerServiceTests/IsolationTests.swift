import FramedJSON
import FramedRPC
import PartnerAPI
import PartnerCore
import Testing

/// Partner isolation over the wire: another partner's ids are NOT_FOUND everywhere, never a
/// hint that they exist, and nothing of the first partner changes.
@Suite("Partner isolation")
struct IsolationTests {
    /// Every operation whose params (in the shared table) name one of the partner's ids.
    static let operationsTakingIds: [Operation] = Operation.allCases.filter { operation in
        let keys = SeededWorld.placeholder.params(operation).objectValue?.keys ?? []
        return keys.contains { SeededWorld.idParams.contains($0) }
    }

    @Test("every method of the schema that takes an id is in the isolation table")
    func tableCoversEveryIdParam() {
        for method in PartnerSchema.methods {
            let names = method.paramsSchema["properties"]?.objectValue?.keys ?? []
            guard names.contains(where: { SeededWorld.idParams.contains($0) }) else { continue }
            let operation = Operation(rawValue: method.name)
            #expect(
                operation.map(Self.operationsTakingIds.contains) ?? method.isPublic,
                "\(method.name) takes an id but the isolation table does not pass one")
        }
    }

    @Test(
        "a second partner gets NOT_FOUND for every id of the first, by every method taking one",
        arguments: TransportMode.allCases)
    func secondPartnerSeesNothing(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { server, client in
            let world = try await SeededWorld.seed(server, client)
            let other = try await server.secondPartner()
            for operation in Self.operationsTakingIds {
                let outcome = await SeededWorld.outcome(of: operation, params: world.params(operation), via: other)
                #expect(
                    outcome == .notFound,
                    "\(operation.method) with the first partner's ids: \(String(describing: outcome))")
            }
            let customer = try await client.customers.get(.init(customerId: world.customerId))
            #expect(customer.etag == world.customerEtag, "the customer is unchanged")
            #expect(customer.state == .active)
            let subscription = try await client.subscriptions.get(.init(subscriptionId: world.subscriptionId))
            #expect(subscription.seats == 5 && subscription.state == .active, "the subscription is unchanged")
            let contacts = try await client.contacts.list(.init(customerId: world.customerId))
            #expect(contacts.items.map(\.etag) == [world.contactEtag], "the contact is unchanged")
            #expect(try await other.customers.list(.init()).items.isEmpty, "the second partner lists nothing")
            let domain = try await other.customers.checkDomain(.init(domain: "seeded-world.it"))
            #expect(domain.owned == false && domain.customerId == nil, "never the other partner's customer id")
        }
    }
}

extension SeededWorld {
    /// A world of made-up ids, for reading the shape of the params table.
    static let placeholder = SeededWorld(
        customerId: "cus_x", invitedCustomerId: "cus_y", subscriptionId: "sub_x", invoiceId: "ivc_x",
        contactId: "con_x",
        contactEtag: "e", customerEtag: "e", billingEtag: "e", partnerEtag: "e", salesAgentId: "agt_x",
        salesAgentEtag: "e",
        spareTokenId: "tok_x", sales: placeholderClient, admin: placeholderClient)

    private static let placeholderClient = PartnerClient(
        rpc: RPCClient(transport: UnreachableTransport()))
}

/// A transport that never connects (the placeholder world's clients are never called).
struct UnreachableTransport: RPCClientTransport {
    func connect(inbound: any RPCConnectionInbound) async throws -> any RPCConnectionOutbound {
        throw RPCError(code: .unavailable, message: "the placeholder world has no server")
    }
}
