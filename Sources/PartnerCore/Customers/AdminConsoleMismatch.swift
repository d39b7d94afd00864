/// How the customer's admin console differs from the partner console's copy (shown by
/// `Customers.Get`; fixed only by an explicit `Customers.SyncWithAdminConsole`).
public struct AdminConsoleMismatch: Sendable, Hashable, Codable {
    /// The warning shown for a differing domain.
    public static let domainWarning = "this domain differs from the domain in the customer's admin console"
    /// The warning shown for a differing alternate email.
    public static let alternateEmailWarning =
        "this alternate email differs from the alternate email in the customer's admin console"
    /// The warning shown for a differing legal name.
    public static let organisationNameWarning =
        "this legal name differs from the organisation name in the customer's admin console"

    /// The differing fields, among `primaryDomain` and `alternateEmail`.
    public var fields: [SyncField]
    /// The admin console's primary domain, when it differs.
    public var upstreamPrimaryDomain: String?
    /// The admin console's alternate email, when it differs.
    public var upstreamAlternateEmail: String?
    /// The admin console's organisation name, when it differs from the legal name.
    public var upstreamOrganisationName: String?
    /// The warning text (the domain warning when the domain differs).
    public var warning: String

    /// Compares a customer with its upstream account's values; `nil` when nothing differs.
    public static func between(_ customer: Customer, _ upstream: UpstreamFields) -> AdminConsoleMismatch? {
        var fields: [SyncField] = []
        if upstream.domain != customer.primaryDomain { fields.append(.primaryDomain) }
        // Equal text needs no case folding (and no new strings): the usual case on every get.
        let upstreamEmail = upstream.alternateEmail ?? ""
        let email = customer.alternateEmail ?? ""
        if upstreamEmail != email && upstreamEmail.lowercased() != email.lowercased() {
            fields.append(.alternateEmail)
        }
        if upstream.organisationName != customer.organisationName { fields.append(.organisationName) }
        guard !fields.isEmpty else { return nil }
        let domainDiffers = fields.contains(.primaryDomain)
        let warning =
            domainDiffers
            ? domainWarning : fields.contains(.alternateEmail) ? alternateEmailWarning : organisationNameWarning
        return AdminConsoleMismatch(
            fields: fields,
            upstreamPrimaryDomain: domainDiffers ? upstream.domain : nil,
            upstreamAlternateEmail: fields.contains(.alternateEmail) ? upstream.alternateEmail : nil,
            upstreamOrganisationName: fields.contains(.organisationName) ? upstream.organisationName : nil,
            warning: warning)
    }

    /// Creates a mismatch.
    public init(
        fields: [SyncField], upstreamPrimaryDomain: String?, upstreamAlternateEmail: String?,
        upstreamOrganisationName: String? = nil, warning: String
    ) {
        self.fields = fields
        self.upstreamPrimaryDomain = upstreamPrimaryDomain
        self.upstreamAlternateEmail = upstreamAlternateEmail
        self.upstreamOrganisationName = upstreamOrganisationName
        self.warning = warning
    }
}
