public import FramedJSON

/// A method descriptor of the schema, unary (`PartnerMethod`) or streaming
/// (`PartnerStreamingMethod`): what a service's `Methods` holds, one stored property a method.
/// Code that handles every method alike (the lockstep tests, the params fuzz target) opens it
/// to reach the method's params type.
public protocol PartnerMethodDescribing: Sendable {
    /// The method's params.
    associatedtype Request: JSONCodable & Sendable

    /// The wire name, e.g. "Customers.Get".
    var name: String { get }
}

extension PartnerMethod: PartnerMethodDescribing {}

extension PartnerStreamingMethod: PartnerMethodDescribing {}
