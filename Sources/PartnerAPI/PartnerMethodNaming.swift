/// A method descriptor of the schema, unary (`PartnerMethod`) or streaming
/// (`PartnerStreamingMethod`): what a service's `Methods` holds, one stored property a method.
public protocol PartnerMethodNaming: Sendable {
    /// The wire name, e.g. "Customers.Get".
    var name: String { get }
}

extension PartnerMethod: PartnerMethodNaming {}

extension PartnerStreamingMethod: PartnerMethodNaming {}
