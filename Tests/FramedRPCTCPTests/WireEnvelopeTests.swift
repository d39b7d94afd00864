import FramedJSON
import FramedRPC
import PartnerTestSupport
import Testing

extension WireTests {
    /// WIRE.md §3 (messages), §3.4 (validation order), §5 (errors).
    @Suite("Messages and errors (WIRE.md §3, §5)")
    struct Envelope {
        @Test("§3.4 #1: a payload that is not JSON gets -32700 with id null, and the connection stays usable")
        func parseError() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":9,"#)
                let answer = try await socket.readJSON()
                #expect(answer.hasNullID)
                #expect(answer.wireErrorCode == -32700)
                #expect(answer.wireStatus == "INVALID_ARGUMENT")
                #expect(answer.wireMessage?.hasPrefix("parse error: ") == true)
                #expect(answer.wireMessage?.contains("at byte 24") == true, "the message gives the byte offset")
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":10,"method":"Health.Check"}"#)
                let next = try await socket.readJSON()
                #expect(next["id"] == 10)
                #expect(next["result"]?["status"] == "SERVING")
            }
        }

        @Test(
            "§3.1: invalid UTF-8 in a payload is a parse error, and the connection stays usable",
            arguments: [
                [0x22, 0xC3, 0x28, 0x22] as [UInt8],  // a broken two-byte sequence
                [0x22, 0xC0, 0xAF, 0x22],  // an overlong form
                [0x22, 0xED, 0xA0, 0x80, 0x22],  // an encoded surrogate
                [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22],  // a byte above 0xF4
            ])
        func invalidUTF8(_ string: [UInt8]) async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                let payload =
                    Array(#"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","params":{"message":"#.utf8) + string
                    + Array("}}".utf8)
                try await socket.send(payload: payload)
                let answer = try await socket.readJSON()
                #expect(answer.hasNullID)
                #expect(answer.wireErrorCode == -32700)
                #expect(answer.wireStatus == "INVALID_ARGUMENT")
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":2,"method":"$/ping"}"#)
                #expect(try await socket.readJSON() == ["jsonrpc": "2.0", "id": 2, "result": [:]])
            }
        }

        @Test("§3.1: nesting deeper than maxDepth is a parse error naming the limit of 64")
        func nestingLimit() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
                try await socket.send(
                    frame: #"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","params":{"message":\#(deep)}}"#)
                let answer = try await socket.readJSON()
                #expect(answer.hasNullID)
                #expect(answer.wireErrorCode == -32700)
                #expect(answer.wireMessage?.contains("nesting deeper than the limit of 64") == true)
            }
        }

        @Test(
            "§3.4 #2-#3, §3.4 #7: an invalid request gets -32600 INVALID_ARGUMENT, echoing its id when it could be read",
            arguments: InvalidRequest.all)
        func invalidRequest(_ c: InvalidRequest) async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(frame: c.payload)
                let answer = try await socket.readJSON()
                #expect(answer["jsonrpc"] == "2.0")
                #expect(answer["id"] == c.id)
                #expect(answer.wireErrorCode == -32600)
                #expect(answer.wireStatus == "INVALID_ARGUMENT")
                #expect(answer.wireMessage?.hasPrefix("invalid request: ") == true)
                if let field = c.field { #expect(answer.wireField == field) }
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":"after","method":"$/ping"}"#)
                #expect(try await socket.readJSON()["id"] == "after", "the connection stays usable")
            }
        }

        @Test("§3.4 #8: an unknown method gets -32601 UNIMPLEMENTED with the request's id")
        func unknownMethod() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":"m-1","method":"Nope.Nothing"}"#)
                let answer = try await socket.readJSON()
                #expect(answer["id"] == "m-1")
                #expect(answer.wireErrorCode == -32601)
                #expect(answer.wireStatus == "UNIMPLEMENTED")
                #expect(answer.wireMessage == "method Nope.Nothing not found")
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":"m-2","method":"$/nope"}"#)
                let control = try await socket.readJSON()
                #expect(control["id"] == "m-2")
                #expect(control.wireErrorCode == -32601, "an unknown $/ name sent as a request is -32601 too")
            }
        }

        @Test(
            "§3.4 #4, #14: invalid params get -32602 INVALID_ARGUMENT with a detail naming the field",
            arguments: [
                (
                    #"{"jsonrpc":"2.0","id":8,"method":"Conformance.Stream","params":{"count":"three"}}"#, "count",
                    "must be an integer, got string"
                ),
                (
                    #"{"jsonrpc":"2.0","id":8,"method":"Conformance.Echo","params":{"delayMs":-1}}"#, "delayMs",
                    "must be in 0...60000, got -1"
                ),
                (
                    #"{"jsonrpc":"2.0","id":8,"method":"Conformance.Echo","params":{"colour":"red"}}"#, "colour",
                    "is not a known field"
                ),
                (
                    #"{"jsonrpc":"2.0","id":8,"method":"Health.Check","params":{"service":7}}"#, "service",
                    "must be a string, got integer"
                ),
                (#"{"jsonrpc":"2.0","id":8,"method":"Health.Check","params":[""]}"#, "params", "must be an object"),
                (
                    #"{"jsonrpc":"2.0","id":8,"method":"Health.Check","params":{"service":"\#(String(repeating: "é", count: 201))"}}"#,
                    "service", "must be at most 200 characters"
                ),
                (
                    #"{"jsonrpc":"2.0","id":8,"method":"Health.Watch","params":{"service":"\#(String(repeating: "s", count: 201))"}}"#,
                    "service", "must be at most 200 characters"
                ),
            ])
        func invalidParams(_ payload: String, _ field: String, _ reason: String) async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(frame: payload)
                let answer = try await socket.readJSON()
                #expect(answer["id"] == 8)
                #expect(answer.wireErrorCode == -32602)
                #expect(answer.wireStatus == "INVALID_ARGUMENT")
                #expect(answer["error"]?["data"]?["details"] == [["field": .string(field), "reason": .string(reason)]])
            }
        }

        @Test(
            "§14.1: Health.Check of a service name of 200 characters is NOT_FOUND with its detail, not a params error")
        func healthCheckLongestName() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                let name = String(repeating: "é", count: 200)
                try await socket.send(
                    frame: #"{"jsonrpc":"2.0","id":2,"method":"Health.Check","params":{"service":"\#(name)"}}"#)
                let answer = try await socket.readJSON()
                #expect(answer.wireErrorCode == 5)
                #expect(
                    answer["error"]?["data"]?["details"] == [["field": "service", "reason": "is not a known service"]])
            }
        }

        @Test("§3.2: a notification never gets an answer, not even an error")
        func notificationGetsNoAnswer() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                for notification in [
                    #"{"jsonrpc":"2.0","method":"Conformance.Echo","params":{"message":"fire and forget"}}"#,
                    #"{"jsonrpc":"2.0","method":"Conformance.Echo","params":{"status":"NOT_FOUND"}}"#,
                    #"{"jsonrpc":"2.0","method":"Conformance.Echo","params":{"delayMs":"soon"}}"#,
                    #"{"jsonrpc":"2.0","method":"Conformance.Stream","params":{"count":3}}"#,
                    #"{"jsonrpc":"2.0","method":"Nope.Nothing"}"#,
                    #"{"jsonrpc":"2.0","method":"Health.Check","params":[1]}"#,
                    #"{"jsonrpc":"2.0","method":"Health.Check","meta":{"timeoutMs":-5}}"#,
                    #"{"jsonrpc":"2.0","method":"$/ping"}"#,
                    #"{"jsonrpc":"2.0","method":"$/cancel","params":{"id":12345}}"#,
                    #"{"jsonrpc":"2.0","method":"$/cancel","params":{}}"#,
                    #"{"jsonrpc":"2.0","method":"$/credit","params":{"id":1,"items":0}}"#,
                    #"{"jsonrpc":"2.0","method":"$/whatever"}"#,
                ] {
                    try await socket.send(frame: notification)
                }
                // A request whose handler also runs in a task, answered after a pause: any answer
                // to a notification above would come before it.
                try await socket.send(
                    frame: #"{"jsonrpc":"2.0","id":"barrier","method":"Conformance.Echo","params":{"delayMs":50}}"#)
                let first = try await socket.readJSON()
                #expect(first["id"] == "barrier", "the first frame back is the barrier's answer, got \(first)")
            }
        }

        @Test("§3.3: a response echoes the id exactly as read: strings, integers, 1.0 as 1, and null")
        func idEcho() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                for (sent, echoed) in [
                    ("\"c-4\"", JSONValue.string("c-4")), ("9223372036854775807", .int(.max)), ("-3", .int(-3)),
                    ("1.0", .int(1)), ("null", .null), ("\"\"", .string("")),
                ] {
                    try await socket.send(frame: #"{"jsonrpc":"2.0","id":\#(sent),"method":"Health.Check"}"#)
                    let answer = try await socket.readJSON()
                    #expect(answer["id"] == echoed, "id \(sent)")
                    #expect(answer["result"]?["status"] == "SERVING")
                }
            }
        }

        @Test(
            "§5.2: Conformance.Echo fails with the status asked for, its number as error.code and the message byte for byte"
        )
        func statusRoundTrip() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                let message = "tab\there \"quoted\"\nnew line, emoji 🦊, é"
                for (status, code) in [
                    ("NOT_FOUND", 5), ("UNAUTHENTICATED", 16), ("INVALID_ARGUMENT", 3), ("UNKNOWN", 2),
                ] {
                    let params: JSONValue = ["status": .string(status), "statusMessage": .string(message)]
                    try await socket.send(
                        frame:
                            #"{"jsonrpc":"2.0","id":1,"method":"Conformance.Echo","params":\#(params.encodedString)}"#)
                    let answer = try await socket.readJSON()
                    #expect(answer.wireErrorCode == Int64(code))
                    #expect(answer.wireStatus == status)
                    #expect(answer.wireMessage == message)
                    #expect(answer["error"]?["data"]?["details"] == [])
                }
            }
        }

        @Test("§5.1, §5.3: an unexpected server failure is INTERNAL with error.code -32603 and a generic message")
        func internalError() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":1,"method":"WireTest.Fail"}"#)
                let payload = try await socket.readFrame()
                let answer = try WireSocket.parse(payload)
                #expect(
                    answer == [
                        "jsonrpc": "2.0", "id": 1,
                        "error": [
                            "code": -32603, "message": "internal error",
                            "data": ["status": "INTERNAL", "details": []],
                        ],
                    ])
                #expect(!String(decoding: payload, as: UTF8.self).contains("SQLITE"), "no internal detail on the wire")
                for status in [#""INTERNAL""#, "13"] {
                    try await socket.send(
                        frame: #"{"jsonrpc":"2.0","id":2,"method":"Conformance.Echo","params":{"status":\#(status)}}"#)
                    let echoed = try await socket.readJSON()
                    #expect(echoed.wireErrorCode == -32603, "status \(status)")
                    #expect(echoed.wireStatus == "INTERNAL")
                }
            }
        }

        @Test("§4: meta above maxMetaKeys or maxMetaBytes is RESOURCE_EXHAUSTED naming the limit and the size")
        func metaLimits() async throws {
            try await withWireServer { s in
                let socket = try s.socket()
                let manyKeys = (0..<70).map { #""k\#($0)":"v""# }.joined(separator: ",")
                try await socket.send(frame: #"{"jsonrpc":"2.0","id":1,"method":"Health.Check","meta":{\#(manyKeys)}}"#)
                let keys = try await socket.readJSON()
                #expect(keys.wireErrorCode == 8)
                #expect(keys.wireStatus == "RESOURCE_EXHAUSTED")
                #expect(keys.wireMessage == "meta has 70 keys, above the limit of 64")
                #expect(keys.wireField == "meta")
                let big = String(repeating: "b", count: 9000)
                try await socket.send(
                    frame: #"{"jsonrpc":"2.0","id":2,"method":"Health.Check","meta":{"note":"\#(big)"}}"#)
                let bytes = try await socket.readJSON()
                #expect(bytes.wireErrorCode == 8)
                #expect(bytes.wireMessage == "meta is 9011 bytes, above the limit of 8192 bytes")
            }
        }
    }
}

/// One malformed request and what its answer must echo.
struct InvalidRequest: Sendable, CustomTestStringConvertible {
    var payload: String
    var id: JSONValue
    var field: String?

    var testDescription: String { payload }

    static let all: [InvalidRequest] = [
        InvalidRequest(payload: #"{"foo":"boo"}"#, id: .null),
        InvalidRequest(payload: #"{"jsonrpc":"2.0","params":{}}"#, id: .null, field: "method"),
        InvalidRequest(payload: #"{"jsonrpc":"2.0","method":7}"#, id: .null, field: "method"),
        InvalidRequest(payload: #"{"method":"Health.Check"}"#, id: .null, field: "jsonrpc"),
        InvalidRequest(payload: #"{"jsonrpc":"2.0","method":"Health.Check","extra":1}"#, id: .null, field: "extra"),
        InvalidRequest(payload: #"{"jsonrpc":"2.0","method":"Health.Check","params":"x"}"#, id: .null, field: "params"),
        InvalidRequest(
            payload: #"{"jsonrpc":"2.0","method":"$/cancel","params":{"id":1},"x":0}"#, id: .null, field: "x"),
        InvalidRequest(payload: #""a string""#, id: .null),
        InvalidRequest(payload: "42", id: .null),
        InvalidRequest(payload: #"{"method":"Health.Check","id":4}"#, id: 4, field: "jsonrpc"),
        InvalidRequest(payload: #"{"jsonrpc":"1.0","method":"Health.Check","id":"a"}"#, id: "a", field: "jsonrpc"),
        InvalidRequest(payload: #"{"jsonrpc":"2.0","method":1,"id":3}"#, id: 3, field: "method"),
        InvalidRequest(payload: #"{"jsonrpc":"2.0","id":3}"#, id: 3, field: "method"),
        InvalidRequest(payload: #"{"jsonrpc":"2.0","method":"Health.Check","id":{"n":1}}"#, id: .null, field: "id"),
        InvalidRequest(payload: #"{"jsonrpc":"2.0","method":"Health.Check","id":1.5}"#, id: .null, field: "id"),
        InvalidRequest(
            payload: #"{"jsonrpc":"2.0","method":"Health.Check","id":5,"extra":true}"#, id: 5, field: "extra"),
        InvalidRequest(
            payload: #"{"jsonrpc":"2.0","method":"Health.Check","params":"x","id":7}"#, id: 7, field: "params"),
        InvalidRequest(payload: #"{"jsonrpc":"2.0","method":"Health.Check","meta":[],"id":6}"#, id: 6, field: "meta"),
        InvalidRequest(
            payload: #"{"jsonrpc":"2.0","method":"Health.Check","meta":{"timeoutMs":"soon"},"id":8}"#, id: 8,
            field: "meta.timeoutMs"),
        InvalidRequest(
            payload: #"{"jsonrpc":"2.0","method":"Health.Check","meta":{"tenant":5},"id":9}"#, id: 9,
            field: "meta.tenant"),
    ]
}
