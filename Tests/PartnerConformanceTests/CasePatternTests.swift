import PartnerConformance
import Testing

@Suite("--only patterns")
struct CasePatternTests {
    @Test("a plain word selects the names that start with it")
    func prefix() {
        let pattern = CasePattern("wire.framing")
        #expect(pattern.matches("wire.framing.zero-length"))
        #expect(!pattern.matches("schema.wire.framing"))
    }

    @Test("a star matches any run of characters, commas separate alternatives")
    func globs() {
        let pattern = CasePattern("schema.*.missing.*,domain.customers")
        #expect(pattern.matches("schema.Customers.Get.missing.customerId"))
        #expect(pattern.matches("domain.customers.www-prefix-refused"))
        #expect(!pattern.matches("schema.Customers.Get.wrong-type.customerId"))
    }

    @Test("an empty pattern matches everything")
    func empty() {
        #expect(CasePattern("").matches("anything"))
    }
}
