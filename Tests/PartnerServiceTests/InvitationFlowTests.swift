import FramedRPC
import PartnerAPI
import Testing

/// The invitation seed flow: invite, accept with the emailed one-time code, then buy and
/// manage seats on the customer's behalf.
@Suite("Invitation flow")
struct InvitationFlowTests {
    @Test(
        "an invited customer accepts once, then the reseller buys, adds and subtracts seats and cancels",
        arguments: TransportMode.allCases)
    func inviteAcceptBuyChangeSeatsCancel(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { server, client in
            let sent = try await client.invitations.send(
                .init(
                    name: "Giulia Conti", email: "giulia@conti-legal.it", domain: "conti-legal.it",
                    organisationName: "Studio Legale Conti"))
            #expect(sent.customer.state == .invited)
            #expect(sent.invitation.customerId == sent.customer.id)
            let customerId = sent.customer.id

            await expectFailure(.failedPrecondition, "buying before the customer accepts") {
                try await client.orders.place(.init(customerId: customerId, sku: Fixtures.flexibleSku, seats: 5))
            }

            let code = try await Fixtures.oneTimeCode(client, kind: "INVITATION", relatedTo: customerId)
            let outbox = try await Fixtures.outbox(client)
            #expect(outbox.contains { $0.kind == "INVITATION" && $0.recipients == ["giulia@conti-legal.it"] })

            let customer = server.client(anonymous: true)
            let accepted = try await customer.invitations.accept(.init(token: code))
            #expect(accepted.id == customerId)
            #expect(accepted.state == .active)
            await expectFailure(.failedPrecondition, "the same code twice") {
                try await customer.invitations.accept(.init(token: code))
            }
            await expectFailure(.notFound, "a code never issued") {
                try await customer.invitations.accept(.init(token: String(repeating: "A", count: 43)))
            }

            let placed = try await client.orders.place(
                .init(customerId: customerId, sku: Fixtures.flexibleSku, seats: 5))
            let subscriptionId = placed.subscription.id
            let added = try await client.subscriptions.changeSeats(.init(subscriptionId: subscriptionId, delta: 3))
            #expect(added.seats == 8)
            let subtracted = try await client.subscriptions.changeSeats(
                .init(subscriptionId: subscriptionId, delta: -2))
            #expect(subtracted.seats == 6)
            let tooMany = await expectFailure(.invalidArgument, "removing every seat") {
                try await client.subscriptions.changeSeats(.init(subscriptionId: subscriptionId, delta: -6))
            }
            #expect(tooMany?.fields == ["delta"])
            let aboveMaximum = await expectFailure(.outOfRange, "more seats than the SKU allows") {
                try await client.subscriptions.changeSeats(.init(subscriptionId: subscriptionId, delta: 1000))
            }
            #expect(aboveMaximum?.fields == ["delta"])

            let cancelled = try await client.subscriptions.cancel(.init(subscriptionId: subscriptionId))
            #expect(cancelled.state == .cancelled)
            await expectFailure(.failedPrecondition, "changing seats of a cancelled subscription") {
                try await client.subscriptions.changeSeats(.init(subscriptionId: subscriptionId, delta: 1))
            }
            let history = try await client.subscriptions.get(.init(subscriptionId: subscriptionId)).history ?? []
            #expect(history.count >= 4, "created, two seat changes and the cancellation are in the history")
            #expect(try await client.customers.get(.init(customerId: customerId)).subscriptionStatus == "CANCELLED")
        }
    }

    @Test("a resent invitation replaces the old code; a revoked one stops working", arguments: TransportMode.allCases)
    func resendAndRevoke(mode: TransportMode) async throws {
        try await withPartnerServer(mode) { server, client in
            let sent = try await client.invitations.send(
                .init(name: "Marco", email: "marco@fontana.it", domain: "fontana.it", organisationName: "Fontana SNC"))
            let first = try await Fixtures.oneTimeCode(client, kind: "INVITATION", relatedTo: sent.customer.id)
            _ = try await client.invitations.resend(.init(customerId: sent.customer.id))
            let second = try await Fixtures.oneTimeCode(client, kind: "INVITATION", relatedTo: sent.customer.id)
            #expect(first != second)
            let customer = server.client(anonymous: true)
            await expectFailure(.failedPrecondition, "the replaced code") {
                try await customer.invitations.accept(.init(token: first))
            }
            _ = try await client.invitations.revoke(.init(customerId: sent.customer.id))
            await expectFailure(.failedPrecondition, "the revoked code") { [customer, second] in
                try await customer.invitations.accept(.init(token: second))
            }
            #expect(try await client.customers.get(.init(customerId: sent.customer.id)).state == .invited)
        }
    }
}
