import Foundation
import FramedRPC
import FramedRPCTCP
import PartnerAPI
import PartnerTestSupport

extension ServerProcess {
    /// The crash suites' options: one event loop, a short drain, no Conformance service.
    static let crashOptions = ["--loops", "1", "--drain-grace", "1"]

    /// Starts `partner-server` on the data folder `data` with the crash options and `extra`,
    /// its log in `root` (default: `data-server`, beside the data, so the test's folder
    /// removal takes both). Neither folder is removed by the server's end.
    /// - Throws: `StartFailure` with the server's message when it exits before listening.
    static func crash(data: String, root: String? = nil, extra: [String] = []) async throws -> ServerProcess {
        let root = root ?? data + "-server"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return try await start(root: root, data: data, options: crashOptions, extra)
    }

    /// SIGKILL, then waits for the process to be gone.
    func killAndWait() async throws {
        await kill9()
        guard !isRunning else { throw TestFailure("the killed server did not exit within 10 s") }
    }

    /// SIGTERM (graceful drain), then waits for the exit.
    func terminateAndWait() async throws {
        guard await terminate() != -9 else { throw TestFailure("the server did not stop within 20 s of SIGTERM") }
    }

    /// A client over TCP with the bootstrap token, no retries (every answer is taken as given).
    func client(timeout: Duration = .seconds(10)) throws -> (PartnerClient, RPCClient) {
        var config = RPCClientConfig(authorization: "Bearer \(try token())")
        config.connectAttempts = 2
        config.connectBackoffInitial = .milliseconds(10)
        let rpc = RPCClient(
            transport: TCPClientTransport(host: "127.0.0.1", port: port, connectTimeout: timeout), config: config)
        return (PartnerClient(rpc: rpc, retry: .init(maxAttempts: 1)), rpc)
    }
}
