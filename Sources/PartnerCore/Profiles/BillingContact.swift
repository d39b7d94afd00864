/// Who receives a customer's bills.
public struct BillingContact: Sendable, Hashable, Codable {
    /// Name, required.
    public var name: String
    /// Email, required.
    public var email: String
    /// Phone, optional.
    public var phoneNumber: String?

    /// Creates a billing contact.
    public init(name: String, email: String, phoneNumber: String? = nil) {
        self.name = name
        self.email = email
        self.phoneNumber = phoneNumber
    }
}
