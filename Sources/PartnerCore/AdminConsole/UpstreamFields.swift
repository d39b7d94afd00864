/// What the customer's admin console account says of the fields both consoles keep: the
/// values `AdminConsoleMismatch` compares with the partner console's own.
///
/// A customer keeps a copy in its record (`Customer.upstream`), refreshed in the transaction
/// that links or changes its account, so that `Customers.Get` reads one record, not the
/// customer and then its account by a unique key.
public struct UpstreamFields: Codable, Hashable, Sendable {
    /// The account's primary domain.
    public var domain: String
    /// The account's alternate email.
    public var alternateEmail: String?
    /// The organisation name upstream.
    public var organisationName: String

    /// The values of `account`.
    public init(_ account: UpstreamAccount) {
        self.domain = account.domain
        self.alternateEmail = account.alternateEmail
        self.organisationName = account.organisationName
    }
}
