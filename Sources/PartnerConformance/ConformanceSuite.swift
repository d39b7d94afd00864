public import FramedJSON

/// Every case of the suite, assembled: the wire rules of `Protocol/WIRE.md`, the schema cases
/// generated from the target's `rpc.discover`, and the domain flows.
public enum ConformanceSuite {
    /// The cases known without a target: wire and domain.
    public static var staticCases: [ConformanceCase] { WireCases.all + DomainCases.all }

    /// Every case for a target whose discovery document is `discovery` (schema cases need it).
    public static func cases(discovery: JSONObject?) -> [ConformanceCase] {
        WireCases.all + (discovery.map(SchemaCases.generate(from:)) ?? []) + DomainCases.all
    }
}
