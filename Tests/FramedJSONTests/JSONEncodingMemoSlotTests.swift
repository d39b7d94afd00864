import FramedJSON
import Synchronization
import Testing

/// A memoized type whose fields live in a shared box with a memo slot, as PartnerAPI's
/// `Customer`; it counts the lookups by identity (`memoKey`) the memo makes, and the
/// comparisons of two values in different boxes field by field.
private struct Desk: Encodable, Equatable, JSONMemoizedEncodable {
    final class Box: @unchecked Sendable {
        var id: String
        var holder: String
        let memoSlot = JSONEncodingMemoSlot()
        init(id: String, holder: String) {
            self.id = id
            self.holder = holder
        }
    }

    static let keyLookups = Mutex(0)
    static let fieldComparisons = Mutex(0)
    static let encodingMemo = JSONEncodingMemo<Desk>(capacity: 8)

    var box: Box
    init(id: String, holder: String) { box = Box(id: id, holder: holder) }

    var memoKey: String {
        Self.keyLookups.withLock { $0 += 1 }
        return box.id
    }
    var memoSlot: JSONEncodingMemoSlot? { box.memoSlot }

    /// Changes the holder as `Customer` changes a field: in place only while the box is held
    /// by this value alone (the memo's entry holds it too once written), else in a new box.
    mutating func hand(to holder: String) {
        if !isKnownUniquelyReferenced(&box) { box = Box(id: box.id, holder: box.holder) }
        box.holder = holder
    }

    static func == (lhs: Desk, rhs: Desk) -> Bool {
        if lhs.box === rhs.box { return true }
        fieldComparisons.withLock { $0 += 1 }
        return lhs.box.id == rhs.box.id && lhs.box.holder == rhs.box.holder
    }

    enum CodingKeys: String, CodingKey { case id, holder }
    func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(box.id, forKey: .id)
        try keyed.encode(box.holder, forKey: .holder)
    }
}

private func text(_ value: some Encodable) throws -> String {
    String(decoding: try JSONStreamEncoder.bytes(of: value), as: UTF8.self)
}

private func lookups() -> Int { Desk.keyLookups.withLock { $0 } }

private func fieldComparisons() -> Int { Desk.fieldComparisons.withLock { $0 } }

@Suite("JSON encoding memo slots", .serialized)
struct JSONEncodingMemoSlotTests {
    @Test("a value written again through its slot needs no lookup by identity, and writes the same bytes")
    func slotSkipsTheLookup() throws {
        Desk.encodingMemo.resize(capacity: 64)
        let desk = Desk(id: "d1", holder: "Ada")
        let first = try text(desk)
        #expect(first == #"{"id":"d1","holder":"Ada"}"#)
        let before = lookups()
        let copy = desk
        #expect(try text(copy) == first)
        #expect(try text([desk, copy]) == "[\(first),\(first)]")
        #expect(lookups() == before)
    }

    @Test("an equal value in another box takes the entry over once, then is found by its slot and its box alone")
    func equalValueInAnotherBoxAdoptsTheEntry() throws {
        Desk.encodingMemo.resize(capacity: 64)
        let created = Desk(id: "d5", holder: "Ada")
        let first = try text(created)
        let readAgain = Desk(id: "d5", holder: "Ada")  // the same desk, decoded into its own box
        let (lookupsBefore, comparisonsBefore) = (lookups(), fieldComparisons())
        #expect(try text(readAgain) == first)
        #expect(lookups() == lookupsBefore + 1)
        #expect(fieldComparisons() == comparisonsBefore + 1)
        for _ in 0..<3 { #expect(try text(readAgain) == first) }
        #expect(lookups() == lookupsBefore + 1, "answered through the slot")
        #expect(fieldComparisons() == comparisonsBefore + 1, "the entry holds the box it was found for")
        #expect(Desk.encodingMemo.count == 1)
    }

    @Test("a value changed after it was written is encoded again, never answered from stale bytes")
    func changedInPlaceIsEncodedAgain() throws {
        Desk.encodingMemo.resize(capacity: 64)
        var desk = Desk(id: "d2", holder: "Ada")
        #expect(try text(desk) == #"{"id":"d2","holder":"Ada"}"#)
        desk.hand(to: "Grace")
        #expect(try text(desk) == #"{"id":"d2","holder":"Grace"}"#)
        #expect(try text(desk) == #"{"id":"d2","holder":"Grace"}"#)
        #expect(Desk.encodingMemo.count == 1)
    }

    @Test("an entry used through its slot is spared by the memo's sweep, as one looked up would be")
    func slotUseSparesTheEntry() throws {
        Desk.encodingMemo.resize(capacity: 2)
        let kept = Desk(id: "k1", holder: "Ada")
        _ = try text(kept)
        _ = try text(Desk(id: "k2", holder: "Bob"))
        let before = lookups()
        _ = try text(kept)
        #expect(lookups() == before, "answered through the slot")
        _ = try text(Desk(id: "k3", holder: "Cy"))
        #expect(Desk.encodingMemo.count == 2)
        let afterSweep = lookups()
        #expect(try text(kept) == #"{"id":"k1","holder":"Ada"}"#)
        #expect(lookups() == afterSweep, "the sweep evicted the entry the slot was using")
    }

    @Test("the memo's capacity bounds what slots keep: a dropped entry is not kept alive, and with none nothing is")
    func capacityBoundsTheSlots() throws {
        Desk.encodingMemo.resize(capacity: 64)
        var desk = Desk(id: "d3", holder: "Ada")
        _ = try text(desk)
        Desk.encodingMemo.resize(capacity: 64)
        #expect(Desk.encodingMemo.count == 0)
        let before = lookups()
        #expect(try text(desk) == #"{"id":"d3","holder":"Ada"}"#)
        #expect(lookups() > before, "the slot answered from an entry the memo had dropped")
        #expect(Desk.encodingMemo.count == 1)

        Desk.encodingMemo.resize(capacity: 0)
        desk.hand(to: "Grace")
        #expect(try text(desk) == #"{"id":"d3","holder":"Grace"}"#)
        #expect(Desk.encodingMemo.count == 0)
    }
}
