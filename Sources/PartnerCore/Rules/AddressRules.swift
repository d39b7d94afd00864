/// Rules for postal addresses.
public enum AddressRules {
    /// Most street lines an address may have.
    public static let maxLines = 5

    /// Rule `postalAddressRequired`: region code (ISO 3166-1 alpha-2) and postal code are
    /// required; at most 5 address lines of at most 200 characters. Returns the address
    /// trimmed, region upper-case, empty lines dropped.
    /// - Throws: INVALID_ARGUMENT naming `<field>.regionCode`, `<field>.postalCode`,
    ///   `<field>.addressLines`.
    public static func postalAddress(_ address: PostalAddress?, field: String) throws(DomainError) -> PostalAddress {
        guard let address else { throw DomainError.required(field) }
        let region = try FieldRules.regionCode(address.regionCode, field: "\(field).regionCode")
        let postal = try FieldRules.requireText(address.postalCode, field: "\(field).postalCode", maxLength: 20)
        var lines: [String] = []
        for line in address.addressLines {
            if let kept = try FieldRules.optionalText(line, field: "\(field).addressLines") { lines.append(kept) }
        }
        guard lines.count <= maxLines else {
            throw DomainError.invalid(
                field: "\(field).addressLines", reason: "has \(lines.count) lines; the limit is \(maxLines)")
        }
        return PostalAddress(
            regionCode: region, postalCode: postal,
            administrativeArea: try FieldRules.optionalText(
                address.administrativeArea, field: "\(field).administrativeArea"),
            locality: try FieldRules.optionalText(address.locality, field: "\(field).locality"),
            addressLines: lines,
            organizationName: try FieldRules.optionalText(address.organizationName, field: "\(field).organizationName"))
    }

    /// One line for audit summaries: "lines, postal locality, REGION".
    public static func summary(_ a: PostalAddress) -> String {
        (a.addressLines + [
            [a.postalCode, a.locality ?? ""].filter { !$0.isEmpty }.joined(separator: " "), a.administrativeArea ?? "",
            a.regionCode,
        ])
        .filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
