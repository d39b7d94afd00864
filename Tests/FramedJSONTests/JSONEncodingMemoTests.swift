import FramedJSON
import Testing

/// The one memoized type of these tests (each test starts by resizing its memo, which empties
/// it; the suite is serialized, and no other suite uses the type).
private struct Seat: Codable, Equatable, JSONMemoizedEncodable {
    var id: String
    var holder: String?
    var lines: [String]?
    static let encodingMemo = JSONEncodingMemo<Seat>(capacity: 8)
    var memoKey: String { id }
}

private struct Listing: Codable, Equatable {
    var items: [Seat]
    var pinned: Seat?
    var next: String?
}

private func text(_ value: some Encodable) throws -> String {
    String(decoding: try JSONStreamEncoder.bytes(of: value), as: UTF8.self)
}

@Suite("JSON encoding memo", .serialized)
struct JSONEncodingMemoTests {
    @Test("a value written again unchanged is written from the memo, byte for byte what encoding writes")
    func unchangedValueReusesItsBytes() throws {
        Seat.encodingMemo.resize(capacity: 64)
        let seat = Seat(id: "a1", holder: "Acme \"quoted\"")
        let first = try text(seat)
        #expect(first == #"{"id":"a1","holder":"Acme \"quoted\""}"#)
        #expect(Seat.encodingMemo.count == 1)
        #expect(try text(seat) == first)
        #expect(Seat.encodingMemo.count == 1)
    }

    @Test("a value that changed under the same identity is encoded again, never answered from stale bytes")
    func changedValueIsEncodedAgain() throws {
        Seat.encodingMemo.resize(capacity: 64)
        var seat = Seat(id: "t1", holder: "open")
        #expect(try text(seat) == #"{"id":"t1","holder":"open"}"#)
        seat.holder = "closed"
        #expect(try text(seat) == #"{"id":"t1","holder":"closed"}"#)
        #expect(try text(seat) == #"{"id":"t1","holder":"closed"}"#)
        seat.holder = nil
        #expect(try text(seat) == #"{"id":"t1"}"#)
        #expect(Seat.encodingMemo.count == 1)
    }

    @Test("the memo holds at most its capacity of identities, however many are written")
    func capacityBoundsTheMemo() throws {
        Seat.encodingMemo.resize(capacity: 8)
        for index in 0..<100 {
            let seat = Seat(id: "bound-\(index)", holder: "n\(index)")
            #expect(try text(seat) == #"{"id":"bound-\#(index)","holder":"n\#(index)"}"#)
            #expect(Seat.encodingMemo.count <= Seat.encodingMemo.capacity)
        }
        #expect(try text(Seat(id: "bound-99", holder: "n99")) == #"{"id":"bound-99","holder":"n99"}"#)
        #expect(Seat.encodingMemo.count <= Seat.encodingMemo.capacity)
    }

    @Test("array elements are written from the memo with their separators; members are encoded as usual")
    func elementsAndMembers() throws {
        Seat.encodingMemo.resize(capacity: 64)
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

    @Test("remembered bytes with nested arrays read back equal through the decoder")
    func rememberedBytesReadBack() throws {
        Seat.encodingMemo.resize(capacity: 64)
        let seat = Seat(id: "o1", lines: ["a", "b\n", ""])
        let first = try JSONStreamEncoder.bytes(of: seat)
        let second = try JSONStreamEncoder.bytes(of: seat)
        #expect(first == second)
        #expect(try JSONValueDecoder().decode(Seat.self, from: try JSONParser().parse(second)) == seat)
    }

    @Test("resized to nothing, the memo remembers nothing and every value is encoded as it is")
    func resizedToNothing() throws {
        Seat.encodingMemo.resize(capacity: 8)
        _ = try text(Seat(id: "n1", holder: "kept"))
        #expect(Seat.encodingMemo.count == 1)
        Seat.encodingMemo.resize(capacity: 0)
        #expect(Seat.encodingMemo.count == 0 && Seat.encodingMemo.capacity == 0)
        for round in 0..<3 {
            #expect(try text(Seat(id: "n1", holder: "r\(round)")) == #"{"id":"n1","holder":"r\#(round)"}"#)
        }
        #expect(Seat.encodingMemo.count == 0)
        Seat.encodingMemo.resize(capacity: 1)
        #expect(Seat.encodingMemo.capacity == 1)
        _ = try text(Seat(id: "n1", holder: "one"))
        _ = try text(Seat(id: "n2", holder: "two"))
        #expect(Seat.encodingMemo.count == 1)
    }
}
