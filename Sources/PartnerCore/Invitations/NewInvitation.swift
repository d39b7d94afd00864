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
    /// ISO 3166-1 region; default `US`.
    public var regionCode: String?

    /// Creates the input.
    public init(name: String, email: String, domain: String, organisationName: String, regionCode: String? = nil) {
        self.name = name
        self.email = email
        self.domain = domain
        self.organisationName = organisationName
        self.regionCode = regionCode
    }
}
