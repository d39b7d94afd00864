/// The embedded admin console: upstream accounts kept as `UpstreamAccount` records in the same
/// store, so they are durable and change atomically with the operations that read them.
/// Tests and demos change them through `AdminConsoleSimOperations` (`AdminConsoleSim.*`).
public struct SimulatedAdminConsole: AdminConsole {
    private let ids: IDGenerator
    private let clock: any DomainClock

    /// Creates the simulator.
    public init(ids: IDGenerator, clock: any DomainClock) {
        self.ids = ids
        self.clock = clock
    }

    /// The verified account holding `domain`.
    public func account(domain: String, in tx: any StoreReading) throws -> UpstreamAccount? {
        try tx.find(UpstreamAccount.self, uniqueKey: "domain:\(domain.lowercased())")
    }

    /// The account linked to `customerId`.
    public func account(customerId: String, in tx: any StoreReading) throws -> UpstreamAccount? {
        try tx.find(UpstreamAccount.self, uniqueKey: "customer:\(customerId)")
    }

    /// Links an existing unlinked account of the domain, or creates one (BUSINESS for domain
    /// customers, ESSENTIALS and unverified for team customers).
    public func provision(_ customer: Customer, in tx: any StoreWriting) throws -> UpstreamAccount {
        let now = clock.now()
        if customer.customerType == .domain, var existing = try account(domain: customer.primaryDomain, in: tx) {
            guard existing.customerId == nil || existing.customerId == customer.id else {
                throw DomainError.alreadyExists(
                    field: "primaryDomain",
                    "domain \(customer.primaryDomain) already belongs to another customer's admin console account")
            }
            try CustomerRules.requireResellableEdition(existing)
            existing.customerId = customer.id
            existing.partnerId = customer.partnerId
            try tx.putNextVersion(&existing, at: now)
            return existing
        }
        let account = UpstreamAccount(
            id: ids.next("upa"), partnerId: customer.partnerId, customerId: customer.id,
            domain: customer.primaryDomain, domainVerified: customer.customerType == .domain,
            edition: customer.customerType == .domain ? .business : .essentials,
            organisationName: customer.organisationName, primaryAdminEmail: customer.primaryAdminEmail,
            alternateEmail: customer.alternateEmail, resellerAccess: false, time: now)
        do {
            try tx.put(account)
        } catch let error as StoreError where error.code == .duplicateKey {
            throw DomainError.alreadyExists(
                field: "primaryDomain", "domain \(customer.primaryDomain) is already taken upstream")
        }
        return account
    }

    /// Unlinks the deleted customer's account.
    public func release(customerId: String, in tx: any StoreWriting) throws {
        guard var account = try account(customerId: customerId, in: tx) else { return }
        account.customerId = nil
        try tx.putNextVersion(&account, at: clock.now())
    }
}
