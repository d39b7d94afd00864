/// Every service PartnerAPI stubs, as its `Methods`: the one list of them. The lockstep tests
/// check that together they name exactly the methods of `Protocol/partner.openrpc.json` that
/// the runtime does not serve itself.
public enum PartnerServices {
    /// Each service's methods, in schema order.
    public static let all: [any PartnerMethodSet] = [
        Partners.methods, Agents.methods, Tokens.methods, Customers.methods, Invitations.methods,
        CompanyProfiles.methods, BillingProfiles.methods, Users.methods, Contacts.methods, Catalog.methods,
        Orders.methods, Subscriptions.methods, Invoices.methods, Notifications.methods, Audit.methods, Events.methods,
        AdminConsoleSim.methods,
    ]

    /// Every method descriptor of every service.
    public static var methods: [any PartnerMethodDescribing] { all.flatMap(\.descriptors) }
}
