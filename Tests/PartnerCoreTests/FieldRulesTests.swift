import Testing

@testable import PartnerCore

@Suite("Field rules")
struct FieldRulesTests {
    @Test(
        "registeredDomainSyntax accepts registered domains, lower-cased",
        arguments: [
            "example.com", "Example.COM", "sub.example.co.uk", "xn--bcher-kva.example", "a-b.io", " spaced.org ",
        ])
    func registeredDomainSyntaxAccepts(domain: String) throws {
        let value = try FieldRules.registeredDomain(domain, field: "primaryDomain")
        #expect(value == value.lowercased())
        #expect(!value.contains(" "))
    }

    @Test(
        "registeredDomainSyntax refuses bad domains with INVALID_ARGUMENT on the field",
        arguments: [
            "", "localhost", "example", "-example.com", "example-.com", "exa mple.com", "example..com",
            "example.com.", ".example.com", "example.c0m", "example.c", "ex_ample.com", "www.example.com",
            "WWW.Example.com", String(repeating: "a", count: 64) + ".com", "ejemplo.españa",
        ])
    func registeredDomainSyntaxRefuses(domain: String) {
        expectRefusal(.invalidArgument, field: "primaryDomain") {
            try FieldRules.registeredDomain(domain, field: "primaryDomain")
        }
    }

    @Test("wwwPrefixRefused says to give the domain without www.")
    func wwwPrefixRefused() {
        do {
            _ = try FieldRules.registeredDomain("www.example.com", field: "primaryDomain")
            Issue.record("accepted www.")
        } catch {
            #expect(error.message.contains("www."))
        }
    }

    @Test(
        "emailSyntax accepts addresses and lower-cases the domain",
        arguments: [("Ann.Lee@Example.COM", "Ann.Lee@example.com"), ("a+tag@sub.example.org", "a+tag@sub.example.org")])
    func emailSyntaxAccepts(input: String, expected: String) throws {
        #expect(try FieldRules.email(input, field: "email") == expected)
    }

    @Test(
        "emailSyntax refuses malformed addresses",
        arguments: [
            "", "plain", "@example.com", "a@", "a@@example.com", ".a@example.com", "a.@example.com",
            "a..b@example.com", "a b@example.com", "a@example", "a@-x.com",
        ])
    func emailSyntaxRefuses(input: String) {
        expectRefusal(.invalidArgument, field: "email") { try FieldRules.email(input, field: "email") }
    }

    @Test("phoneSyntax keeps + and digits; refuses local or short numbers")
    func phoneSyntax() throws {
        #expect(try FieldRules.phone("+39 (06) 1234-5678", field: "phoneNumber") == "+390612345678")
        #expect(try FieldRules.phone("", field: "phoneNumber") == nil)
        #expect(try FieldRules.phone(nil, field: "phoneNumber") == nil)
        for bad in ["06 1234 5678", "+12", "+39 06 abc", "+1234567890123456"] {
            expectRefusal(.invalidArgument, field: "phoneNumber") { try FieldRules.phone(bad, field: "phoneNumber") }
        }
    }

    @Test("regionCodeISO3166 knows the 249 assigned codes")
    func regionCodeISO3166() throws {
        #expect(ISO3166.alpha2.count == 249)
        #expect(try FieldRules.regionCode("it", field: "regionCode") == "IT")
        #expect(try FieldRules.regionCode("SE", field: "regionCode") == "SE")
        for bad in ["", "XX", "UK", "ITA", "1T"] {
            expectRefusal(bad.isEmpty ? .invalidArgument : .invalidArgument, field: "regionCode") {
                try FieldRules.regionCode(bad, field: "regionCode")
            }
        }
    }

    @Test(
        "languageTagBCP47 accepts well-formed tags",
        arguments: [
            "it", "sv-SE", "ru-RU", "zh-Hant-TW", "de-CH-1996", "en-US-x-twain", "sr-Latn-RS", "es-419",
            "x-private", "en-a-bbb-x-ccc", "zh-yue-HK",
        ])
    func languageTagBCP47Accepts(tag: String) throws {
        #expect(try FieldRules.languageTag(tag, field: "languageCode") == tag)
    }

    @Test(
        "languageTagBCP47 refuses malformed tags",
        arguments: [
            "", "e", "toolonglang-US", "en_US", "en-", "-en", "en--US", "en-US-a", "en-a-bb-a-cc", "123", "en-x",
        ])
    func languageTagBCP47Refuses(tag: String) {
        expectRefusal(.invalidArgument, field: "languageCode") {
            try FieldRules.languageTag(tag, field: "languageCode")
        }
    }

    @Test(
        "timeZoneIANA accepts tz database names",
        arguments: [
            "UTC", "Europe/Rome", "Europe/Stockholm", "America/Argentina/Buenos_Aires", "Etc/GMT+2",
            "America/Port-au-Prince",
        ])
    func timeZoneIANAAccepts(zone: String) throws {
        #expect(try FieldRules.timeZone(zone, field: "timeZone") == zone)
    }

    @Test(
        "timeZoneIANA refuses other shapes",
        arguments: [
            "", "Rome", "CET+1", "Mars/Olympus", "Europe/", "Europe/Rome/", "europe/rome", "Europe/Ro me", "+02:00",
        ])
    func timeZoneIANARefuses(zone: String) {
        expectRefusal(.invalidArgument, field: "timeZone") { try FieldRules.timeZone(zone, field: "timeZone") }
    }

    @Test("postalAddressRequired needs region and postal code and caps lines")
    func postalAddressRequired() throws {
        let ok = try AddressRules.postalAddress(
            PostalAddress(regionCode: "se", postalCode: " 111 22 ", addressLines: ["Drottninggatan 1", " "]),
            field: "postalAddress")
        #expect(ok.regionCode == "SE" && ok.postalCode == "111 22" && ok.addressLines == ["Drottninggatan 1"])
        expectRefusal(.invalidArgument, field: "postalAddress") {
            try AddressRules.postalAddress(nil, field: "postalAddress")
        }
        expectRefusal(.invalidArgument, field: "postalAddress.regionCode") {
            try AddressRules.postalAddress(PostalAddress(regionCode: "", postalCode: "1"), field: "postalAddress")
        }
        expectRefusal(.invalidArgument, field: "postalAddress.postalCode") {
            try AddressRules.postalAddress(PostalAddress(regionCode: "IT", postalCode: " "), field: "postalAddress")
        }
        expectRefusal(.invalidArgument, field: "postalAddress.addressLines") {
            try AddressRules.postalAddress(
                PostalAddress(regionCode: "IT", postalCode: "1", addressLines: Array(repeating: "x", count: 6)),
                field: "postalAddress")
        }
    }

    @Test("names are required and limited to 200 characters")
    func names() {
        expectRefusal(.invalidArgument, field: "name") { try FieldRules.requireText("  ", field: "name") }
        expectRefusal(.invalidArgument, field: "name") {
            try FieldRules.requireText(String(repeating: "x", count: 201), field: "name")
        }
    }
}
