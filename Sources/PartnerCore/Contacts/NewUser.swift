/// The input of `Users.Create`.
public struct NewUser: Sendable, Hashable, Codable {
    /// The customer; `nil` for a user of the partner itself.
    public var customerId: String?
    /// First name, required.
    public var firstName: String
    /// Last name, required.
    public var lastName: String
    /// Email, required, unique within the partner or customer.
    public var email: String

    /// Creates the input.
    public init(customerId: String? = nil, firstName: String, lastName: String, email: String) {
        self.customerId = customerId
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
    }
}
