import FramedJSON
import FramedRPC
import PartnerAPI
import PartnerCore
import Testing

/// Issue #13, defect 4: every error a method answers is in its documented errors. Each row
/// reaches one domain error path over the wire and checks the status against the method's
/// documented list (the server's `ResultSchemaRecorder` checks every other answer of the run
/// the same way).
@Suite("Documented error paths")
struct DocumentedErrorPathTests {
    /// Expects `method` to fail with `code`, and `code` to be one its schema documents.
    private func reach(
        _ client: PartnerClient, _ method: String, _ params: JSONValue, _ code: RPCError.Code, field: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        let error = await expectFailure(code, method, sourceLocation: sourceLocation) {
            try await client.call(method, params: params)
        }
        let documented = PartnerSchema.methodsByName[method]?.errorStatuses ?? []
        #expect(
            documented.contains(code.name), "\(method) answers \(code.name), documents \(documented)",
            sourceLocation: sourceLocation)
        if let field {
            #expect(error?.fields == [field], "\(method): \(String(describing: error))", sourceLocation: sourceLocation)
        }
    }

    @Test("every domain error path answers a status its method documents")
    func errorPathsAreDocumented() async throws {
        try await withPartnerServer(.inProcess) { server, client in
            let first = try await client.customers.create(Fixtures.domainCustomer("first-holder.it"))
            let second = try await client.customers.create(Fixtures.domainCustomer("second-mover.it"))
            // AdminConsoleSim.ChangeDomain to a domain another account holds.
            await reach(
                client, "AdminConsoleSim.ChangeDomain",
                ["customerId": .string(second.id), "domain": "first-holder.it"],
                .alreadyExists, field: "domain")
            // Customers.Delete with a stale etag.
            let renamed = try await client.customers.update(
                .init(customerId: first.id, etag: first.etag, updateMask: ["displayName"], displayName: "First"))
            #expect(renamed.etag != first.etag)
            await reach(
                client, "Customers.Delete", ["customerId": .string(first.id), "etag": .string(first.etag)], .aborted,
                field: "etag")
            // Invitations.Send for an account on a non-resellable edition.
            _ = try await client.call(
                "AdminConsoleSim.RegisterAccount", params: ["domain": "charity-onlus.it", "edition": "NONPROFITS"])
            await reach(
                client, "Invitations.Send",
                [
                    "name": "N", "email": "n@charity-onlus.it", "domain": "charity-onlus.it",
                    "organisationName": "Onlus",
                ],
                .failedPrecondition, field: "domain")
            // Agents.Update that would leave the partner without an admin agent.
            let agents = try await client.agents.list(.init())
            let me = try #require(agents.items.first)
            await reach(
                client, "Agents.Update",
                ["agentId": .string(me.id), "etag": .string(me.etag), "roles": ["salesAgent"]], .failedPrecondition)
            // Subscriptions.UpdateRenewalSettings on a flexible plan.
            let flexible = try await client.orders.place(
                .init(customerId: second.id, sku: Fixtures.flexibleSku, seats: 2))
            await reach(
                client, "Subscriptions.UpdateRenewalSettings",
                ["subscriptionId": .string(flexible.subscription.id), "autoRenew": false], .failedPrecondition,
                field: "subscriptionId")
            // Subscriptions.Cancel of an annual plan past its 7-day window.
            let annual = try await client.orders.place(
                .init(customerId: second.id, sku: "ess-enterprise-plus-annual", seats: 2))
            #expect(annual.subscription.autoRenew == true && annual.subscription.termStartTime != nil)
            server.clock.advance(days: 8)
            await reach(
                client, "Subscriptions.Cancel", ["subscriptionId": .string(annual.subscription.id)],
                .failedPrecondition,
                field: "subscriptionId")
            // Customers.List with a page token made for another filter.
            let page = try await client.customers.list(.init(pageSize: 1, text: "it"))
            let token = try #require(page.nextPageToken)
            await reach(
                client, "Customers.List", ["pageSize": 1, "text": "holder", "pageToken": .string(token)],
                .invalidArgument, field: "pageToken")
        }
    }

    @Test("renewal plans, trials and history (issue #13) answer statuses their methods document")
    func renewalTrialHistoryPathsAreDocumented() async throws {
        try await withPartnerServer(.inProcess) { server, client in
            let customer = try await client.customers.create(Fixtures.domainCustomer("trial-and-renewal.it"))
            let annual = try await client.orders.place(
                .init(customerId: customer.id, sku: "ws-business-starter-annual", seats: 3)
            ).subscription
            // Subscriptions.UpdateRenewalSettings: an unknown SKU, another family's, a suspended subscription.
            await reach(
                client, "Subscriptions.UpdateRenewalSettings",
                ["subscriptionId": .string(annual.id), "autoRenew": true, "renewalSku": "no-such-sku"],
                .invalidArgument, field: "renewalSku")
            await reach(
                client, "Subscriptions.UpdateRenewalSettings",
                ["subscriptionId": .string(annual.id), "autoRenew": true, "renewalSku": "ci-premium-flex"],
                .invalidArgument, field: "renewalSku")
            let pending = try await client.subscriptions.updateRenewalSettings(
                .init(subscriptionId: annual.id, autoRenew: true, renewalSku: "ws-business-starter-flex"))
            #expect(pending.renewalSku == "ws-business-starter-flex")
            _ = try await client.subscriptions.suspend(.init(subscriptionId: annual.id))
            await reach(
                client, "Subscriptions.UpdateRenewalSettings",
                ["subscriptionId": .string(annual.id), "autoRenew": true, "renewalSku": "ws-business-standard-flex"],
                .failedPrecondition, field: "subscriptionId")
            // Orders.Place: an add-on has no trial.
            let other = try await client.customers.create(Fixtures.domainCustomer("trial-addon.it"))
            _ = try await client.orders.place(.init(customerId: other.id, sku: "ws-business-starter-flex", seats: 2))
            await reach(
                client, "Orders.Place",
                ["customerId": .string(other.id), "sku": "gemini-business-flex", "seats": 1, "trial": true],
                .invalidArgument, field: "trial")
            // Subscriptions.StartPaidService: not a trial, unknown, stale etag, trial ended.
            await reach(
                client, "Subscriptions.StartPaidService", ["subscriptionId": .string(annual.id)], .failedPrecondition,
                field: "subscriptionId")
            await reach(
                client, "Subscriptions.StartPaidService", ["subscriptionId": "sub_missing"], .notFound,
                field: "subscriptionId")
            let third = try await client.customers.create(Fixtures.domainCustomer("trial-only.it"))
            let trial = try await client.orders.place(
                .init(customerId: third.id, sku: Fixtures.flexibleSku, seats: 2, trial: true)
            ).subscription
            #expect(trial.trialEndTime != nil)
            _ = try await client.subscriptions.changeSeats(.init(subscriptionId: trial.id, delta: 1))
            await reach(
                client, "Subscriptions.StartPaidService",
                ["subscriptionId": .string(trial.id), "etag": .string(trial.etag)], .aborted, field: "etag")
            server.clock.advance(days: 31)
            await reach(
                client, "Subscriptions.StartPaidService", ["subscriptionId": .string(trial.id)], .failedPrecondition,
                field: "subscriptionId")
            // Subscriptions.ListHistory: unknown subscription, a token of another subscription.
            await reach(
                client, "Subscriptions.ListHistory", ["subscriptionId": "sub_missing"], .notFound,
                field: "subscriptionId")
            let page = try await client.subscriptions.listHistory(.init(pageSize: 1, subscriptionId: annual.id))
            let token = try #require(page.nextPageToken)
            await reach(
                client, "Subscriptions.ListHistory",
                ["subscriptionId": .string(trial.id), "pageSize": 1, "pageToken": .string(token)], .invalidArgument,
                field: "pageToken")
        }
    }
}
