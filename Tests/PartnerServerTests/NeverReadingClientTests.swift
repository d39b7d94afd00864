import Foundation
import FramedJSON
import PartnerTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A client that pipelines thousands of calls on one connection and never reads an answer,
/// against a real `partner-server` process (WIRE.md §10.4, SECURITY.md §3.2):
/// - while it lasts, the server's resident memory stays under the hostile-client bound;
/// - the server closes the connection at `--outbound-stall-timeout`, not later;
/// - once it is closed, the memory comes back: the server's RSS returns to within 32 MiB of
///   where it stood before the attack, and a second attack on the same server does the same.
@Suite("A client that never reads, against partner-server", .serialized)
struct NeverReadingClientTests {
    /// The stall timeout the server runs with (seconds): short, so the suite stays quick.
    static let stall = 3.0
    /// How late the close may come after the stall timeout on a loaded machine (seconds).
    static let lateness = 4.0
    /// How far above its level before the attack the server's RSS may stay once it is over.
    static let returnBound = 32 << 20

    /// One kind of call the client floods the connection with.
    struct Kind: Sendable, CustomTestStringConvertible {
        var name: String
        var method: String
        var params: String
        var calls: Int
        /// Params a reading client warms the server with (a stream's first window only).
        var warmParams: String? = nil
        var testDescription: String { name }
    }

    static let kinds: [Kind] = [
        Kind(
            name: "a service method with big answers", method: "Customers.List", params: #"{"pageSize":200}"#,
            calls: 5000),
        Kind(
            name: "a stream", method: "Conformance.Stream", params: #"{"count":2000,"itemBytes":4096}"#, calls: 500,
            warmParams: #"{"count":10,"itemBytes":4096}"#),
        Kind(name: "discovery", method: "rpc.discover", params: "{}", calls: 5000),
        Kind(
            name: "echo", method: "Conformance.Echo",
            params: #"{"message":"\#(String(repeating: "e", count: 600))"}"#, calls: 20000),
    ]

    @Test(
        "memory stays bounded while it lasts, the close comes at the stall timeout, and memory returns",
        arguments: kinds)
    func neverReads(_ kind: Kind) async throws {
        let report = try await onThread { () throws -> String in
            let server = try ServerProcess.startBlocking(
                options: ServerProcess.hostileOptions,
                [
                    "--enable-conformance-service", "--outbound-stall-timeout", "\(Self.stall)",
                ])
            defer {
                server.terminateBlocking()
                server.remove()
            }
            let token = try server.token()
            try Self.seedCustomers(300, port: server.port, token: token)
            // Warm every cache and pool a reading client would: the baseline is a served server.
            try Self.callAndRead(kind, times: 3, port: server.port, token: token)
            let before = server.memory().rss
            var lines: [String] = []
            for round in 1...2 {
                let attack = try Self.attack(kind, server: server, token: token)
                guard attack.closedAfter >= Self.stall - 0.5 else {
                    throw TestFailure(
                        "round \(round): closed after \(attack.closedAfter) s, before the stall timeout")
                }
                guard attack.closedAfter <= Self.stall + Self.lateness else {
                    throw TestFailure(
                        "round \(round): closed after \(attack.closedAfter) s, stall timeout \(Self.stall) s")
                }
                guard attack.peak < HostileClientTests.peakBound else {
                    throw TestFailure("round \(round): RSS reached \(attack.peak >> 20) MiB while it lasted")
                }
                let settled = Hostile.wait(10) { server.memory().rss < before + Self.returnBound }
                let after = server.memory().rss
                guard settled else {
                    throw TestFailure(
                        "round \(round): RSS \(after >> 20) MiB after the close, \(before >> 20) MiB before the attack")
                }
                guard try WireSocket(port: server.port).ping(id: 7) else {
                    throw TestFailure("round \(round): the server does not answer a new connection")
                }
                lines.append(
                    "round \(round): closed after \(String(format: "%.1f", attack.closedAfter)) s, peak RSS "
                        + "\(attack.peak >> 20) MiB, after \(after >> 20) MiB (before \(before >> 20) MiB)")
            }
            return lines.joined(separator: "; ")
        }
        print("never-reading client, \(kind.name): \(report)")
    }

    /// What one attack measured.
    struct Attack {
        var closedAfter: Double
        var peak: Int
    }

    /// Pipelines `kind.calls` calls with a tiny receive buffer, never reads, samples the
    /// server's RSS until the server closes the connection (or 30 s pass).
    static func attack(_ kind: Kind, server: ServerProcess, token: String) throws -> Attack {
        let socket = try WireSocket(port: server.port, receiveBuffer: 4096)
        defer { socket.abort() }
        let start = Date()
        let sender = Thread {
            var bytes: [UInt8] = []
            for id in 1...kind.calls {
                bytes += WireSocket.frame(call(id: id, kind.method, kind.params, token: token))
                if bytes.count > 1 << 20 {
                    guard socket.write(bytes) else { return }
                    bytes = []
                }
            }
            socket.write(bytes)
        }
        sender.start()
        var peak = 0
        while Date().timeIntervalSince(start) < 30 {
            peak = max(peak, server.memory().rss)
            if socket.peerHasClosed { return Attack(closedAfter: Date().timeIntervalSince(start), peak: peak) }
            usleep(50_000)
        }
        throw TestFailure("the server did not close a connection that read nothing for 30 s")
    }

    static func call(id: Int, _ method: String, _ params: String, token: String) -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params),"meta":{"authorization":"Bearer \#(token)"}}"#
    }

    /// Calls `kind` `times` times as a well-behaved client, reading every answer (and every
    /// stream item).
    static func callAndRead(_ kind: Kind, times: Int, port: Int, token: String) throws {
        let socket = try WireSocket(port: port)
        for id in 1...times {
            socket.sendFrame(call(id: id, kind.method, kind.warmParams ?? kind.params, token: token))
            while true {
                guard let answer = try socket.readJSON(timeout: 30) else {
                    throw TestFailure("\(kind.method): the server closed a reading client")
                }
                if answer["id"]?.intValue == Int64(id) {
                    guard answer["result"] != nil else { throw TestFailure("\(kind.method): \(answer)") }
                    break
                }
            }
        }
    }

    /// Creates `count` domain customers through one pipelined connection.
    static func seedCustomers(_ count: Int, port: Int, token: String) throws {
        let socket = try WireSocket(port: port)
        var bytes: [UInt8] = []
        for id in 1...count {
            let domain = "never-reads-\(id).it"
            let params =
                #"{"organisationName":"Never Reads S.r.l.","primaryDomain":"\#(domain)","customerType":"DOMAIN","#
                + #""postalAddress":{"regionCode":"IT","postalCode":"20121","locality":"Milano"},"#
                + #""primaryAdminEmail":"admin@\#(domain)","alternateEmail":"backup@example.net","#
                + #""languageCode":"it","timeZone":"Europe/Rome"}"#
            bytes += WireSocket.frame(call(id: id, "Customers.Create", params, token: token))
        }
        socket.write(bytes)
        for _ in 1...count {
            guard let answer = try socket.readJSON(timeout: 60), answer["result"] != nil else {
                throw TestFailure("seeding customers failed")
            }
        }
    }
}
