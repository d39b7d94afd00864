import FramedJSON
import Testing

/// A memoized type of its own for each test, so tests running in parallel share no memo.
private struct Account: Codable, Equatable, JSONMemoizedEncodable {
    var id: String
    var name: String
    var seats: Int
    static let encodingMemo = JSONEncodingMemo<Account>(capacity: 64)
    var memoKey: String { id }
}

private struct Ticket: Codable, Equatable, JSONMemoizedEncodable {
    var id: String
    var note: String
    static let encodingMemo = JSONEncodingMemo<Ticket>(capacity: 8)
    var memoKey: String { id }
}

private struct Badge: Codable, Equatable, JSONMemoizedEncodable {
    var id: String
    var note: String
    static let encodingMemo = JSONEncodingMemo<Badge>(capacity: 8)
    var memoKey: String { id }
}

private struct Note: Codable, Equatable, JSONMemoizedEncodable {
    var id: String
    var text: String
    static let encodingMemo = JSONEncodingMemo<Note>(capacity: 8)
    var memoKey: String { id }
}

private struct Seat: Codable, Equatable, JSONMemoizedEncodable {
    var id: String
    var holder: String?
    static let encodingMemo = JSONEncodingMemo<Seat>(capacity: 16)
    var memoKey: String { id }
}

private struct Listing: Codable, Equatable {
    var items: [Seat]
    var pinned: Seat?
    var next: String?
}

private struct Order: Codable, Equatable, JSONMemoizedEncodable {
    var id: String
    var lines: [String]
    static let encodingMemo = JSONEncodingMemo<Order>(capacity: 16)
    var memoKey: String { id }
}

private func text(_ value: some Encodable) throws -> String {
    String(decoding: try JSONStreamEncoder.bytes(of: value), as: UTF8.self)
}

@Suite("JSON encoding memo")
struct JSONEncodingMemoTests {
    @Test("a value written again unchanged is written from the memo, byte for byte what encoding writes")
    func unchangedValueReusesItsBytes() throws {
        let account = Account(id: "a1", name: "Acme \"quoted\"", seats: 3)
        #expect(Account.encodingMemo.count == 0)
        let first = try text(account)
        #expect(first == #"{"id":"a1","name":"Acme \"quoted\"","seats":3}"#)
        #expect(Account.encodingMemo.count == 1)
        #expect(try text(account) == first)
        #expect(Account.encodingMemo.count == 1)
    }

    @Test("a value that changed under the same identity is encoded again, never answered from stale bytes")
    func changedValueIsEncodedAgain() throws {
        var ticket = Ticket(id: "t1", note: "open")
        #expect(try text(ticket) == #"{"id":"t1","note":"open"}"#)
        ticket.note = "closed"
        #expect(try text(ticket) == #"{"id":"t1","note":"closed"}"#)
        #expect(try text(ticket) == #"{"id":"t1","note":"closed"}"#)
        ticket.note = "open"
        #expect(try text(ticket) == #"{"id":"t1","note":"open"}"#)
        #expect(Ticket.encodingMemo.count == 1)
    }

    @Test("the memo holds at most its capacity of identities, however many are written")
    func capacityBoundsTheMemo() throws {
        for index in 0..<100 {
            let badge = Badge(id: "bound-\(index)", note: "n\(index)")
            #expect(try text(badge) == #"{"id":"bound-\#(index)","note":"n\#(index)"}"#)
            #expect(Badge.encodingMemo.count <= Badge.encodingMemo.capacity)
        }
        // The most recent half of the capacity is still remembered and still right.
        #expect(try text(Badge(id: "bound-99", note: "n99")) == #"{"id":"bound-99","note":"n99"}"#)
        #expect(Badge.encodingMemo.count <= Badge.encodingMemo.capacity)
    }

    @Test("array elements are written from the memo with their separators; members are encoded as usual")
    func elementsAndMembers() throws {
        let listing = Listing(
            items: [Seat(id: "s1", holder: "ann"), Seat(id: "s2"), Seat(id: "s1", holder: "ann")],
            pinned: Seat(id: "s3", holder: "bob"), next: "n")
        let expected =
            #"{"items":[{"id":"s1","holder":"ann"},{"id":"s2"},{"id":"s1","holder":"ann"}],"pinned":{"id":"s3","holder":"bob"},"next":"n"}"#
        #expect(try text(listing) == expected)
        // Elements are remembered (s1, s2); a member is not looked up (s3 is not).
        #expect(Seat.encodingMemo.count == 2)
        #expect(try text(listing) == expected)
        #expect(
            try text([Seat(id: "s2"), Seat(id: "s1", holder: "ann")]) == #"[{"id":"s2"},{"id":"s1","holder":"ann"}]"#)
    }

    @Test("a remembered value with nested arrays reads back equal through the decoder")
    func rememberedBytesReadBack() throws {
        let order = Order(id: "o1", lines: ["a", "b\n", ""])
        let first = try JSONStreamEncoder.bytes(of: order)
        let second = try JSONStreamEncoder.bytes(of: order)
        #expect(first == second)
        #expect(try JSONValueDecoder().decode(Order.self, from: try JSONParser().parse(second)) == order)
    }

    @Test("resized to nothing, the memo remembers nothing and every value is encoded as it is")
    func resizedToNothing() throws {
        _ = try text(Note(id: "n1", text: "kept"))
        #expect(Note.encodingMemo.count == 1)
        Note.encodingMemo.resize(capacity: 0)
        #expect(Note.encodingMemo.count == 0 && Note.encodingMemo.capacity == 0)
        for round in 0..<3 {
            #expect(try text(Note(id: "n1", text: "r\(round)")) == #"{"id":"n1","text":"r\#(round)"}"#)
        }
        #expect(Note.encodingMemo.count == 0)
        Note.encodingMemo.resize(capacity: 1)
        #expect(Note.encodingMemo.capacity == 2)
    }
}
