import FramedJSON
import Testing

@Suite("CLOCK cache")
struct ClockCacheTests {
    @Test("keys read in any order stay while they fit in the capacity")
    func workingSetWithinCapacityStays() {
        var cache = ClockCache<Int, Int>(capacity: 64)
        var generator = SystemRandomNumberGenerator()
        var misses = 0
        for _ in 0..<20_000 {
            let key = Int.random(in: 0..<64, using: &generator)
            if cache.value(for: key) == nil {
                misses += 1
                #expect(cache.insert(key, for: key) == nil, "nothing is evicted while the keys fit")
            }
        }
        #expect(misses == 64, "each key missed once, when first read")
        #expect(cache.count == 64)
    }

    @Test("when full, an insert evicts the first entry the hand finds unread and spares the read ones once")
    func readEntriesGetASecondChance() {
        var cache = full(of: "a", "b", "c")
        #expect(cache.value(for: "a") == 1)
        #expect(cache.insert(4, for: "d") == 2, "a was read: the hand spares it and evicts b")
        #expect(cache.value(for: "b") == nil)
        #expect(cache.insert(5, for: "e") == 3, "c was never read")
        #expect(cache.insert(6, for: "f") == 1, "a's mark was spent on the first sweep")
        #expect(cache.count == 3)
    }

    @Test("inserting a kept key replaces its value and hands back the old one; nothing is evicted")
    func replacingAKeyHandsBackItsValue() {
        var cache = full(of: "a", "b")
        #expect(cache.insert(10, for: "a") == 1)
        #expect(cache.value(for: "a") == 10 && cache.value(for: "b") == 2)
        #expect(cache.count == 2)
    }

    @Test("a removed key's place is used again before anything is evicted")
    func removedPlacesAreReused() {
        var cache = full(of: "a", "b")
        #expect(cache.removeValue(forKey: "a") == 1)
        #expect(cache.removeValue(forKey: "a") == nil)
        #expect(cache.insert(3, for: "c") == nil)
        #expect(cache.value(for: "b") == 2 && cache.value(for: "c") == 3)
        let all = cache.removeAll()
        #expect(cache.count == 0 && all.count == 2 && cache.capacity == 2)
    }

    @Test("an entry used elsewhere is spared like a read one, and a sweep ends whatever the owner answers")
    func stillInUseSparesAndEnds() {
        var cache = full(of: "a", "b")
        #expect(cache.insert(3, for: "c", stillInUse: { $0 == 1 }) == 2)
        #expect(cache.insert(4, for: "d", stillInUse: { _ in true }) != nil, "two whole turns, then it evicts")
        #expect(cache.count == 2)
    }

    @Test("with no capacity nothing is kept")
    func noCapacityKeepsNothing() {
        var cache = ClockCache<String, Int>(capacity: 0)
        #expect(cache.insert(1, for: "a") == nil)
        #expect(cache.value(for: "a") == nil && cache.count == 0)
        #expect(ClockCache<String, Int>(capacity: -5).capacity == 0)
    }
}

/// A cache exactly as large as `keys`, holding 1, 2, 3, ... for them in order, none read yet.
private func full(of keys: String...) -> ClockCache<String, Int> {
    var cache = ClockCache<String, Int>(capacity: keys.count)
    for (index, key) in keys.enumerated() { cache.insert(index + 1, for: key) }
    return cache
}
