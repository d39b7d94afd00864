import PartnerAPI
import PartnerCore

/// Domain -> wire conversions of the commerce side: catalogue, orders, subscriptions,
/// invoices and the event feed.
extension WireMapping {
    /// Domain money as wire money.
    static func money(_ money: PartnerCore.Money) -> PartnerAPI.Money {
        PartnerAPI.Money(currency: money.currency.code, minorUnits: money.minorUnits)
    }

    /// A domain plan as the wire plan (same spellings).
    static func plan(_ plan: BillingPlan) -> PartnerAPI.Plan {
        switch plan {
        case .monthly: .monthly
        case .annual: .annual
        case .flexible: .flexible
        }
    }

    /// A domain subscription state as the wire state (same spellings).
    static func subscriptionState(_ state: PartnerCore.SubscriptionState) -> PartnerAPI.SubscriptionState {
        switch state {
        case .active: .active
        case .suspended: .suspended
        case .cancelled: .cancelled
        }
    }

    /// A history action as the wire's verb: CREATE, CHANGE_SEATS, SUSPEND, ACTIVATE, CANCEL,
    /// UPDATE_RENEWAL_SETTINGS, CREATE_TRIAL, START_PAID_SERVICE, END_TRIAL, CHANGE_PLAN.
    static func action(_ action: PartnerCore.SubscriptionChange.Action) -> String {
        switch action {
        case .created: "CREATE"
        case .seatsChanged: "CHANGE_SEATS"
        case .suspended: "SUSPEND"
        case .activated: "ACTIVATE"
        case .cancelled: "CANCEL"
        case .renewalChanged: "UPDATE_RENEWAL_SETTINGS"
        case .trialStarted: "CREATE_TRIAL"
        case .paidServiceStarted: "START_PAID_SERVICE"
        case .trialEnded: "END_TRIAL"
        case .planChanged: "CHANGE_PLAN"
        }
    }

    /// A domain customer type as the wire type (same spellings).
    static func customerType(_ type: PartnerCore.CustomerType) -> PartnerAPI.CustomerType {
        switch type {
        case .domain: .domain
        case .team: .team
        }
    }
}

extension PartnerAPI.Product {
    /// The wire product of a SKU. An add-on's `requiresSku` lists what it needs in the
    /// catalogue's spelling, comma-separated, any one of them sufficing: a SKU id, or
    /// `family:<id>` for any SKU of a family; `description` says the same in words.
    init(_ product: PartnerCore.Product, family: ProductFamily?) {
        let familyName = family?.name ?? product.familyId
        var description = familyName
        if product.isAddOn {
            let needs = product.requiresAnyOf.map { requirement -> String in
                switch requirement {
                case .sku(let sku): return sku
                case .family(let id): return "any \(id) SKU"
                }
            }
            description += "; add-on: needs a live subscription of " + needs.joined(separator: " or ")
        }
        self.init(
            sku: product.skuId, family: product.familyId, name: product.name, plan: WireMapping.plan(product.plan),
            unitPrice: WireMapping.money(product.unitPrice), maxSeats: product.maxSeats,
            customerTypes: product.customerTypes.map(WireMapping.customerType),
            educationOnly: product.eligibility.educationOnly,
            requiresSku: product.isAddOn ? product.requiresAnyOf.map(\.description).joined(separator: ",") : nil,
            description: description)
    }
}

extension PartnerAPI.Order {
    init(_ order: PartnerCore.Order) {
        self.init(
            id: order.id, customerId: order.customerId, sku: order.skuId, seats: order.seats,
            subscriptionId: order.subscriptionId, agentId: order.agentId, createTime: WireMapping.time(order.createTime)
        )
    }
}

extension PartnerAPI.SubscriptionChange {
    init(_ change: PartnerCore.SubscriptionChange) {
        self.init(
            time: WireMapping.time(change.time), agentId: change.agentId, action: WireMapping.action(change.action),
            fromSeats: change.fromSeats, toSeats: change.toSeats, reason: change.reason)
    }
}

extension PartnerAPI.Subscription {
    /// The wire subscription; `history` and `historyTruncated` only where the method returns
    /// them (`Subscriptions.Get`).
    init(
        _ subscription: PartnerCore.Subscription, history: [PartnerCore.SubscriptionChange]? = nil,
        historyTruncated: Bool? = nil
    ) {
        self.init(
            id: subscription.id, customerId: subscription.customerId, sku: subscription.skuId,
            family: subscription.familyId, plan: WireMapping.plan(subscription.plan), seats: subscription.seats,
            committedSeats: subscription.committedSeats, state: WireMapping.subscriptionState(subscription.state),
            suspensionReasons: subscription.state == .suspended
                ? subscription.activeSuspensionReasons.map(\.rawValue) : nil,
            termStartTime: subscription.termEndTime != nil
                ? (subscription.termStartTime ?? subscription.createTime).rfc3339 : nil,
            termEndTime: WireMapping.time(subscription.termEndTime),
            autoRenew: subscription.plan.hasSeatCommitment ? subscription.renews : nil,
            renewalSku: subscription.renewalSkuId,
            trialEndTime: subscription.state.isLive ? WireMapping.time(subscription.trialEndTime) : nil,
            cancelTime: WireMapping.time(subscription.cancelTime),
            history: history.map { $0.sorted { $0.sequence < $1.sequence }.map(PartnerAPI.SubscriptionChange.init) },
            historyTruncated: history == nil ? nil : historyTruncated,
            etag: subscription.etag, createTime: WireMapping.time(subscription.createTime),
            updateTime: WireMapping.time(subscription.updateTime))
    }
}

extension PartnerAPI.InvoiceLine {
    init(_ line: PartnerCore.InvoiceLine) {
        self.init(
            subscriptionId: line.subscriptionId, sku: line.skuId, description: line.description,
            seatDays: Int(line.seatDays), unitPrice: WireMapping.money(line.unitPrice),
            amount: WireMapping.money(line.amount))
    }
}

extension PartnerAPI.Invoice {
    init(_ invoice: PartnerCore.Invoice) {
        self.init(
            id: invoice.id, number: invoice.number.description, customerId: invoice.customerId,
            billingMonth: invoice.billingMonth.description, lines: invoice.lines.map(PartnerAPI.InvoiceLine.init),
            subtotal: WireMapping.money(invoice.subtotal), createTime: WireMapping.time(invoice.createTime))
    }
}

extension PartnerAPI.Event {
    init(_ event: DomainEvent) {
        self.init(
            id: event.id, sequence: event.sequence, type: event.type, resourceId: event.resourceId,
            customerId: event.customerId, time: WireMapping.time(event.time))
    }
}
