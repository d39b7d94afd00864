/// The domain core's front door for the service layer: one value holding the context and
/// every area's operations. Each operation takes a `Caller` (from `authenticator`) and a
/// transaction, and is synchronous; run it inside `RecordStore.write` / `read`.
///
/// ```swift
/// let domain = PartnerDomain(context: .simulated())
/// let caller = try await store.read { tx in try domain.authenticator.authenticate(bearer: token, in: tx) }
/// let customer = try await store.write { tx in try domain.customers.create(input, caller: caller, in: tx) }
/// ```
public struct PartnerDomain: Sendable {
    /// The environment.
    public let context: DomainContext

    /// Creates the front door.
    public init(context: DomainContext) { self.context = context }

    /// Bearer token -> caller.
    public var authenticator: Authenticator { Authenticator(context: context) }
    /// `Partners.*` and partner bootstrap.
    public var partners: PartnerOperations { PartnerOperations(context: context) }
    /// `Agents.*`.
    public var agents: AgentOperations { AgentOperations(context: context) }
    /// `Tokens.*`.
    public var tokens: TokenOperations { TokenOperations(context: context) }
    /// `Customers.*`.
    public var customers: CustomerOperations { CustomerOperations(context: context) }
    /// `Invitations.*`.
    public var invitations: InvitationOperations { InvitationOperations(context: context) }
    /// `CompanyProfiles.Get`, `BillingProfiles.*`.
    public var profiles: ProfileOperations { ProfileOperations(context: context) }
    /// `Users.*`.
    public var users: UserOperations { UserOperations(context: context) }
    /// `Contacts.*`.
    public var contacts: ContactOperations { ContactOperations(context: context) }
    /// `Notifications.List`, `Audit.List`, the event feed.
    public var journal: JournalOperations { JournalOperations(context: context) }
    /// `AdminConsoleSim.*` (only while the simulator is the admin console).
    public var adminConsoleSim: AdminConsoleSimOperations { AdminConsoleSimOperations(context: context) }
}
