/// A service's `Methods`: one stored `PartnerMethod` or `PartnerStreamingMethod` property a
/// method of the schema, each naming its method once.
public protocol PartnerMethodSet: Sendable {}

extension PartnerMethodSet {
    /// The method descriptors held, in the order they are declared.
    public var descriptors: [any PartnerMethodDescribing] {
        Mirror(reflecting: self).children.compactMap { $0.value as? any PartnerMethodDescribing }
    }

    /// The wire names of the methods held, in the order they are declared, read from the
    /// descriptors rather than listed again.
    public var names: [String] { descriptors.map(\.name) }
}
