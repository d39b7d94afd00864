import Testing

@testable import PartnerCore

@Suite("IDGenerator")
struct IDGeneratorTests {
    @Test("ids are prefix, underscore, 10 time and 16 random Crockford characters")
    func shape() {
        let id = IDGenerator().next("cus")
        #expect(id.hasPrefix("cus_"))
        let body = id.dropFirst(4)
        #expect(body.count == 26)
        #expect(body.allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) })
    }

    @Test("the time part encodes the clock's milliseconds")
    func timePart() {
        let clock = FixedClock(Timestamp(millisecondsSinceEpoch: 0))
        #expect(IDGenerator(clock: clock).next("x").dropFirst(2).prefix(10) == "0000000000")
        clock.set(Timestamp(millisecondsSinceEpoch: 32))
        #expect(IDGenerator(clock: clock).next("x").dropFirst(2).prefix(10) == "0000000010")
    }

    @Test("ids sort by creation, also within one millisecond and when the clock steps back")
    func sortsByCreation() {
        let clock = FixedClock(Timestamp(year: 2026, month: 1, day: 1))
        let ids = IDGenerator(clock: clock)
        var made: [String] = []
        for step in 0..<2000 {
            if step % 500 == 0 { clock.advance(milliseconds: 1) }
            if step == 1500 { clock.advance(milliseconds: -10) }
            made.append(ids.next("cus"))
        }
        #expect(made == made.sorted())
        #expect(Set(made).count == made.count)
    }

    @Test("random tokens are base64url of the requested size and never repeat")
    func randomTokens() {
        let token = IDGenerator.randomToken(bytes: 32)
        #expect(token.count == 43)
        #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(Base64URL.decode(token)?.count == 32)
        let many = Set((0..<500).map { _ in IDGenerator.randomToken(bytes: 16) })
        #expect(many.count == 500)
    }

    @Test("base64url round-trips every length", arguments: 0..<10)
    func base64RoundTrip(length: Int) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 250) }
        #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        #expect(Base64URL.decode("a") == nil)
        #expect(Base64URL.decode("ab+c") == nil)
    }
}
