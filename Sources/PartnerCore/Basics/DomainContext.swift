/// What every operation needs from its surroundings: time, ids, the admin console port, the
/// commerce hook for live subscriptions, and the lifetimes of one-time tokens.
public struct DomainContext: Sendable {
    /// The source of "now".
    public var clock: any DomainClock
    /// Id generator (time-ordered, prefixed).
    public var ids: IDGenerator
    /// The customer's admin console (outside system) port.
    public var adminConsole: any AdminConsole
    /// Answers whether a customer has live subscriptions (commerce provides it; `Customers.Delete`
    /// asks it).
    public var liveSubscriptions: any LiveSubscriptionChecking
    /// How long an invitation token stays valid, in milliseconds (default 7 days).
    public var invitationLifetimeMs: Int64
    /// How long an email-verification token stays valid, in milliseconds (default 3 days).
    public var verificationLifetimeMs: Int64
    /// Seals and opens page tokens (a server key kept in the store, so tokens survive restarts
    /// and work on every replica; random when not given).
    public var pageTokens: PageTokenCodec

    /// Creates a context.
    public init(
        clock: any DomainClock, ids: IDGenerator, adminConsole: any AdminConsole,
        liveSubscriptions: any LiveSubscriptionChecking = NoLiveSubscriptions(),
        invitationLifetimeMs: Int64 = 7 * Timestamp.millisecondsPerDay,
        verificationLifetimeMs: Int64 = 3 * Timestamp.millisecondsPerDay,
        pageTokens: PageTokenCodec = .random()
    ) {
        self.clock = clock
        self.ids = ids
        self.adminConsole = adminConsole
        self.liveSubscriptions = liveSubscriptions
        self.invitationLifetimeMs = invitationLifetimeMs
        self.verificationLifetimeMs = verificationLifetimeMs
        self.pageTokens = pageTokens
    }

    /// A context with the embedded admin console simulator.
    public static func simulated(
        clock: any DomainClock = SystemClock(),
        liveSubscriptions: any LiveSubscriptionChecking = NoLiveSubscriptions(),
        pageTokens: PageTokenCodec = .random()
    ) -> DomainContext {
        let ids = IDGenerator(clock: clock)
        return DomainContext(
            clock: clock, ids: ids, adminConsole: SimulatedAdminConsole(ids: ids, clock: clock),
            liveSubscriptions: liveSubscriptions, pageTokens: pageTokens)
    }

    /// The current time.
    public func now() -> Timestamp { clock.now() }
}
