import Foundation
import PartnerAPI  // the only project module: RPCClient, RPCError, JSONValue... come with it
import PartnerTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension ClientProcessTests {
    /// The Swift client against real `partner-server` processes over loopback TCP: the one-import
    /// entry points, keepalive, reconnect, deadlines, cancellation, the bounded wait, interceptors.
    @Suite("Swift client against partner-server processes", .serialized)
    struct ClientBehaviourTests {
        @Test("import PartnerAPI alone: withPartnerClient connects, calls, and closes")
        func oneImportScopedClient() async throws {
            let server = try await ServerProcess.start()
            defer { server.remove() }
            let token = try server.token()
            let (status, count) = try await withPartnerClient(to: server.target, token: token) { client in
                let status = try await client.healthCheck()
                let page = try await client.customers.list(.init(pageSize: 5))
                return (status, page.items.count)
            }
            #expect(status == "SERVING")
            #expect(count == 0)

            let client = try await PartnerClient.connect(to: server.target, token: token)
            #expect(client.caller.rpc.connectedEndpoint == 0)
            await client.close()
            await #expect(throws: RPCError.self) { try await client.healthCheck() }
        }

        @Test("connect to a target that is not HOST:PORT is INVALID_ARGUMENT; to nothing, UNAVAILABLE")
        func connectErrors() async throws {
            await #expect { try await PartnerClient.connect(to: "no-port", token: nil) } throws: { error in
                (error as? RPCError)?.code == .invalidArgument
            }
            var options = PartnerClient.Options()
            options.client.connectAttempts = 2
            options.client.connectBackoffInitial = .milliseconds(5)
            await #expect { try await PartnerClient.connect(to: "127.0.0.1:1", token: nil, options: options) } throws: {
                error in (error as? RPCError)?.code == .unavailable
            }
        }

        @Test("keepalive: a stopped server (SIGSTOP) is found dead within interval + timeout, calls end UNAVAILABLE")
        func keepaliveDetectsDeadServer() async throws {
            let server = try await ServerProcess.start()
            defer { server.remove() }
            var options = PartnerClient.Options()
            options.client.keepaliveInterval = .milliseconds(200)
            options.client.keepaliveTimeout = .milliseconds(300)
            options.client.connectAttempts = 1
            options.retry.maxAttempts = 1
            let client = try await PartnerClient.connect(to: server.target, token: nil, options: options)
            defer { Task { await client.close() } }
            // Quiet for several intervals: pings are answered, the connection stays.
            let before = try await client.call("Conformance.Echo", params: ["message": "hi", "delayMs": 700])
            #expect(before["message"] == "hi")

            #expect(await server.stop())
            defer { server.signal(SIGCONT) }
            let started = ContinuousClock.now
            let error = await #expect(throws: RPCError.self) {
                _ = try await client.call("Conformance.Echo", params: ["message": "lost"])
            }
            let waited = started.duration(to: .now)
            #expect(error?.code == .unavailable)
            #expect(error?.message.contains("$/ping") == true)
            #expect(waited < .seconds(3), "dead server found after \(waited), configured 0.2 s + 0.3 s")
        }

        @Test("reconnect with backoff: calls made while the server is down succeed once it is back on its port")
        func reconnectWithBackoff() async throws {
            let first = try await ServerProcess.start()
            let port = first.port
            let root = first.root
            await first.kill9()
            defer { try? FileManager.default.removeItem(atPath: root) }
            var config = RPCClientConfig()
            config.connectAttempts = 200
            config.connectBackoffInitial = .milliseconds(20)
            config.connectBackoffMax = .milliseconds(100)
            let rpc = RPCClient(transport: TCPClientTransport(host: "127.0.0.1", port: port), config: config)
            defer { Task { await rpc.close() } }
            let call = Task { try await rpc.unary("Health.Check", params: ["service": ""] as JSONValue) }
            let second = try await ServerProcess.start(port: port, root: root)
            defer { second.remove() }
            let result = try await call.value
            #expect(result["status"] == "SERVING")
        }

        @Test("backoff jitter: each wait is drawn between 1 and 1 + jitter times the step")
        func jitterBounds() async throws {
            // Observed through real connects to a closed port: 6 attempts at a fixed 40 ms step with
            // jitter 0.5 wait 5 times between 40 and 60 ms (plus connect time).
            var config = RPCClientConfig()
            config.connectAttempts = 6
            config.connectBackoffInitial = .milliseconds(40)
            config.connectBackoffMax = .milliseconds(40)
            config.connectBackoffJitter = 0.5
            let rpc = RPCClient(transport: TCPClientTransport(host: "127.0.0.1", port: 1), config: config)
            let started = ContinuousClock.now
            await #expect(throws: RPCError.self) { try await rpc.connect() }
            let took = started.duration(to: .now)
            await rpc.close()
            #expect(took >= .milliseconds(200))
            #expect(took < .milliseconds(2000))
        }

        @Test(
            "deadline: the call's timeout goes to the server as meta.timeoutMs and ends the call with DEADLINE_EXCEEDED"
        )
        func deadlinePropagated() async throws {
            let server = try await ServerProcess.start()
            defer { server.remove() }
            try await withPartnerClient(to: server.target, token: nil) { (client) async throws in
                let started = ContinuousClock.now
                let error = await #expect(throws: RPCError.self) {
                    _ = try await client.call(
                        "Conformance.Echo", params: ["delayMs": 10_000], options: .init(timeout: .milliseconds(300)))
                }
                #expect(error?.code == .deadlineExceeded)
                #expect(started.duration(to: .now) < .seconds(3))
                // The connection is still good for the next call.
                #expect(try await client.healthCheck() == "SERVING")
            }
        }

        @Test("cancellation: cancelling the calling task ends the call with CANCELLED at once")
        func cancellation() async throws {
            let server = try await ServerProcess.start()
            defer { server.remove() }
            try await withPartnerClient(to: server.target, token: nil) { (client) async throws in
                let call = Task { try await client.call("Conformance.Echo", params: ["delayMs": 20_000]) }
                let started = ContinuousClock.now
                call.cancel()
                let result = await call.result
                #expect(started.duration(to: .now) < .seconds(3))
                switch result {
                case .failure(let error as RPCError): #expect(error.code == .cancelled)
                case .failure(let error): Issue.record("not an RPCError: \(error)")
                case .success(let value): Issue.record("the cancelled call answered \(value)")
                }
                #expect(try await client.healthCheck() == "SERVING")
            }
        }

        @Test("bounded queue: past maxWaitingCalls, calls waiting for a connection fail with RESOURCE_EXHAUSTED")
        func boundedWaitingQueue() async throws {
            var config = RPCClientConfig()
            config.connectAttempts = 1000
            config.connectBackoffInitial = .milliseconds(50)
            config.connectBackoffMax = .milliseconds(50)
            config.maxWaitingCalls = 4
            let rpc = RPCClient(transport: TCPClientTransport(host: "127.0.0.1", port: 1), config: config)
            let codes = await withTaskGroup(of: RPCError.Code?.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        do {
                            _ = try await rpc.unary("Health.Check", params: ["service": ""] as JSONValue)
                            return nil
                        } catch let error as RPCError {
                            return error.code
                        } catch {
                            return nil
                        }
                    }
                }
                var codes: [RPCError.Code?] = []
                for await code in group {
                    codes.append(code)
                    if codes.filter({ $0 == RPCError.Code.resourceExhausted }).count == 6 { await rpc.close() }
                }
                return codes
            }
            #expect(codes.filter { $0 == RPCError.Code.resourceExhausted }.count == 6)
            #expect(codes.filter { $0 == RPCError.Code.unavailable }.count == 4)
        }

        @Test("interceptors count and time every call, failed ones with their status")
        func interceptorMetrics() async throws {
            let server = try await ServerProcess.start()
            defer { server.remove() }
            let metrics = CallMetrics()
            var options = PartnerClient.Options()
            options.client.interceptors = [metrics]
            try await withPartnerClient(to: server.target, token: nil, options: options) { (client) async throws in
                _ = try await client.healthCheck()
                _ = try await client.discover()
                await #expect(throws: RPCError.self) { _ = try await client.healthCheck(service: "no.such.Service") }
            }
            let seen = metrics.calls.withLock { $0 }
            #expect(seen.map(\.method) == ["Health.Check", "rpc.discover", "Health.Check"])
            #expect(seen.map(\.status) == ["OK", "OK", "NOT_FOUND"])
            #expect(seen.allSatisfy { $0.time > .zero })
        }
    }
}

/// An interceptor that records each call's method, status and time.
final class CallMetrics: RPCClientInterceptor {
    struct Call: Sendable {
        var method: String
        var status: String
        var time: Duration
    }
    let calls = Mutex<[Call]>([])

    func intercept(
        _ call: RPCClientCall, next: (RPCClientCall) async throws(RPCError) -> JSONValue
    ) async throws(RPCError) -> JSONValue {
        let start = ContinuousClock.now
        do {
            let result = try await next(call)
            calls.withLock { $0.append(Call(method: call.method, status: "OK", time: start.duration(to: .now))) }
            return result
        } catch {
            calls.withLock {
                $0.append(Call(method: call.method, status: error.code.name, time: start.duration(to: .now)))
            }
            throw error
        }
    }
}
