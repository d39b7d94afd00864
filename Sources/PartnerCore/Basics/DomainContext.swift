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

    /// Creates a context.
    public init(
        clock: any DomainClock, ids: IDGenerator, adminConsole: any AdminConsole,
        liveSubscriptions: any LiveSubscriptionChecking = NoLiveSubscriptions(),
        invitationLifetimeMs: Int64 = 7 * Timestamp.millisecondsPerDay,
        verificationLifetimeMs: Int64 = 3 * Timestamp.millisecondsPerDay
    ) {
        self.clock = clock
        self.ids = ids
        self.adminConsole = adminConsole
        self.liveSubscriptions = liveSubscriptions
        self.invitationLifetimeMs = invitationLifetimeMs
        self.verificationLifetimeMs = verificationLifetimeMs
    }

    /// A context with the embedded admin console simulator.
    public static func simulated(
        clock: any DomainClock = SystemClock(),
        liveSubscriptions: any LiveSubscriptionChecking = NoLiveSubscriptions()
    ) -> DomainContext {
        let ids = IDGenerator(clock: clock)
        return DomainContext(
            clock: clock, ids: ids, adminConsole: SimulatedAdminConsole(ids: ids, clock: clock),
            liveSubscriptions: liveSubscriptions)
    }

    /// The current time.
    public func now() -> Timestamp { clock.now() }
}
