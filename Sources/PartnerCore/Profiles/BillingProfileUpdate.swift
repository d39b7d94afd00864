/// The input of `BillingProfiles.Update`: given fields replace the stored ones.
public struct BillingProfileUpdate: Sendable, Hashable, Codable {
    /// The customer.
    public var customerId: String
    /// The etag the caller read; stale -> ABORTED.
    public var etag: String?
    /// New billing address.
    public var billingAddress: PostalAddress?
    /// New billing contact.
    public var billingContact: BillingContact?

    /// Creates the input.
    public init(
        customerId: String, etag: String? = nil, billingAddress: PostalAddress? = nil,
        billingContact: BillingContact? = nil
    ) {
        self.customerId = customerId
        self.etag = etag
        self.billingAddress = billingAddress
        self.billingContact = billingContact
    }
}
