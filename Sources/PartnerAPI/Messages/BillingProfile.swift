public import FramedJSON

/// A customer's billing details, with their own etag.
public struct BillingProfile: Codable, Sendable, Hashable, JSONCodable {
    /// Customer.
    public var customerId: String
    /// The friendly name billing shows.
    public var displayName: String
    /// Billing address.
    public var billingAddress: PostalAddress?
    /// Billing contact.
    public var billingContact: BillingContact?
    /// Send back to update.
    public var etag: String
    /// RFC 3339.
    public var updateTime: String

    /// Creates the message.
    public init(
        customerId: String, displayName: String, billingAddress: PostalAddress? = nil,
        billingContact: BillingContact? = nil, etag: String, updateTime: String
    ) {
        self.customerId = customerId
        self.displayName = displayName
        self.billingAddress = billingAddress
        self.billingContact = billingContact
        self.etag = etag
        self.updateTime = updateTime
    }
}
