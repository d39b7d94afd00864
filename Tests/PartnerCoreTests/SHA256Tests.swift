import Testing

@testable import PartnerCore

@Suite("SHA-256")
struct SHA256Tests {
    @Test(
        "matches the FIPS 180-4 / NIST vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
            (
                "The quick brown fox jumps over the lazy dog",
                "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"
            ),
        ])
    func vectors(input: String, digest: String) {
        #expect(SHA256.hex(input) == digest)
    }

    @Test("hashes a million 'a' fed in uneven chunks")
    func millionA() {
        var hasher = SHA256()
        var fed = 0
        var chunk = 1
        while fed < 1_000_000 {
            let n = min(chunk, 1_000_000 - fed)
            hasher.update(repeatElement(UInt8(ascii: "a"), count: n))
            fed += n
            chunk = chunk % 997 + 13
        }
        #expect(Hex.encode(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("bytes fed from contiguous storage in uneven pieces hash as when fed at once")
    func contiguousPieces() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let message = (0..<Int.random(in: 0..<700, using: &generator)).map { _ in UInt8.random(in: 0...255) }
            var hasher = SHA256()
            var offset = 0
            while offset < message.count {
                let piece = min(Int.random(in: 0...130, using: &generator), message.count - offset)
                hasher.update(message[offset..<(offset + piece)])
                offset += piece
            }
            var oneByOne = SHA256()
            for byte in message { oneByOne.update(CollectionOfOne(byte)) }
            let whole = SHA256.hash(message)
            #expect(hasher.finalize() == whole)
            #expect(oneByOne.finalize() == whole)
        }
    }

    @Test("block-boundary lengths differ from each other", arguments: [55, 56, 63, 64, 65, 119, 120])
    func boundaries(length: Int) {
        let a = SHA256.hash(Array(repeating: 0x61, count: length))
        let b = SHA256.hash(Array(repeating: 0x61, count: length + 1))
        #expect(a.count == 32 && a != b)
    }

    @Test("constant-time comparison compares whole strings")
    func constantTime() {
        #expect(Hex.constantTimeEquals("abcd", "abcd"))
        #expect(!Hex.constantTimeEquals("abcd", "abce"))
        #expect(!Hex.constantTimeEquals("abcd", "abc"))
        #expect(!Hex.constantTimeEquals("", "a"))
        #expect(Hex.constantTimeEquals("", ""))
    }
}
