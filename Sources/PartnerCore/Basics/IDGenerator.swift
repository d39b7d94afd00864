import Synchronization

/// Makes prefixed, time-ordered ids: `prefix_` + 10 Crockford base32 characters of the
/// millisecond time + 16 characters (80 bits) of randomness, e.g. `cus_01JD2K8Q3M7ZJ4X9W0V5T6R2P1`.
///
/// Ids from one generator sort by creation: within one millisecond (or if the clock steps back)
/// the random part is incremented instead of redrawn, so each id is strictly greater than the
/// last one with the same prefix.
public final class IDGenerator: Sendable {
    private struct State {
        var lastTime: Int64 = -1
        var lastRandom: (hi: UInt16, lo: UInt64) = (0, 0)
    }

    private let clock: any DomainClock
    private let state = Mutex(State())

    /// Crockford's base32 alphabet (no I, L, O, U).
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// Creates a generator reading time from `clock`.
    public init(clock: any DomainClock = SystemClock()) {
        self.clock = clock
    }

    /// A new id `prefix_<time><random>`; `prefix` is used as given (e.g. "cus").
    public func next(_ prefix: String) -> String {
        let now = max(clock.now().millisecondsSinceEpoch, 0)
        let (time, random) = state.withLock { s -> (Int64, (UInt16, UInt64)) in
            if now <= s.lastTime {
                var (hi, lo) = s.lastRandom
                let (sum, overflow) = lo.addingReportingOverflow(1)
                lo = sum
                if overflow { hi &+= 1 }
                s.lastRandom = (hi, lo)
            } else {
                var rng = SystemRandomNumberGenerator()
                s.lastTime = now
                // Keep the top bit clear so increments have room without wrapping.
                s.lastRandom = (UInt16.random(in: 0...UInt16.max, using: &rng) & 0x7FFF, rng.next())
            }
            return (s.lastTime, s.lastRandom)
        }
        var chars = [UInt8](repeating: 0, count: 26)
        var t = UInt64(time)
        for index in stride(from: 9, through: 0, by: -1) {
            chars[index] = Self.alphabet[Int(t & 31)]
            t >>= 5
        }
        // 80 random bits: hi (16) then lo (64), written most significant first.
        var lo = random.1
        var hi = UInt64(random.0)
        for index in stride(from: 25, through: 10, by: -1) {
            chars[index] = Self.alphabet[Int(lo & 31)]
            lo = (lo >> 5) | ((hi & 31) << 59)
            hi >>= 5
        }
        return prefix + "_" + String(decoding: chars, as: UTF8.self)
    }

    /// The smallest id `next(prefix)` could make at `time` or later: lists `after:` it skip
    /// every older record of a kind with time-ordered ids.
    public static func lowerBound(_ prefix: String, time: Timestamp) -> String {
        var chars = [UInt8](repeating: alphabet[0], count: 26)
        var t = UInt64(max(time.millisecondsSinceEpoch, 0))
        for index in stride(from: 9, through: 0, by: -1) {
            chars[index] = alphabet[Int(t & 31)]
            t >>= 5
        }
        return prefix + "_" + String(decoding: chars, as: UTF8.self)
    }

    /// A fresh secret of `bytes` random bytes from `SystemRandomNumberGenerator`, written as
    /// base64url without padding (43 characters for 32 bytes). Use at least 16 bytes.
    public static func randomToken(bytes: Int = 32) -> String {
        var rng = SystemRandomNumberGenerator()
        var raw = [UInt8]()
        raw.reserveCapacity(bytes + 8)
        while raw.count < bytes {
            var word = rng.next() as UInt64
            for _ in 0..<8 where raw.count < bytes {
                raw.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return Base64URL.encode(raw)
    }
}
