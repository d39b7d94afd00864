import FramedJSON
import FramedRPC
import Testing

@Suite("Rate limits")
struct RateLimitTests {
    static let second: UInt64 = 1_000_000_000

    @Test("a bucket allows its burst at once, then refuses with the time until the next token")
    func bucketBurstThenWait() {
        var bucket = RPCTokenBucket(limit: RPCRateLimit(callsPerSecond: 10, burst: 3), now: 0)
        #expect(bucket.take(at: 0) == nil)
        #expect(bucket.take(at: 0) == nil)
        #expect(bucket.take(at: 0) == nil)
        #expect(bucket.take(at: 0) == 100)
        // 40 ms later, 0.4 of a token is back: 60 ms to go. A refused take spends nothing.
        #expect(bucket.take(at: 40_000_000) == 60)
        #expect(bucket.take(at: 100_000_000) == nil)
        #expect(bucket.take(at: 100_000_000) == 100)
    }

    @Test("a bucket refills at its rate and never above its burst")
    func bucketRefillCapped() {
        var bucket = RPCTokenBucket(limit: RPCRateLimit(callsPerSecond: 5), now: 0)
        for _ in 0..<5 { #expect(bucket.take(at: 0) == nil) }
        #expect(!bucket.isFull(at: 0))
        #expect(bucket.isFull(at: Self.second))
        var allowed = 0
        while bucket.take(at: 100 * Self.second) == nil { allowed += 1 }
        #expect(allowed == 5)
    }

    @Test("limits below 1 count as 1; the default burst is one second's worth")
    func limitDefaults() {
        #expect(RPCRateLimit(callsPerSecond: 0).callsPerSecond == 1)
        #expect(RPCRateLimit(callsPerSecond: 250).burst == 250)
        #expect(RPCRateLimit(callsPerSecond: 250, burst: 0).burst == 1)
    }

    @Test("a limiter keeps one bucket per key and refuses with RESOURCE_EXHAUSTED naming the limit")
    func limiterPerKey() throws {
        let limiter = RPCRateLimiter(limit: RPCRateLimit(callsPerSecond: 2), scope: "per agent")
        #expect(limiter.check(key: "a", now: 0) == nil)
        #expect(limiter.check(key: "a", now: 0) == nil)
        let refused = try #require(limiter.check(key: "a", now: 0))
        #expect(refused.code == .resourceExhausted)
        #expect(refused.retryAfterMs == 500)
        #expect(refused.message.contains("2 calls per second per agent"))
        #expect(limiter.check(key: "b", now: 0) == nil)
    }

    @Test("a limiter keeps every active key and forgets keys whose buckets refilled, so its table stays bounded")
    func limiterForgetsIdleKeys() {
        let limiter = RPCRateLimiter(limit: RPCRateLimit(callsPerSecond: 1000), scope: "per connection")
        for i in 0..<5000 { _ = limiter.acquire(key: "peer-\(i)", now: 0) }
        #expect(limiter.trackedKeys == 5000, "keys that spent tokens a moment ago are all kept")
        // Two seconds later every old bucket is full again: the next sweep drops them all.
        for i in 0..<4000 { _ = limiter.acquire(key: "later-\(i)", now: 2 * Self.second) }
        #expect(limiter.trackedKeys == 4000, "tracked \(limiter.trackedKeys)")
    }

    @Test("a server with a connection limit answers calls past it RESOURCE_EXHAUSTED with retryAfterMs")
    func connectionLimitOnTheWire() async throws {
        var config = RPCServerConfig()
        config.connectionRateLimit = RPCRateLimit(callsPerSecond: 1, burst: 3)
        let harness = Harness(config: config)
        do {
            try await checkConnectionLimit(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    func checkConnectionLimit(_ harness: Harness) async throws {
        let peer = try await harness.rawPeer()
        for id in 1...5 { peer.send(#"{"jsonrpc":"2.0","id":\#(id),"method":"Test.Add","params":{"a":1,"b":\#(id)}}"#) }
        let answers = try await peer.next(5)
        let ok = answers.filter { $0["result"] != nil }
        let refused = answers.filter { $0["error"] != nil }
        #expect(ok.count == 3)
        #expect(refused.count == 2)
        for answer in refused {
            #expect(answer["error"]?["code"]?.intValue == 8)
            #expect(answer["error"]?["data"]?["status"]?.stringValue == "RESOURCE_EXHAUSTED")
            let retry = try #require(answer["error"]?["data"]?["retryAfterMs"]?.intValue)
            #expect(retry >= 1 && retry <= 1000)
            #expect(answer["error"]?["message"]?.stringValue?.contains("per connection") == true)
        }
        // A second connection has its own budget.
        let other = try await harness.rawPeer()
        other.send(#"{"jsonrpc":"2.0","id":9,"method":"Test.Add","params":{"a":1,"b":1}}"#)
        #expect(try await other.next()["result"]?.intValue == 2)
        // Pings are not calls: they are answered however many there are.
        for id in 20..<30 { peer.send(#"{"jsonrpc":"2.0","id":\#(id),"method":"$/ping"}"#) }
        let pongs = try await peer.next(10)
        #expect(pongs.allSatisfy { $0["error"] == nil })
    }

    @Test("without a connection limit (the default) a burst of calls is all answered")
    func noLimitByDefault() async throws {
        #expect(RPCServerConfig().connectionRateLimit == nil)
        let harness = Harness()
        let answers: [JSONValue]
        do {
            let peer = try await harness.rawPeer()
            for id in 1...100 {
                peer.send(#"{"jsonrpc":"2.0","id":\#(id),"method":"Test.Add","params":{"a":0,"b":\#(id)}}"#)
            }
            answers = try await peer.next(100)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
        #expect(answers.allSatisfy { $0["result"] != nil })
    }
}
