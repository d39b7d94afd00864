/// A postal address (shape of Google's `PostalAddress`).
public struct PostalAddress: Sendable, Hashable, Codable {
    /// ISO 3166-1 alpha-2 region (country) code, upper-case, e.g. `IT`. Required.
    public var regionCode: String
    /// Postal code. Required.
    public var postalCode: String
    /// State / province, optional.
    public var administrativeArea: String?
    /// City / town, optional.
    public var locality: String?
    /// Street lines, at most 5.
    public var addressLines: [String]
    /// Organisation at the address, optional.
    public var organizationName: String?

    /// Creates an address.
    public init(
        regionCode: String, postalCode: String, administrativeArea: String? = nil, locality: String? = nil,
        addressLines: [String] = [], organizationName: String? = nil
    ) {
        self.regionCode = regionCode
        self.postalCode = postalCode
        self.administrativeArea = administrativeArea
        self.locality = locality
        self.addressLines = addressLines
        self.organizationName = organizationName
    }
}
