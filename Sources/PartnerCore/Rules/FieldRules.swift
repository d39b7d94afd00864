/// Syntax rules for the field kinds the domain validates: domains, emails, phone numbers,
/// region codes, language tags, time zones and plain names. Each throws INVALID_ARGUMENT
/// naming the field it was given.
public enum FieldRules {
    /// Longest accepted free-text name (organisation, display, person names).
    public static let maxNameLength = 200

    /// `value` trimmed of spaces; INVALID_ARGUMENT when empty or longer than `maxLength`.
    public static func requireText(_ value: String?, field: String, maxLength: Int = maxNameLength) throws(DomainError)
        -> String
    {
        let trimmed = trim(value ?? "")
        guard !trimmed.isEmpty else { throw DomainError.required(field) }
        guard trimmed.count <= maxLength else {
            throw DomainError.invalid(
                field: field, reason: "is \(trimmed.count) characters long; the limit is \(maxLength)")
        }
        return trimmed
    }

    /// `value` trimmed, or `nil` when absent or empty; INVALID_ARGUMENT when too long.
    public static func optionalText(_ value: String?, field: String, maxLength: Int = maxNameLength) throws(DomainError)
        -> String?
    {
        let trimmed = trim(value ?? "")
        if trimmed.isEmpty { return nil }
        return try requireText(trimmed, field: field, maxLength: maxLength)
    }

    /// Rule `registeredDomainSyntax`: a registered domain name, returned lower-case. At least
    /// two labels, each 1-63 of `a-z 0-9 -` not starting or ending with `-`, a top-level label
    /// of letters (or `xn--` punycode), 253 characters at most, no trailing dot, no `www.`
    /// prefix (give the registered domain itself).
    public static func registeredDomain(_ value: String?, field: String) throws(DomainError) -> String {
        let domain = trim(value ?? "").lowercased()
        guard !domain.isEmpty else { throw DomainError.required(field) }
        guard !domain.hasPrefix("www.") else {
            throw DomainError.invalid(
                field: field, reason: "\(domain) starts with www.; give the registered domain without it")
        }
        try domainSyntax(domain, field: field)
        return domain
    }

    /// Host-name syntax shared by domains and the domain part of emails.
    static func domainSyntax(_ domain: String, field: String) throws(DomainError) {
        guard domain.utf8.count <= 253 else {
            throw DomainError.invalid(field: field, reason: "is \(domain.utf8.count) characters long; the limit is 253")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else {
            throw DomainError.invalid(
                field: field, reason: "\(domain) is not a registered domain (it needs a name and a top-level domain)")
        }
        for label in labels {
            let bytes = Array(label.utf8)
            guard !bytes.isEmpty, bytes.count <= 63 else {
                throw DomainError.invalid(
                    field: field, reason: "\(domain) has an empty label or one longer than 63 characters")
            }
            guard bytes.allSatisfy({ isLowerAlnum($0) || $0 == 45 }), bytes.first != 45, bytes.last != 45 else {
                throw DomainError.invalid(
                    field: field, reason: "\(domain) may hold only letters, digits and inner hyphens")
            }
        }
        let tld = labels[labels.count - 1]
        guard tld.hasPrefix("xn--") || (tld.utf8.count >= 2 && tld.utf8.allSatisfy { $0 >= 97 && $0 <= 122 }) else {
            throw DomainError.invalid(field: field, reason: "\(domain) does not end in a top-level domain of letters")
        }
    }

    /// Rule `emailSyntax`: `local@domain`, returned with the domain lower-cased. Local part
    /// 1-64 characters of letters, digits and ``!#$%&'*+/=?^_`{|}~.-`` without leading,
    /// trailing or doubled dots; the domain a host name; 254 characters at most.
    public static func email(_ value: String?, field: String) throws(DomainError) -> String {
        let text = trim(value ?? "")
        guard !text.isEmpty else { throw DomainError.required(field) }
        guard text.utf8.count <= 254 else {
            throw DomainError.invalid(field: field, reason: "is \(text.utf8.count) characters long; the limit is 254")
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw DomainError.invalid(field: field, reason: "\(text) is not an email address")
        }
        let local = Array(parts[0].utf8)
        let allowed = Set("!#$%&'*+/=?^_`{|}~.-".utf8)
        guard !local.isEmpty, local.count <= 64, local.first != 46, local.last != 46,
            local.allSatisfy({ isLowerAlnum($0) || ($0 >= 65 && $0 <= 90) || allowed.contains($0) }),
            !parts[0].contains("..")
        else { throw DomainError.invalid(field: field, reason: "\(text) has an invalid local part") }
        let domain = parts[1].lowercased()
        try domainSyntax(domain, field: field)
        return String(parts[0]) + "@" + domain
    }

    /// The lower-cased domain part of a valid email.
    public static func domain(ofEmail email: String) -> String {
        guard let at = email.lastIndex(of: "@") else { return "" }
        return email[email.index(after: at)...].lowercased()
    }

    /// Whether `host` is `domain` or one of its subdomains.
    public static func isWithin(_ host: String, domain: String) -> Bool {
        host == domain || host.hasSuffix("." + domain)
    }

    /// Rule `phoneSyntax`: an international number, `+` and 7-15 digits; spaces, dots,
    /// dashes and parentheses are dropped. Returns the compact form.
    public static func phone(_ value: String?, field: String) throws(DomainError) -> String? {
        let text = trim(value ?? "")
        if text.isEmpty { return nil }
        let compact = text.filter { !" .-()".contains($0) }
        let digits = compact.dropFirst()
        guard compact.first == "+", (7...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber })
        else {
            throw DomainError.invalid(
                field: field, reason: "\(text) is not an international phone number like +39 06 1234 5678")
        }
        return compact
    }

    /// Rule `regionCodeISO3166`: an assigned ISO 3166-1 alpha-2 code, returned upper-case.
    public static func regionCode(_ value: String?, field: String) throws(DomainError) -> String {
        let code = trim(value ?? "").uppercased()
        guard !code.isEmpty else { throw DomainError.required(field) }
        guard ISO3166.alpha2.contains(code) else {
            throw DomainError.invalid(field: field, reason: "\(code) is not an ISO 3166-1 alpha-2 region code")
        }
        return code
    }

    /// Rule `languageTagBCP47`: a well-formed BCP 47 language tag (language, optional
    /// extlang/script/region, variants, extensions, private use), e.g. `it`, `sv-SE`,
    /// `zh-Hant-TW`, `de-CH-1996`.
    public static func languageTag(_ value: String?, field: String) throws(DomainError) -> String {
        let tag = trim(value ?? "")
        guard !tag.isEmpty else { throw DomainError.required(field) }
        guard LanguageTag.isWellFormed(tag) else {
            throw DomainError.invalid(field: field, reason: "\(tag) is not a BCP 47 language tag such as en-US")
        }
        return tag
    }

    /// Rule `timeZoneIANA`: `UTC`, or an IANA `Area/Location[/Sub]` name whose area is one of
    /// the tz database's (Africa, America, Antarctica, Arctic, Asia, Atlantic, Australia,
    /// Europe, Indian, Pacific, Etc) and whose parts are letters, digits, `_`, `+`, `-`.
    public static func timeZone(_ value: String?, field: String) throws(DomainError) -> String {
        let zone = trim(value ?? "")
        guard !zone.isEmpty else { throw DomainError.required(field) }
        if zone == "UTC" { return zone }
        let areas: Set<Substring> = [
            "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia",
            "Europe", "Indian", "Pacific", "Etc",
        ]
        let parts = zone.split(separator: "/", omittingEmptySubsequences: false)
        let wellFormed =
            parts.count >= 2 && parts.count <= 3 && areas.contains(parts[0])
            && parts.dropFirst().allSatisfy { part in
                !part.isEmpty && part.count <= 30 && part.first!.isLetter
                    && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_+-".contains($0)) }
            }
        guard wellFormed else {
            throw DomainError.invalid(field: field, reason: "\(zone) is not an IANA time zone such as Europe/Rome")
        }
        return zone
    }

    static func trim(_ value: String) -> String {
        var s = Substring(value)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    private static func isLowerAlnum(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 48 && c <= 57) }
}
