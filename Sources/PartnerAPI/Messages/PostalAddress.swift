public import FramedJSON

/// A postal address; `regionCode` (ISO 3166-1 alpha-2) and `postalCode` are required.
public struct PostalAddress: Codable, Sendable, Hashable, JSONCodable {
    /// ISO 3166-1 alpha-2, e.g. "IT".
    public var regionCode: String
    /// Postal code.
    public var postalCode: String
    /// State or province.
    public var administrativeArea: String?
    /// City or town.
    public var locality: String?
    /// Street lines, at most 5.
    public var addressLines: [String]?
    /// Organisation line.
    public var organizationName: String?

    /// Creates the message.
    public init(
        regionCode: String, postalCode: String, administrativeArea: String? = nil, locality: String? = nil,
        addressLines: [String]? = nil, organizationName: String? = nil
    ) {
        self.regionCode = regionCode
        self.postalCode = postalCode
        self.administrativeArea = administrativeArea
        self.locality = locality
        self.addressLines = addressLines
        self.organizationName = organizationName
    }
}
