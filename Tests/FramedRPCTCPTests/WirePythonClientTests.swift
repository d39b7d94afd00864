import Foundation
import FramedJSON
import FramedRPC
import PartnerTestSupport
import Synchronization
import Testing

extension WireTests {
    /// WIRE.md §17: the 20-line Python client, run exactly as printed against a real server.
    @Suite("The Python client of WIRE.md §17")
    struct PythonClient {
        static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }

        /// The first ```python block after the §17 heading of Protocol/WIRE.md, unchanged.
        static func snippet() throws -> String {
            let text = try String(
                contentsOf: repositoryRoot.appendingPathComponent("Protocol/WIRE.md"), encoding: .utf8)
            let section = try #require(text.range(of: "## 17. Writing a client in 20 lines"), "WIRE.md has no §17")
            let open = try #require(text.range(of: "```python\n", range: section.upperBound..<text.endIndex))
            let close = try #require(text.range(of: "\n```", range: open.upperBound..<text.endIndex))
            return String(text[open.upperBound..<close.lowerBound]) + "\n"
        }

        @Test(
            "§17: the Python client from WIRE.md, unchanged, prints Health.Check's status and the rpc.discover methods")
        func pythonClient() async throws {
            let code = try Self.snippet()
            #expect(code.contains(#"socket.create_connection(("127.0.0.1", 7420))"#), "the snippet's address moved")
            try await withWireServer { s in
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wire-python-\(s.port)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let client = folder.appendingPathComponent("client.py")
                try code.write(to: client, atomically: true, encoding: .utf8)
                // The snippet connects to the default port 7420; the launcher points that one
                // address at the test server and then runs the file as it is.
                let launcher = folder.appendingPathComponent("launch.py")
                try """
                import runpy, socket, sys
                _connect = socket.create_connection
                def _to_test_server(address, *args, **kwargs):
                    host, port = address
                    return _connect((host, int(sys.argv[2]) if port == 7420 else port), *args, **kwargs)
                socket.create_connection = _to_test_server
                runpy.run_path(sys.argv[1], run_name="__main__")

                """.write(to: launcher, atomically: true, encoding: .utf8)

                guard let python = Self.python else {
                    throw TestFailure("python3 is not installed: apt-get install python3 (.ci/run does it)")
                }
                let output = try await onThread {
                    try CommandRun.runBlocking(path: python, [launcher.path, client.path, String(s.port)], timeout: 20)
                }
                #expect(output.status == 0, "python3 failed (status -9: it ran past 20 s): \(output.err)")
                let lines = output.out.split(separator: "\n").map(String.init)
                let document = WireServer.openRPCDocument
                let title = try #require(document["info"]?["title"]?.stringValue)
                let names = try #require(document["methods"]?.arrayValue).compactMap { $0["name"]?.stringValue }
                let firstFive = names.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
                #expect(lines == ["{'status': 'SERVING'}", "\(title) [\(firstFive)]"])

                // The document it read is the server's: every method of the contract, plus the
                // two Conformance methods this server serves.
                let rpc = s.client()
                let served = try await rpc.unary("rpc.discover", params: RPCEmptyResult())
                #expect(served["methods"]?.arrayValue?.count == names.count + 2)
                await rpc.close()

            }
        }
    }
}
