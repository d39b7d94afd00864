import Testing

@testable import PartnerCore

@Suite("Subscriptions: seats, state machine, history")
struct SubscriptionTests {
    @Test(
        "ChangeSeats to an absolute count and by a delta; each change is in the history with who, what, why and when, audited and evented"
    )
    func changeSeats() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let subscription = try world.buy(customer, "ws-business-starter-flex", seats: 10)
        world.clock.advance(days: 3)
        let added = try world.change(subscription, delta: 5, reason: "five new hires")
        #expect(added.seats == 15)
        #expect(added.version == 2)
        #expect(added.etag != subscription.etag)
        world.clock.advance(days: 1)
        let set = try world.change(added, seats: 7)
        #expect(set.seats == 7)
        let history = try world.history(subscription)
        #expect(history.map(\.action) == [.created, .seatsChanged, .seatsChanged])
        #expect(history.map(\.sequence) == [1, 2, 3])
        #expect(history[1].fromSeats == 10 && history[1].toSeats == 15)
        #expect(history[1].reason == "five new hires")
        #expect(history[1].agentId == "agt_sales")
        #expect(history[1].roles == [.salesAgent])
        #expect(history[1].time == Timestamp(year: 2026, month: 3, day: 4, hour: 10))
        #expect(history[2].reason == "removed 8 seats: 15 -> 7")
        let audit = try world.audit(target: subscription.id)
        #expect(audit.map(\.method) == ["Orders.Place", "Subscriptions.ChangeSeats", "Subscriptions.ChangeSeats"])
        #expect(audit[1].before == "seats=10")
        #expect(audit[1].after == "seats=15")
        let events = try world.events(of: subscription.id)
        #expect(
            events.map(\.type) == ["subscription.created", "subscription.seats_changed", "subscription.seats_changed"])
        #expect(events[2].data["fromSeats"] == "15")
        #expect(events[2].data["seats"] == "7")
    }

    @Test("setting the count a subscription already has changes nothing")
    func sameCountIsNoChange() throws {
        let world = CommerceFixture()
        let subscription = try world.buy(try world.customer(), "ws-business-starter-flex", seats: 4)
        let same = try world.change(subscription, seats: 4)
        #expect(same == subscription)
        #expect(try world.history(subscription).count == 1)
    }

    @Test(
        "rule seatChangeForm: exactly one of seats or a non-zero delta",
        arguments: [
            (Int?.some(3), Int?.some(1), "seats"),
            (nil, nil, "seats"),
            (nil, 0, "delta"),
        ])
    func seatChangeForm(_ seats: Int?, _ delta: Int?, _ field: String) throws {
        let world = CommerceFixture()
        let subscription = try world.buy(try world.customer(), "ws-business-starter-flex", seats: 4)
        expectDomainError(.invalidArgument, field: field) { try world.change(subscription, seats: seats, delta: delta) }
    }

    @Test(
        "rule seatRange: the result must be 1...maximum, naming the field given; removing more than held is OUT_OF_RANGE",
        arguments: [
            (Int?.some(0), Int?.none, DomainError.Code.invalidArgument, "seats"),
            (nil, -4, .invalidArgument, "delta"),
            (nil, -5, .outOfRange, "delta"),
            (nil, -10, .outOfRange, "delta"),
            (301, nil, .outOfRange, "seats"),
            (nil, 297, .outOfRange, "delta"),
        ])
    func seatRange(_ seats: Int?, _ delta: Int?, _ code: DomainError.Code, _ field: String) throws {
        let world = CommerceFixture()
        let subscription = try world.buy(try world.customer(), "ws-business-starter-flex", seats: 4)
        expectDomainError(code, field: field) { try world.change(subscription, seats: seats, delta: delta) }
        #expect(try world.change(subscription, delta: 296).seats == 300)
        #expect(try world.change(subscription, seats: 1).seats == 1)
    }

    @Test(
        "rule annualCommitment: an annual plan cannot go below its committed seats mid-term; increases raise the commitment"
    )
    func annualCommitment() throws {
        let world = CommerceFixture()
        let subscription = try world.buy(try world.customer(), "ws-business-starter-annual", seats: 10)
        #expect(subscription.committedSeats == 10)
        #expect(subscription.termEndTime == Timestamp(year: 2027, month: 3, day: 1, hour: 10))
        expectDomainError(.failedPrecondition, field: "delta") { try world.change(subscription, delta: -1) }
        expectDomainError(.failedPrecondition, field: "seats") { try world.change(subscription, seats: 9) }
        let raised = try world.change(subscription, seats: 12)
        #expect(raised.committedSeats == 12)
        expectDomainError(.failedPrecondition, field: "seats") { try world.change(raised, seats: 11) }
        // Flexible plans have no commitment.
        let flexible = try world.buy(try world.customer("Flex"), "ws-business-starter-flex", seats: 10)
        #expect(flexible.committedSeats == nil)
        #expect(try world.change(flexible, seats: 1).seats == 1)
    }

    @Test(
        "rule annualRenewal: the first change after the term ended renews it and sets the new commitment, even downwards"
    )
    func annualRenewal() throws {
        let world = CommerceFixture()
        let subscription = try world.buy(try world.customer(), "ws-business-starter-annual", seats: 10)
        world.clock.set(Timestamp(year: 2027, month: 3, day: 1, hour: 9, minute: 59))
        expectDomainError(.failedPrecondition, field: "seats") { try world.change(subscription, seats: 6) }
        world.clock.set(Timestamp(year: 2027, month: 3, day: 1, hour: 10))  // the term has ended
        let lowered = try world.change(subscription, seats: 6)
        #expect(lowered.seats == 6)
        #expect(lowered.committedSeats == 6, "the renewing change chooses the new term's seats")
        #expect(lowered.termEndTime == Timestamp(year: 2028, month: 3, day: 1, hour: 10))
        expectDomainError(.failedPrecondition, field: "delta") { try world.change(lowered, delta: -1) }
        // Two whole terms later the renewal skips ahead to the running term.
        world.clock.set(Timestamp(year: 2030, month: 7, day: 1))
        let renewedAgain = try world.change(lowered, delta: -2)
        #expect(renewedAgain.committedSeats == 4)
        #expect(renewedAgain.termEndTime == Timestamp(year: 2031, month: 3, day: 1, hour: 10))
    }

    @Test("Subscription.oneYear maps February 29 to February 28")
    func leapDayTerm() {
        #expect(
            Subscription.oneYear(after: Timestamp(year: 2028, month: 2, day: 29, hour: 5))
                == Timestamp(year: 2029, month: 2, day: 28, hour: 5))
    }

    @Test("a stale etag is ABORTED etag; the current one is accepted", arguments: ["ChangeSeats", "Suspend", "Cancel"])
    func staleEtag(_ operation: String) throws {
        let world = CommerceFixture()
        let subscription = try world.buy(try world.customer(), "ws-business-starter-flex", seats: 4)
        let changed = try world.change(subscription, delta: 1)
        let transition = { (etag: String) in SubscriptionTransition(subscriptionId: subscription.id, etag: etag) }
        func run(_ etag: String) throws -> Subscription {
            try world.store.writeNow { tx in
                switch operation {
                case "ChangeSeats":
                    return try world.subscriptions.changeSeats(
                        SeatChange(subscriptionId: subscription.id, delta: 1, etag: etag), caller: world.both, in: tx)
                case "Suspend":
                    return try world.subscriptions.suspend(transition(etag), caller: world.both, in: tx)
                default:
                    return try world.subscriptions.cancel(transition(etag), caller: world.both, in: tx)
                }
            }
        }
        expectDomainError(.aborted, field: "etag") { try run(subscription.etag) }
        #expect(try world.reload(subscription) == changed, "a refused change leaves the subscription as it was")
        #expect(try run(changed.etag).version == changed.version + 1)
    }

    enum Step: String, Sendable, CaseIterable { case suspend, activate, cancel, changeSeats }

    @Test(
        "rule subscriptionStateMachine: suspend only ACTIVE, activate only SUSPENDED, seats only ACTIVE, CANCELLED is terminal",
        arguments: [
            (SubscriptionState.active, Step.suspend, true), (.active, .activate, false), (.active, .cancel, true),
            (.active, .changeSeats, true),
            (.suspended, .suspend, false), (.suspended, .activate, true), (.suspended, .cancel, true),
            (.suspended, .changeSeats, false),
            (.cancelled, .suspend, false), (.cancelled, .activate, false), (.cancelled, .cancel, false),
            (.cancelled, .changeSeats, false),
        ])
    func stateMachine(_ from: SubscriptionState, _ step: Step, _ allowed: Bool) throws {
        let world = CommerceFixture()
        let subscription = try world.buy(try world.customer(), "ws-business-starter-flex", seats: 4)
        let id = SubscriptionTransition(subscriptionId: subscription.id)
        if from == .suspended {
            _ = try world.store.writeNow { tx in try world.subscriptions.suspend(id, caller: world.admin, in: tx) }
        }
        if from == .cancelled {
            _ = try world.store.writeNow { tx in try world.subscriptions.cancel(id, caller: world.sales, in: tx) }
        }
        let run = {
            try world.store.writeNow { tx -> Subscription in
                switch step {
                case .suspend: return try world.subscriptions.suspend(id, caller: world.both, in: tx)
                case .activate: return try world.subscriptions.activate(id, caller: world.both, in: tx)
                case .cancel: return try world.subscriptions.cancel(id, caller: world.both, in: tx)
                case .changeSeats:
                    return try world.subscriptions.changeSeats(
                        SeatChange(subscriptionId: subscription.id, delta: 1), caller: world.both, in: tx)
                }
            }
        }
        if allowed {
            let after = try run()
            let expected: SubscriptionState = step == .suspend ? .suspended : step == .cancel ? .cancelled : .active
            #expect(after.state == expected)
            #expect(try world.history(subscription).last?.stateBefore == from)
        } else {
            expectDomainError(.failedPrecondition, field: "subscriptionId") { try run() }
        }
    }

    @Test(
        "roles: suspend and activate need an admin agent; change seats and cancel a sales agent",
        arguments: [
            (Step.suspend, Role.salesAgent), (.activate, .salesAgent), (.cancel, .adminAgent),
            (.changeSeats, .adminAgent),
        ])
    func roles(_ step: Step, _ wrongRole: Role) throws {
        let world = CommerceFixture()
        let subscription = try world.buy(try world.customer(), "ws-business-starter-flex", seats: 4)
        let caller = Caller(partnerId: "par_a", agentId: "agt_x", roles: [wrongRole])
        let id = SubscriptionTransition(subscriptionId: subscription.id)
        expectDomainError(.permissionDenied, field: nil) {
            try world.store.writeNow { tx -> Subscription in
                switch step {
                case .suspend: return try world.subscriptions.suspend(id, caller: caller, in: tx)
                case .activate: return try world.subscriptions.activate(id, caller: caller, in: tx)
                case .cancel: return try world.subscriptions.cancel(id, caller: caller, in: tx)
                case .changeSeats:
                    return try world.subscriptions.changeSeats(
                        SeatChange(subscriptionId: subscription.id, delta: 1), caller: caller, in: tx)
                }
            }
        }
    }

    @Test("seat changes and activation need an ACTIVE customer (FAILED_PRECONDITION customerId)")
    func customerMustBeActive() throws {
        let world = CommerceFixture()
        var customer = try world.customer()
        let subscription = try world.buy(customer, "ws-business-starter-flex", seats: 4)
        _ = try world.store.writeNow { tx in
            try world.subscriptions.suspend(
                SubscriptionTransition(subscriptionId: subscription.id), caller: world.admin, in: tx)
        }
        customer = try world.reload(customer)
        customer.state = .suspended
        try world.store.writeNow { tx in try tx.put(customer) }
        expectDomainError(.failedPrecondition, field: "customerId") {
            try world.store.writeNow { tx in
                try world.subscriptions.activate(
                    SubscriptionTransition(subscriptionId: subscription.id), caller: world.admin, in: tx)
            }
        }
    }

    @Test("rule baseOutlivesAddOns: a base with a dependent live add-on cannot be cancelled; cancel the add-on first")
    func baseOutlivesAddOns() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let base = try world.buy(customer, "ws-business-standard-flex", seats: 5)
        let addOn = try world.buy(customer, "gemini-business-flex", seats: 2)
        let cancel = { (s: Subscription) in
            try world.store.writeNow { tx in
                try world.subscriptions.cancel(
                    SubscriptionTransition(subscriptionId: s.id), caller: world.sales, in: tx)
            }
        }
        expectDomainError(.failedPrecondition, field: "subscriptionId") { try cancel(base) }
        #expect(try cancel(addOn).state == .cancelled)
        #expect(try cancel(base).state == .cancelled)
    }

    @Test("the customer's subscription status follows its subscriptions: ACTIVE, SUSPENDED, CANCELLED")
    func statusSummary() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let subscription = try world.buy(customer, "ws-business-starter-flex", seats: 4)
        let id = SubscriptionTransition(subscriptionId: subscription.id)
        _ = try world.store.writeNow { tx in try world.subscriptions.suspend(id, caller: world.admin, in: tx) }
        #expect(try world.reload(customer).subscriptionStatus == "SUSPENDED")
        _ = try world.store.writeNow { tx in try world.subscriptions.activate(id, caller: world.admin, in: tx) }
        #expect(try world.reload(customer).subscriptionStatus == "ACTIVE")
        _ = try world.store.writeNow { tx in try world.subscriptions.cancel(id, caller: world.sales, in: tx) }
        #expect(try world.reload(customer).subscriptionStatus == "CANCELLED")
        #expect(CommerceRules.subscriptionStatus(of: []) == nil)
    }

    @Test("SubscriptionLiveness answers Customers.Delete: live while ACTIVE or SUSPENDED, not once cancelled")
    func liveness() throws {
        let world = CommerceFixture()
        let customer = try world.customer()
        let check = {
            try world.store.readNow { tx in
                try SubscriptionLiveness().hasLiveSubscriptions(partnerId: "par_a", customerId: customer.id, in: tx)
            }
        }
        #expect(try check() == false)
        let subscription = try world.buy(customer, "ws-business-starter-flex", seats: 4)
        #expect(try check() == true)
        let id = SubscriptionTransition(subscriptionId: subscription.id)
        _ = try world.store.writeNow { tx in try world.subscriptions.suspend(id, caller: world.admin, in: tx) }
        #expect(try check() == true)
        _ = try world.store.writeNow { tx in try world.subscriptions.cancel(id, caller: world.sales, in: tx) }
        #expect(try check() == false)
        #expect(
            try world.store.readNow { tx in
                try SubscriptionLiveness().hasLiveSubscriptions(partnerId: "par_b", customerId: customer.id, in: tx)
            } == false)
    }

    @Test("Get returns the history; List filters by customer and state; reasons over 500 characters are refused")
    func getAndList() throws {
        let world = CommerceFixture()
        let a = try world.customer("A")
        let b = try world.customer("B")
        let s1 = try world.buy(a, "ws-business-starter-flex", seats: 1)
        try world.buy(a, "ci-premium-flex", seats: 1)
        try world.buy(b, "ws-business-starter-flex", seats: 1)
        _ = try world.store.writeNow { tx in
            try world.subscriptions.suspend(SubscriptionTransition(subscriptionId: s1.id), caller: world.admin, in: tx)
        }
        let details = try world.store.readNow { tx in try world.subscriptions.get(s1.id, caller: world.admin, in: tx) }
        #expect(details.subscription.state == .suspended)
        #expect(details.history.map(\.action) == [.created, .suspended])
        let ofA = try world.store.readNow { tx in
            try world.subscriptions.list(
                SubscriptionFilter(customerId: a.id), page: PageRequest(), caller: world.sales, in: tx)
        }
        #expect(ofA.items.count == 2)
        let suspended = try world.store.readNow { tx in
            try world.subscriptions.list(
                SubscriptionFilter(state: .suspended), page: PageRequest(), caller: world.sales, in: tx)
        }
        #expect(suspended.items.map(\.id) == [s1.id])
        expectDomainError(.invalidArgument, field: "reason") {
            try world.change(s1, delta: 1, reason: String(repeating: "x", count: 501))
        }
    }
}
