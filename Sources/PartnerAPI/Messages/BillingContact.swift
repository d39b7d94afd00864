public import FramedJSON

/// Who receives invoices.
public struct BillingContact: Codable, Sendable, Hashable, JSONCodable {
    /// Name.
    public var name: String
    /// Email.
    public var email: String
    /// Phone.
    public var phoneNumber: String?

    /// Creates the message.
    public init(name: String, email: String, phoneNumber: String? = nil) {
        self.name = name
        self.email = email
        self.phoneNumber = phoneNumber
    }
}
