public import FramedJSON

/// Where the customer's own admin console differs from what the partner console holds.
public struct AdminConsoleMismatch: Codable, Sendable, Hashable, JSONCodable {
    /// Differing fields: "primaryDomain", "alternateEmail", "organisationName".
    public var fields: [String]
    /// The domain in the admin console.
    public var upstreamPrimaryDomain: String?
    /// The alternate email in the admin console.
    public var upstreamAlternateEmail: String?
    /// The organisation name in the admin console, when it differs from the legal name.
    public var upstreamOrganisationName: String?
    /// The warning to show.
    public var warning: String

    /// Creates the message.
    public init(
        fields: [String], upstreamPrimaryDomain: String? = nil, upstreamAlternateEmail: String? = nil,
        upstreamOrganisationName: String? = nil, warning: String
    ) {
        self.fields = fields
        self.upstreamPrimaryDomain = upstreamPrimaryDomain
        self.upstreamAlternateEmail = upstreamAlternateEmail
        self.upstreamOrganisationName = upstreamOrganisationName
        self.warning = warning
    }
}
