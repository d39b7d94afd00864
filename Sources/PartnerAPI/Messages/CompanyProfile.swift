public import FramedJSON

/// A customer's company details (read-only for partners).
public struct CompanyProfile: Codable, Sendable, Hashable, JSONCodable {
    /// Customer.
    public var customerId: String
    /// The original organisation name.
    public var legalName: String
    /// Domain.
    public var primaryDomain: String
    /// Cloud Identity id.
    public var cloudIdentityId: String

    /// Creates the message.
    public init(customerId: String, legalName: String, primaryDomain: String, cloudIdentityId: String) {
        self.customerId = customerId
        self.legalName = legalName
        self.primaryDomain = primaryDomain
        self.cloudIdentityId = cloudIdentityId
    }
}
