/// A group of SKUs of one product line ("Google Workspace", "Cloud Identity"). A customer holds
/// at most one live subscription per family: changing edition or plan is a change of SKU, not a
/// second purchase.
public struct ProductFamily: Sendable, Hashable, Codable {
    /// Stable id, e.g. "workspace".
    public var id: String
    /// Display name, e.g. "Google Workspace".
    public var name: String
    /// Whether the family is an Essentials product line: the only products a team customer may
    /// buy before its domain is verified.
    public var essentials: Bool

    /// Creates a family.
    public init(id: String, name: String, essentials: Bool) {
        self.id = id
        self.name = name
        self.essentials = essentials
    }
}
