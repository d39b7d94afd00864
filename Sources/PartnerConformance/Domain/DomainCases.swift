/// The reseller domain's seed flows over the wire, each named after the rule it checks.
///
/// Every case uses run-unique domains and emails (``CaseContext/unique(_:)``), so runs against
/// the same server never collide, and validates every successful result against the target's
/// OpenRPC document with the suite's own ``SchemaValidator``.
public enum DomainCases {
    /// Every domain case.
    public static var all: [ConformanceCase] {
        customers + customerSync + orders + subscriptions + invitations + contacts + access + idempotency + invoices
            + documentedErrors + renewalsAndTrials
    }

    /// A case that needs the suite's token and runs `body` on a fresh ``DomainSupport``.
    static func flow(_ name: String, _ rule: String, _ body: @escaping @Sendable (DomainSupport) throws -> Void)
        -> ConformanceCase
    {
        ConformanceCase("domain.\(name)", rule: rule, requires: [.token]) { context in
            try body(try DomainSupport(context))
        }
    }
}
