/// The answer of `Invitations.Send`: the INVITED customer and its invitation.
public struct SentInvitation: Sendable, Hashable, Codable {
    /// The new customer, state INVITED.
    public var customer: Customer
    /// The pending invitation.
    public var invitation: Invitation

    /// Creates the pair.
    public init(customer: Customer, invitation: Invitation) {
        self.customer = customer
        self.invitation = invitation
    }
}
