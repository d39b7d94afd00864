/// The customer rules of the seeds, one named function each. Every failure names its status
/// and field.
public enum CustomerRules {
    /// Rule `requireResellableEdition`: an account on Workspace for Nonprofits or the legacy
    /// free edition cannot become a reseller's customer.
    /// - Throws: FAILED_PRECONDITION, field `primaryDomain`.
    public static func requireResellableEdition(_ upstream: UpstreamAccount) throws(DomainError) {
        guard upstream.edition.isResellable else {
            throw DomainError.failedPrecondition(
                "domain \(upstream.domain) runs the \(upstream.edition.rawValue) edition in its admin console, which a reseller cannot manage",
                field: "primaryDomain")
        }
    }
}
