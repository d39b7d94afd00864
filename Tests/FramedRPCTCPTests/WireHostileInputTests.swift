import FramedJSON
import FramedRPC
import PartnerTestSupport
import Testing

extension WireTests {
    /// WIRE.md §2.3 (framing errors), §3.1 (depth), §2.4 (hang-ups): input meant to hurt.
    @Suite("Framing errors and hostile input (WIRE.md §2.3, §3.1, §2.4)")
    struct HostileInput {
        @Test(
            "§2.3: a length prefix above maxFrameBytes is answered RESOURCE_EXHAUSTED naming both sizes, then closed, without allocating it"
        )
        func oversizeLengthPrefix() async throws {
            try await withWireServer { s in
                let before = residentBytes()
                // Declare 4 GiB - 1, then keep sending: a server that accepted the length would
                // buffer what follows.
                let socket = try s.socket()
                try await socket.send([0xFF, 0xFF, 0xFF, 0xFF])
                let answer = try await socket.readJSON()
                #expect(
                    answer == [
                        "jsonrpc": "2.0", "id": nil,
                        "error": [
                            "code": 8, "message": "frame of 4294967295 bytes exceeds the limit of 4194304 bytes",
                            "data": ["status": "RESOURCE_EXHAUSTED", "details": []],
                        ],
                    ])
                let junk = [UInt8](repeating: 0x20, count: 1 << 20)
                var sent = 0
                while sent < 48 << 20, let n = socket.sendSome(junk[...]) {
                    sent += n
                    if n == 0 { try await Task.sleep(for: .milliseconds(1)) }
                }
                #expect(try await socket.readUntilClosed().isEmpty, "nothing but the one error, then the close")
                // The same for the prefix of 5242881 bytes from WIRE.md §16.7.
                let second = try s.socket()
                try await second.send([0x00, 0x50, 0x00, 0x01] + [UInt8](repeating: 0x7B, count: 1000))
                let frames = try await second.readUntilClosed()
                #expect(frames.count == 1)
                #expect(frames.first?.wireMessage == "frame of 5242881 bytes exceeds the limit of 4194304 bytes")
                let grown = residentBytes() - before
                // The test process is shared with other suites, so the bound is loose; it still
                // proves the 4 GiB declared was never allocated.
                #expect(grown < 256 << 20, "RSS grew by \(grown >> 20) MiB after \(sent >> 20) MiB were sent")
                // The server keeps serving.
                let other = try s.socket()
                try await other.send(frame: #"{"jsonrpc":"2.0","id":1,"method":"$/ping"}"#)
                #expect(try await other.readJSON()["id"] == 1)
            }
        }

        @Test("§2.3: a zero-length frame is answered -32600 INVALID_ARGUMENT with id null, then closed")
        func zeroLengthFrame() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(
                    [0, 0, 0, 0] + Frame.encode(Array(#"{"jsonrpc":"2.0","id":1,"method":"$/ping"}"#.utf8)))
                let frames = try await socket.readUntilClosed()
                #expect(
                    frames == [
                        [
                            "jsonrpc": "2.0", "id": nil,
                            "error": [
                                "code": -32600,
                                "message":
                                    "invalid request: frame length 0 is invalid (a frame carries at least 1 byte of JSON)",
                                "data": ["status": "INVALID_ARGUMENT", "details": []],
                            ],
                        ]
                    ], "one error, and nothing after the bad frame is read")
            }
        }

        @Test("§3.1: 200,000-deep nested JSON fails fast as -32700 and the server keeps serving")
        func deeplyNestedJSON() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                let depth = 200_000
                try await socket.send(payload: [UInt8](repeating: UInt8(ascii: "["), count: depth))
                let open = try await socket.readJSON()
                #expect(open.hasNullID)
                #expect(open.wireErrorCode == -32700)
                #expect(open.wireMessage?.contains("nesting deeper than the limit of 64") == true)
                let balanced =
                    [UInt8](repeating: UInt8(ascii: "["), count: depth)
                    + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
                try await socket.send(payload: balanced)
                let objects =
                    Array(String(repeating: #"{"a":"#, count: depth).utf8)
                    + [UInt8](repeating: UInt8(ascii: "}"), count: depth)
                try await socket.send(
                    payload: Array(#"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","params":"#.utf8) + objects + [
                        UInt8(ascii: "}")
                    ])
                for _ in 0..<2 {
                    let answer = try await socket.readJSON()
                    #expect(answer.wireErrorCode == -32700)
                    #expect(answer.wireMessage?.contains("nesting deeper than the limit of 64") == true)
                }
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":2,"method":"Health.Check"}"#)
                #expect(try await socket.readJSON()["result"]?["status"] == "SERVING")
                let fresh = try s.socket()
                try await fresh.send(frame: #"{"jsonrpc":"2.0","id":3,"method":"Health.Check"}"#)
                #expect(try await fresh.readJSON()["result"]?["status"] == "SERVING")
            }
        }

        @Test("§2.4: half a frame then a hang-up closes that connection only; the server keeps serving others")
        func halfFrameThenHangUp() async throws {
            try await withWireServer { s in
                let bystander = try s.socket()
                try await bystander.send(
                    frame: #"{"jsonrpc":"2.0","id":"slow","method":"Conformance.Echo","params":{"delayMs":200}}"#)
                let quitter = try s.socket()
                let frame = Frame.encode(
                    Array(#"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","params":{"message":"half"}}"#.utf8))
                try await quitter.send(Array(frame.prefix(frame.count / 2)))
                try await waitFor("both connections to be open") { s.server.connectionCount == 2 }
                quitter.hangUp()
                try await waitFor("the server to drop the half-sent connection") { s.server.connectionCount == 1 }
                let answer = try await bystander.readJSON()
                #expect(answer["id"] == "slow")
                #expect(answer["result"] != nil)
                let fresh = try s.socket()
                try await fresh.send(frame: #"{"jsonrpc":"2.0","id":2,"method":"$/ping"}"#)
                #expect(try await fresh.readJSON()["id"] == 2)
            }
        }

        @Test("§7, §15: 500 concurrent connections each make a call and each gets its answer")
        func fiveHundredConnections() async throws {
            try await withWireServer { s in
                var sockets: [WireSocket] = []
                for _ in 0..<500 { sockets.append(try s.socket()) }
                for (i, socket) in sockets.enumerated() {
                    let frame =
                        #"{"jsonrpc":"2.0","id":\#(i),"method":"Conformance.Echo","params":{"message":"c\#(i)","delayMs":300}}"#
                    try socket.sendBlocking(Frame.encode(Array(frame.utf8)))
                }
                try await waitFor("500 connections to be open at once") { s.server.connectionCount == 500 }
                let answers = try await WireSocket.readOneFrameEach(sockets)
                for (i, answer) in answers.enumerated() {
                    #expect(answer["id"] == .int(Int64(i)))
                    #expect(answer["result"]?["message"] == .string("c\(i)"))
                }
            }
        }
    }
}
