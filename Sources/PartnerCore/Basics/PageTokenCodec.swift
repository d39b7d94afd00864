/// Seals and opens page tokens: the one mechanism every List method pages with.
///
/// A token says "continue after record `id`" and is bound to what made it: the partner, the
/// kind of record listed and the query (its filters and scope, not its page size). The id is
/// encrypted (a SHA-256 keystream over a random nonce) and the whole is authenticated with
/// HMAC-SHA256 under a server key, so a token is opaque, cannot be forged, and answers
/// INVALID_ARGUMENT `pageToken` when used with another query, list or partner.
///
/// Layout (base64url): version `1` | nonce (8 bytes) | encrypted id | MAC (16 bytes) over
/// version, nonce, encrypted id and the binding.
///
/// ```swift
/// let codec = PageTokenCodec(key: key)
/// let token = codec.seal(afterId: "cus_1", binding: binding)
/// let id = try codec.open(token, binding: binding)   // "cus_1"
/// ```
public struct PageTokenCodec: Sendable {
    /// Key length in bytes.
    public static let keyLength = 32
    private static let version: UInt8 = 1
    private static let nonceLength = 8
    private static let macLength = 16

    /// The key made ready once, shared by copies of the codec (a copy is one reference).
    private final class Prepared: Sendable {
        /// The MAC under the key.
        let hmac: HMACSHA256
        /// The keystream's hash state after the key and its domain byte.
        let keystreamPrefix: SHA256

        init(key: [UInt8]) {
            hmac = HMACSHA256(key: key)
            var prefix = SHA256()
            prefix.update(key)
            prefix.update(CollectionOfOne(0x50))
            keystreamPrefix = prefix
        }
    }

    private let prepared: Prepared

    /// A codec under `key` (at least 16 bytes; the server keeps 32 in its store).
    public init(key: [UInt8]) {
        prepared = Prepared(key: key)
    }

    /// A codec with a fresh random key (tokens die with it): tests and single processes.
    public static func random() -> PageTokenCodec { PageTokenCodec(key: randomBytes(keyLength)) }

    /// `count` bytes from the system's secure generator.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        // Eight bytes per draw: each draw of the system generator is a system call.
        var rng = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 7)
        while bytes.count < count { withUnsafeBytes(of: rng.next() as UInt64) { bytes.append(contentsOf: $0) } }
        return Array(bytes.prefix(count))
    }

    /// What a token is bound to: partner, record kind and the query's canonical text.
    public struct Binding: Sendable, Hashable {
        /// The partner listing.
        public var partnerId: String
        /// The record kind listed (`customer`, `subscription`, ...).
        public var kind: String
        /// The query's filters and scope, in a canonical text (page size excluded).
        public var query: String

        /// Creates a binding.
        public init(partnerId: String, kind: String, query: String) {
            self.partnerId = partnerId
            self.kind = kind
            self.query = query
        }

        /// Writes the binding into `hasher`: each part's UTF-8 length (4 bytes, big-endian),
        /// then its UTF-8.
        func feed(into hasher: inout SHA256) {
            Self.feed(partnerId, into: &hasher)
            Self.feed(kind, into: &hasher)
            Self.feed(query, into: &hasher)
        }

        private static func feed(_ part: String, into hasher: inout SHA256) {
            withUnsafeBytes(of: UInt32(part.utf8.count).bigEndian) { hasher.update($0) }
            hasher.update(part.utf8)
        }
    }

    /// The token for "continue after `afterId`" under `binding`.
    public func seal(afterId: String, binding: Binding) -> String {
        let nonce = Self.randomBytes(Self.nonceLength)
        let plain = Array(afterId.utf8)
        let cipher = zip(plain, keystream(nonce: nonce, count: plain.count)).map { $0 ^ $1 }
        var token: [UInt8] = []
        token.reserveCapacity(1 + nonce.count + cipher.count + Self.macLength)
        token.append(Self.version)
        token += nonce
        token += cipher
        token += tag(token, binding).prefix(Self.macLength)
        return Base64URL.encode(token)
    }

    /// The id a token continues after.
    /// - Throws: INVALID_ARGUMENT field `pageToken` when the token is malformed, was not made
    ///   by this server, or was made for another query, list or partner.
    public func open(_ token: String, binding: Binding) throws(DomainError) -> String {
        let minimum = 1 + Self.nonceLength + 1 + Self.macLength
        guard let bytes = Base64URL.decode(token), bytes.count >= minimum, bytes[0] == Self.version else {
            throw DomainError.invalid(field: "pageToken", reason: "is not a page token this service issued")
        }
        let head = Array(bytes.dropLast(Self.macLength))
        let mac = Array(bytes.suffix(Self.macLength))
        let expected = Array(tag(head, binding).prefix(Self.macLength))
        guard HMACSHA256.equal(mac, expected) else {
            throw DomainError.invalid(
                field: "pageToken",
                reason:
                    "was not issued for this query: reuse a token only with the same method and filters that made it (the page size may change); start again without pageToken"
            )
        }
        let nonce = Array(head[1...Self.nonceLength])
        let cipher = Array(head.dropFirst(1 + Self.nonceLength))
        let plain = zip(cipher, keystream(nonce: nonce, count: cipher.count)).map { $0 ^ $1 }
        guard let id = String(validating: plain, as: UTF8.self) else {
            throw DomainError.invalid(field: "pageToken", reason: "is not a page token this service issued")
        }
        return id
    }

    /// The MAC of a token's `head` (version, nonce, encrypted id) bound to `binding`.
    private func tag(_ head: [UInt8], _ binding: Binding) -> [UInt8] {
        prepared.hmac.mac { hasher in
            hasher.update(head)
            binding.feed(into: &hasher)
        }
    }

    /// `count` bytes of SHA-256(key | 0x50 | nonce | counter) for counter 0, 1, ...
    private func keystream(nonce: [UInt8], count: Int) -> [UInt8] {
        var out: [UInt8] = []
        var counter: UInt8 = 0
        while out.count < count {
            var hasher = prepared.keystreamPrefix
            hasher.update(nonce)
            hasher.update(CollectionOfOne(counter))
            out += hasher.finalize()
            counter &+= 1
        }
        return Array(out.prefix(count))
    }
}
