import Testing

@testable import PartnerCore

/// `Customers.List` filter expressions (AIP-160 style) and ordering (issue #13 capability).
@Suite("Customer list filter and order")
struct CustomerListFilterTests {
    static let fields: Set<String> = ["a", "b", "c"]

    private func matches(_ filter: String, _ values: [String: String]) throws -> Bool {
        try FilterExpression.parse(filter, fields: Self.fields).matches { values[$0] }
    }

    @Test("filterPrecedence: NOT binds tighter than AND, AND tighter than OR; parentheses regroup")
    func filterPrecedence() throws {
        let values = ["a": "1", "b": "2", "c": "3"]
        #expect(try matches("a = 1 OR b = 9 AND c = 9", values))  // a=1 OR (b=9 AND c=9)
        #expect(try !matches("(a = 1 OR b = 9) AND c = 9", values))
        #expect(try !matches("NOT a = 1 AND b = 2", values))  // (NOT a=1) AND b=2
        #expect(try matches("NOT (a = 1 AND b = 9)", values))
        #expect(try matches("a : \"1\" AND b >= 2 AND c != 4", values))
        #expect(try matches("a : 1* AND NOT NOT b = 2", values))
    }

    @Test(
        "filterErrorsPointAtPosition: a syntax error is INVALID_ARGUMENT filter naming the 1-based position",
        arguments: [
            ("a = 1 AND", "position 10"), ("(a = 1", "position 7"), ("zz = 1", "position 1"), ("a ~ 1", "position 3"),
            ("a = \"open", "position 5"), ("a = 1 b = 2", "position 7"),
        ])
    func filterErrorsPointAtPosition(_ filter: String, _ position: String) {
        do {
            _ = try FilterExpression.parse(filter, fields: Self.fields)
            Issue.record("\(filter) parsed")
        } catch {
            #expect(error.field == "filter" && error.code == .invalidArgument)
            #expect(error.message.contains(position), "\(filter): \(error.message)")
        }
    }

    @Test("customersListFilterAndOrder: the expression filters, orderBy orders, and pages keep the order")
    func customersListFilterAndOrder() throws {
        let f = try CoreFixture()
        for (index, name) in ["Delta", "alpha", "Charlie", "Bravo"].enumerated() {
            try f.createCustomer(
                CoreFixture.newCustomer(
                    "order\(index).example", type: index == 0 ? .team : .domain, name: "\(name) S.r.l.",
                    alternate: index == 0 ? nil : "owner@gmail.com"))
        }
        let domain = f.domain
        let a = f.a
        func list(_ filter: CustomerFilter, size: Int = 50, token: String? = nil) throws -> Page<Customer> {
            try f.read { tx in
                try domain.customers.list(
                    filter, page: PageRequest(pageSize: size, pageToken: token), caller: a, in: tx)
            }
        }
        let domains = try list(CustomerFilter(expression: "customerType = DOMAIN AND NOT displayName : charlie"))
        #expect(domains.items.map(\.displayName).sorted() == ["Bravo S.r.l.", "alpha S.r.l."])
        let ordered = CustomerFilter(orderBy: "organisationName desc")
        let first = try list(ordered, size: 2)
        let second = try list(ordered, size: 2, token: first.nextPageToken)
        #expect(
            (first.items + second.items).map(\.organisationName) == [
                "alpha S.r.l.", "Delta S.r.l.", "Charlie S.r.l.", "Bravo S.r.l.",
            ])
        expectRefusal(.invalidArgument, field: "pageToken") {
            try list(CustomerFilter(orderBy: "organisationName"), size: 2, token: first.nextPageToken)
        }
        expectRefusal(.invalidArgument, field: "orderBy") { try list(CustomerFilter(orderBy: "seats desc")) }
        expectRefusal(.invalidArgument, field: "filter") { try list(CustomerFilter(expression: "state = ACTIVE OR")) }
    }
}
