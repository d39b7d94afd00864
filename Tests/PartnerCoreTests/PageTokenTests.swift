import Testing

@testable import PartnerCore

/// Page tokens are bound to the query that made them, opaque, and unforgeable (issue #13,
/// defect 1).
@Suite("Page tokens")
struct PageTokenTests {
    /// Creates `count` TEAM customers named "Pagerco NN" for partner A.
    private func seed(_ f: CoreFixture, count: Int) throws {
        for index in 0..<count {
            let name = "Pagerco \(index < 10 ? "0" : "")\(index)"
            try f.createCustomer(
                CoreFixture.newCustomer("pagerco\(index).example", type: .team, name: name, alternate: nil))
        }
    }

    private func list(
        _ f: CoreFixture, _ filter: CustomerFilter, size: Int, token: String? = nil, as caller: Caller? = nil
    )
        throws -> Page<Customer>
    {
        let domain = f.domain
        let caller = caller ?? f.a
        return try f.read { tx in
            try domain.customers.list(
                filter, page: PageRequest(pageSize: size, pageToken: token), caller: caller, in: tx)
        }
    }

    @Test(
        "pageTokenBoundToQuery: a token reused with other filters is INVALID_ARGUMENT pageToken, never a silent empty page"
    )
    func pageTokenBoundToQuery() throws {
        let f = try CoreFixture()
        try seed(f, count: 12)
        let first = try list(f, CustomerFilter(text: "Pagerco"), size: 5)
        let token = try #require(first.nextPageToken)
        expectRefusal(.invalidArgument, field: "pageToken") {
            try list(f, CustomerFilter(text: "Pagerco 00"), size: 5, token: token)
        }
        expectRefusal(.invalidArgument, field: "pageToken") {
            try list(f, CustomerFilter(text: "Pagerco", customerType: .team), size: 5, token: token)
        }
        // The same query pages on, whatever the page size.
        let second = try list(f, CustomerFilter(text: "Pagerco"), size: 50, token: token)
        #expect(second.items.count == 7 && second.nextPageToken == nil)
        #expect(Set(first.items.map(\.id)).isDisjoint(with: second.items.map(\.id)))
    }

    @Test("pageTokenBoundToList: a token of one List method is refused by another")
    func pageTokenBoundToList() throws {
        let f = try CoreFixture()
        try seed(f, count: 3)
        let token = try #require(try list(f, CustomerFilter(), size: 1).nextPageToken)
        let domain = f.domain
        let a = f.a
        expectRefusal(.invalidArgument, field: "pageToken") {
            try f.read { tx in
                try domain.journal.notifications(page: PageRequest(pageSize: 1, pageToken: token), caller: a, in: tx)
            }
        }
        expectRefusal(.invalidArgument, field: "pageToken") {
            try f.read { tx in try domain.agents.list(PageRequest(pageSize: 1, pageToken: token), caller: a, in: tx) }
        }
    }

    @Test("pageTokenOpaqueAndUnforgeable: no id in the token, another partner's token and forgeries are refused")
    func pageTokenOpaqueAndUnforgeable() throws {
        let f = try CoreFixture()
        try seed(f, count: 3)
        let page = try list(f, CustomerFilter(), size: 1)
        let token = try #require(page.nextPageToken)
        let decoded = String(decoding: Base64URL.decode(token) ?? [], as: UTF8.self)
        #expect(!decoded.contains(page.items[0].id) && !decoded.contains("after:"))
        // Partner B's identical query refuses A's token.
        expectRefusal(.invalidArgument, field: "pageToken") {
            try list(f, CustomerFilter(), size: 1, token: token, as: f.b)
        }
        // The old format, and a token with one flipped byte, are not tokens.
        let legacy = Base64URL.encode(Array("after:\(page.items[0].id)".utf8))
        expectRefusal(.invalidArgument, field: "pageToken") { try list(f, CustomerFilter(), size: 1, token: legacy) }
        var bytes = try #require(Base64URL.decode(token))
        bytes[bytes.count / 2] ^= 1
        expectRefusal(.invalidArgument, field: "pageToken") {
            try list(f, CustomerFilter(), size: 1, token: Base64URL.encode(bytes))
        }
    }

    @Test("pageTokenKeyKept: a codec under the same stored key opens the tokens of another")
    func pageTokenKeyKept() throws {
        let store = MemoryRecordStore()
        let first = try store.writeNow { tx in try PageTokenKey.ensure(in: tx) }
        let again = try store.writeNow { tx in try PageTokenKey.ensure(in: tx) }
        let binding = PageTokenCodec.Binding(partnerId: "par_1", kind: "customer", query: "q")
        let token = first.seal(afterId: "cus_1", binding: binding)
        #expect(try again.open(token, binding: binding) == "cus_1")
        #expect(throws: DomainError.self) { try PageTokenCodec.random().open(token, binding: binding) }
    }

    @Test("a token laid out as the codec documents it (computed outside Swift) opens to its id")
    func documentedLayoutOpens() throws {
        // version 1 | nonce 09 08 07 06 05 04 03 02 | "cus_42" under SHA-256(key | 0x50 | nonce |
        // counter) | the first 16 bytes of HMAC-SHA256(key, head | binding), base64url; key 0...31.
        let codec = PageTokenCodec(key: Array(0..<32))
        let binding = PageTokenCodec.Binding(partnerId: "ptn_1", kind: "customer", query: "q")
        #expect(try codec.open("AQkIBwYFBAMCzAn3eP7wYWrHzsR_C7nYdJal4-EZWQ", binding: binding) == "cus_42")
        let other = PageTokenCodec.Binding(partnerId: "ptn_2", kind: "customer", query: "q")
        #expect(throws: DomainError.self) {
            try codec.open("AQkIBwYFBAMCzAn3eP7wYWrHzsR_C7nYdJal4-EZWQ", binding: other)
        }
    }

    @Test("random bytes come in the asked count, and two tokens for the same place differ")
    func randomBytes() throws {
        for count in [0, 1, 7, 8, 9, 32] { #expect(PageTokenCodec.randomBytes(count).count == count) }
        #expect(PageTokenCodec.randomBytes(32) != PageTokenCodec.randomBytes(32))
        let codec = PageTokenCodec.random()
        let binding = PageTokenCodec.Binding(partnerId: "par_1", kind: "customer", query: "q")
        let first = codec.seal(afterId: "cus_1", binding: binding)
        let second = codec.seal(afterId: "cus_1", binding: binding)
        #expect(first != second)
        #expect(try codec.open(first, binding: binding) == "cus_1")
        #expect(try codec.open(second, binding: binding) == "cus_1")
    }
}
