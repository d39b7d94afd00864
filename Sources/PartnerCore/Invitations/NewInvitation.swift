/// The input of `Invitations.Send`: who to invite (as in the reseller console's form).
public struct NewInvitation: Sendable, Hashable, Codable {
    /// The invitee's name, required.
    public var name: String
    /// The invitee's (future super admin's) email, inside `domain`.
    public var email: String
    /// The customer's domain.
    public var domain: String
    /// The organisation's legal name.
    public var organisationName: String
    /// ISO 3166-1 region; left unset when not given.
    public var regionCode: String?
    /// BCP 47 language tag; left unset when not given.
    public var languageCode: String?
    /// IANA time zone; left unset when not given.
    public var timeZone: String?

    /// Creates the input.
    public init(
        name: String, email: String, domain: String, organisationName: String, regionCode: String? = nil,
        languageCode: String? = nil, timeZone: String? = nil
    ) {
        self.name = name
        self.email = email
        self.domain = domain
        self.organisationName = organisationName
        self.regionCode = regionCode
        self.languageCode = languageCode
        self.timeZone = timeZone
    }
}
