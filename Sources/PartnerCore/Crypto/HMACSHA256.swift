/// HMAC-SHA256 (RFC 2104) over `SHA256`: authenticates page tokens.
///
/// A value holds a key made ready once (the hash states after its inner and outer pads), so
/// each MAC under it costs the message's blocks and two more, with no key work:
///
/// ```swift
/// let hmac = HMACSHA256(key: serverKey)
/// let tag = hmac.mac { $0.update(head); $0.update(binding) }
/// ```
public struct HMACSHA256: Sendable {
    private let inner: SHA256
    private let outer: SHA256

    /// Prepares `key` (hashed first when longer than a block, as RFC 2104 says).
    public init(key: [UInt8]) {
        var block = key.count > 64 ? SHA256.hash(key) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        self.inner = inner
        self.outer = outer
    }

    /// The 32-byte MAC of the message `feed` writes into the hasher it is given (in parts,
    /// with no buffer holding the whole message).
    public func mac(_ feed: (inout SHA256) -> Void) -> [UInt8] {
        var inner = inner
        feed(&inner)
        var outer = outer
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// The 32-byte MAC of `message`.
    public func mac(_ message: some Sequence<UInt8>) -> [UInt8] {
        mac { $0.update(message) }
    }

    /// The 32-byte MAC of `message` under `key`.
    public static func mac(key: [UInt8], message: some Sequence<UInt8>) -> [UInt8] {
        HMACSHA256(key: key).mac(message)
    }

    /// Compares two MACs in time independent of where they differ.
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
