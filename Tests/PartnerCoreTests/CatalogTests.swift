import Testing

@testable import PartnerCore

@Suite("Catalogue")
struct CatalogTests {
    let catalog = Catalog.standard

    @Test("the standard table parses into at least 12 SKUs covering every plan and rule")
    func standardTableCoversEveryRule() throws {
        #expect(catalog.products.count >= 12)
        #expect(Set(catalog.products.map(\.plan)) == Set(BillingPlan.allCases))
        #expect(catalog.products.contains { $0.eligibility.educationOnly })
        #expect(catalog.products.contains { $0.isAddOn })
        #expect(catalog.products.contains { $0.eligibility.teamCustomers && !$0.eligibility.domainCustomers })
        #expect(catalog.products.contains { !$0.eligibility.teamCustomers && $0.eligibility.domainCustomers })
        #expect(catalog.families.contains { $0.essentials })
        let starter = try #require(catalog.product("ws-business-starter-flex"))
        #expect(starter.unitPrice == Money(minorUnits: 840, currency: .usd))
        #expect(starter.maxSeats == 300)
        #expect(starter.familyId == "workspace")
        let gemini = try #require(catalog.product("gemini-business-flex"))
        #expect(gemini.requiresAnyOf.contains(.sku("ws-business-starter-flex")))
        #expect(catalog.product("storage-10tb-monthly")?.requiresAnyOf == [.family("workspace")])
    }

    struct EligibilityCase: Sendable, CustomTestStringConvertible {
        var sku: String
        var team: Bool
        var education: Bool
        var verified: Bool
        var expected: Ineligibility?
        var testDescription: String {
            "\(sku) for \(team ? "team" : "domain")\(education ? "+edu" : "")\(verified ? "" : " unverified") -> \(expected.map { "\($0)" } ?? "eligible")"
        }
    }

    static let eligibilityTable: [EligibilityCase] = [
        .init(sku: "ws-business-starter-flex", team: false, education: false, verified: true, expected: nil),
        .init(
            sku: "ws-business-starter-flex", team: true, education: false, verified: false,
            expected: .teamDomainNotVerified),
        .init(sku: "ws-business-starter-flex", team: true, education: false, verified: true, expected: nil),
        .init(sku: "ess-starter", team: true, education: false, verified: false, expected: nil),
        .init(sku: "ess-enterprise-flex", team: true, education: false, verified: false, expected: nil),
        .init(sku: "ess-starter", team: false, education: false, verified: true, expected: .customerTypeNotEligible),
        .init(sku: "ci-premium-flex", team: true, education: false, verified: true, expected: .customerTypeNotEligible),
        .init(sku: "edu-standard-annual", team: false, education: false, verified: true, expected: .educationOnly),
        .init(sku: "edu-standard-annual", team: false, education: true, verified: true, expected: nil),
        .init(sku: "edu-tlu-flex", team: false, education: false, verified: true, expected: .educationOnly),
        .init(
            sku: "gemini-business-flex", team: true, education: false, verified: false, expected: .teamDomainNotVerified
        ),
    ]

    @Test("eligibility: customer type, team domain verification, education only", arguments: eligibilityTable)
    func eligibility(_ row: EligibilityCase) throws {
        let product = try #require(catalog.product(row.sku))
        let profile = PurchaserProfile(
            isTeamCustomer: row.team, isEducation: row.education, domainVerified: row.verified)
        #expect(catalog.ineligibility(of: product, for: profile) == row.expected)
        #expect(catalog.products(eligibleFor: profile).contains(product) == (row.expected == nil))
    }

    @Test("an unverified team customer is offered Essentials products only")
    func unverifiedTeamSeesEssentialsOnly() {
        let offered = catalog.products(
            eligibleFor: PurchaserProfile(isTeamCustomer: true, isEducation: false, domainVerified: false))
        #expect(!offered.isEmpty)
        #expect(offered.allSatisfy { catalog.family($0.familyId)?.essentials == true })
    }

    @Test(
        "malformed tables are refused with the line and the reason",
        arguments: [
            ("family | a | A", 1, "4 fields"),
            ("family | a | A | maybe", 1, "yes or no"),
            ("thing | a", 1, "unknown record type"),
            ("family | f | F | no\nsku | s | f | S | WEEKLY | 1 USD | 1 | DOMAIN | ANY | -", 2, "unknown plan"),
            ("family | f | F | no\nsku | s | f | S | FLEXIBLE | 1 usd | 1 | DOMAIN | ANY | -", 2, "ISO 4217"),
            ("family | f | F | no\nsku | s | f | S | FLEXIBLE | 1 USD | 0 | DOMAIN | ANY | -", 2, ">= 1"),
            ("family | f | F | no\nsku | s | f | S | FLEXIBLE | 1 USD | 1 | SCHOOL | ANY | -", 2, "customer type"),
            ("family | f | F | no\nsku | s | f | S | FLEXIBLE | 1 USD | 1 | DOMAIN | SOME | -", 2, "ANY or ONLY"),
            ("family | f | F | no\nsku | S! | f | S | FLEXIBLE | 1 USD | 1 | DOMAIN | ANY | -", 2, "not an id"),
        ])
    func malformedTable(_ text: String, _ line: Int, _ reason: String) {
        #expect {
            _ = try CatalogTableParser.parse(text)
        } throws: { error in
            guard let error = error as? CatalogTableError else { return false }
            return error.line == line && error.message.contains(reason)
        }
    }

    @Test(
        "inconsistent tables are refused",
        arguments: [
            ("sku | s | nofamily | S | FLEXIBLE | 1 USD | 1 | DOMAIN | ANY | -", "unknown family"),
            ("family | f | F | no\nfamily | f | G | no", "defined twice"),
            ("family | f | F | no\nsku | a | f | A | FLEXIBLE | 1 USD | 1 | DOMAIN | ANY | missing", "not a base SKU"),
            (
                "family | f | F | no\nsku | a | f | A | FLEXIBLE | 1 USD | 1 | DOMAIN | ANY | family:g",
                "unknown family g"
            ),
        ])
    func inconsistentTable(_ text: String, _ reason: String) {
        #expect {
            _ = try CatalogTableParser.parse(text)
        } throws: { error in
            (error as? CatalogTableError)?.message.contains(reason) == true
        }
    }

    @Test("money is formatted with the currency's minor digits")
    func moneyFormatting() throws {
        #expect(Money(minorUnits: 1234, currency: .usd).description == "12.34 USD")
        #expect(Money(minorUnits: 5, currency: .usd).formattedAmount == "0.05")
        #expect(Money(minorUnits: -5, currency: .eur).formattedAmount == "-0.05")
        #expect(Money(minorUnits: 1200, currency: try #require(CurrencyCode("JPY"))).formattedAmount == "1200")
        #expect(Money(minorUnits: 1234, currency: try #require(CurrencyCode("KWD"))).formattedAmount == "1.234")
        #expect(CurrencyCode("usd") == nil)
        #expect(Money(minorUnits: .max, currency: .usd).adding(Money(minorUnits: 1, currency: .usd)) == nil)
        #expect(Money(minorUnits: 1, currency: .usd).adding(Money(minorUnits: 1, currency: .eur)) == nil)
    }
}
