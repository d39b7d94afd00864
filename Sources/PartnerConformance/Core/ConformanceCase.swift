/// One named conformance check: what it holds the target to, and the code that checks it.
///
/// A case passes by returning, fails by throwing ``CaseFailure``, and is skipped by throwing
/// ``CaseSkip`` (for example when it needs the `Conformance` service and the target has it off).
/// Names are dotted and stable (`wire.framing.zero-length`, `schema.Customers.Get.missing.customerId`,
/// `domain.customers.www-prefix-refused`), so `--only` patterns and CI logs can rely on them.
public struct ConformanceCase: Sendable {
    /// The stable dotted name, unique in a suite.
    public let name: String
    /// The rule checked, citing the document: `WIRE.md §2.3: N = 0 is answered -32600 and closed`.
    public let rule: String
    /// What the case needs from the target before it can run.
    public let requirements: Set<CaseRequirement>
    /// The check. Runs on its own thread; it may block on sockets, always with a timeout.
    public let body: @Sendable (CaseContext) throws -> Void

    /// Creates a case.
    public init(
        _ name: String,
        rule: String,
        requires requirements: Set<CaseRequirement> = [],
        body: @escaping @Sendable (CaseContext) throws -> Void
    ) {
        self.name = name
        self.rule = rule
        self.requirements = requirements
        self.body = body
    }
}

/// Something a case needs from the target.
public enum CaseRequirement: String, Sendable, Hashable, CaseIterable {
    /// The `Conformance` service (`partner-server --enable-conformance-service`).
    case conformanceService
    /// A token with every role (`--token` / `--token-file`), for the partner's own methods.
    case token
    /// The case changes server-wide state or measures timing: it runs after all others, alone.
    case runsAlone
}
