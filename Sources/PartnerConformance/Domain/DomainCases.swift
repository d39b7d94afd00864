/// The reseller domain's seed flows over the wire, each named after the rule it checks.
public enum DomainCases {
    /// Every domain case.
    public static var all: [ConformanceCase] { [] }
}
