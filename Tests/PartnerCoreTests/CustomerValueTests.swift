import Foundation
import Testing

@testable import PartnerCore

@Suite("A customer is a value: copies change apart; equality, hashing and JSON are its fields'")
struct CustomerValueTests {
    static func customer(name: String = "Rossi S.r.l.") -> Customer {
        Customer(
            id: "cus_1", partnerId: "ptn_1", organisationName: name, displayName: name, primaryDomain: "rossi.example",
            customerType: .domain, education: nil, cloudIdentityId: "C01", postalAddress: nil,
            primaryAdminEmail: "admin@rossi.example", alternateEmail: "a@example.net", phoneNumber: nil,
            languageCode: "it", regionCode: "IT", timeZone: "Europe/Rome", state: .active,
            time: Timestamp(millisecondsSinceEpoch: 1_700_000_000_000))
    }

    @Test("changing a copy leaves the original as it was, field by field and through Versioned")
    func copiesChangeApart() {
        let original = Self.customer()
        var copy = original
        copy.displayName = "Rossi"
        copy.advanceVersion(at: Timestamp(millisecondsSinceEpoch: 1_700_000_001_000))
        #expect(original.displayName == "Rossi S.r.l.")
        #expect(original.version == 1 && original.etag == Etag.initial)
        #expect(copy.displayName == "Rossi" && copy.version == 2 && copy.etag == "v2")
        #expect(copy != original)
    }

    @Test("customers made apart with equal fields are equal and hash alike; one field apart, they differ")
    func equalityIsTheFields() {
        let a = Self.customer()
        let b = Self.customer()
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        var c = b
        c.phoneNumber = "+39 02 1234"
        #expect(a != c)
    }

    @Test("a customer encodes as its fields, and decodes back equal")
    func jsonIsTheFields() throws {
        let customer = Self.customer()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(customer)
        #expect(data == (try encoder.encode(customer.box.fields)))
        #expect(try JSONDecoder().decode(Customer.self, from: data) == customer)
    }

    @Test("a derived value is made once per state: copies share it, a change of any field forgets it")
    func derivedValuesFollowTheFields() {
        let made = Counter()
        func label(_ customer: Customer) -> String {
            customer.derived { customer in
                made.add()
                return "\(customer.displayName) v\(customer.version)"
            }
        }
        var original = Self.customer()
        let copy = original
        #expect(label(original) == "Rossi S.r.l. v1")
        #expect(label(copy) == "Rossi S.r.l. v1")
        #expect(made.value == 1, "the copy shares the fields and what was made from them")

        original.displayName = "Rossi"
        #expect(label(original) == "Rossi v1", "changed while shared: made again for the new fields")
        #expect(label(copy) == "Rossi S.r.l. v1", "the copy keeps its own")
        #expect(made.value == 2)

        var unique = Self.customer()
        #expect(label(unique) == "Rossi S.r.l. v1")
        unique.advanceVersion(at: Timestamp(millisecondsSinceEpoch: 1_700_000_001_000))
        #expect(label(unique) == "Rossi S.r.l. v2", "changed in place while unique: forgotten too")
        #expect(made.value == 4)
    }

    /// Counts calls from a closure.
    final class Counter: @unchecked Sendable {
        private(set) var value = 0
        func add() { value += 1 }
    }
}
