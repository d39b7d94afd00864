import Testing

@testable import PartnerCore

@Suite("StoreError")
struct StoreErrorTests {
    @Test(
        "a duplicate unique key names the field it was made of, whatever operation met it",
        arguments: [
            ("domain:example.com", "primaryDomain"), ("email:par_1:agent:a@example.com", "email"),
            ("token:abc", "token"), ("user:usr_1", "user"), ("slug", "slug"),
        ])
    func duplicateKeyField(key: String, field: String) {
        #expect(StoreError.duplicateKey(key).field == field)
    }

    @Test("only a duplicate with a key names a field")
    func noField() {
        #expect(StoreError(code: .duplicateKey, message: "taken").field == nil)
        #expect(StoreError(code: .duplicateKey, message: "taken", key: "").field == nil)
        #expect(StoreError(code: .unavailable, message: "disk full", key: "domain:x").field == nil)
        #expect(StoreError(code: .corrupt, message: "bad row").field == nil)
    }
}
