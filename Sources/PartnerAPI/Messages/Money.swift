public import FramedJSON

/// An amount of money: integer minor units (cents) in an ISO 4217 currency.
public struct Money: Codable, Sendable, Hashable, JSONCodable {
    /// ISO 4217 code, e.g. "EUR".
    public var currency: String
    /// The amount in minor units.
    public var minorUnits: Int64

    /// Creates the message.
    public init(currency: String, minorUnits: Int64) {
        self.currency = currency
        self.minorUnits = minorUnits
    }
}
