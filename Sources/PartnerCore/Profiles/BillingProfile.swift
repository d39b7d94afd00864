/// A customer's billing details, with an etag of its own. Shows the customer's friendly
/// name (renames appear here). Until first updated it is the default: the customer's postal
/// address and no billing contact, at version 1.
public struct BillingProfile: StoredRecord, Versioned, Hashable {
    /// Stored kind `billing_profile`.
    public static let kind = RecordKind("billing_profile")

    /// Id: `bpr_` + the customer id.
    public var id: String
    /// The partner.
    public var partnerId: String
    /// The customer.
    public var customerId: String
    /// The customer's friendly name (filled on read, from the customer).
    public var displayName: String
    /// Where bills go.
    public var billingAddress: PostalAddress?
    /// Who receives bills.
    public var billingContact: BillingContact?
    /// Version counter.
    public var version: Int64
    /// Etag of `version`.
    public var etag: String
    /// Last change (the customer's creation time until first updated).
    public var updateTime: Timestamp

    /// The default profile of `customer`.
    public init(defaultFor customer: Customer) {
        id = "bpr_" + customer.id
        partnerId = customer.partnerId
        customerId = customer.id
        displayName = customer.displayName
        billingAddress = customer.postalAddress
        billingContact = nil
        version = 1
        etag = Etag.initial
        updateTime = customer.createTime
    }
}
