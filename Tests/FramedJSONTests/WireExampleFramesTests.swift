import Foundation
import FramedJSON
import Testing

/// Keeps the raw frames printed in Protocol/WIRE.md honest: every hex dump must be the exact
/// frame of the JSON shown above it, and every JSON example must be a well-formed message.
@Suite("WIRE.md example frames")
struct WireExampleFramesTests {
    /// One example: the payload text as printed, its language tag, the hex dump, and the
    /// caption line that states the length.
    struct Example: CustomTestStringConvertible {
        var caption: String
        var language: String
        var payload: String
        var hexLines: [String]
        var testDescription: String { caption }
    }

    static let statusNames = [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
        "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ]

    /// Finds Protocol/WIRE.md by walking up from this file.
    static func wireDocument() throws -> String {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent("Protocol/WIRE.md")
            if FileManager.default.fileExists(atPath: candidate.path) {
                return try String(contentsOf: candidate, encoding: .utf8)
            }
            directory = directory.deletingLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile)
    }

    /// Every fenced block of the document in order, with its language tag and the caption
    /// line (the bold "length prefix" line) last seen before it. Indented fences count too.
    static func blocks() throws -> [(language: String, text: String, caption: String)] {
        let lines = try wireDocument().components(separatedBy: "\n")
        var blocks: [(language: String, text: String, caption: String)] = []
        var caption = ""
        var index = 0
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("**") && line.contains("length prefix") { caption = line }
            guard line.hasPrefix("```"), line.count > 3 else {
                index += 1
                continue
            }
            var body: [String] = []
            index += 1
            while index < lines.count && lines[index].trimmingCharacters(in: .whitespaces) != "```" {
                body.append(lines[index].trimmingCharacters(in: .whitespaces))
                index += 1
            }
            index += 1
            blocks.append((String(line.dropFirst(3)), body.joined(separator: "\n"), caption))
        }
        return blocks
    }

    /// Pairs each ```hex block with the payload block and caption before it.
    static func examples() throws -> [Example] {
        var examples: [Example] = []
        var lastPayload: (language: String, text: String)?
        for block in try blocks() {
            if block.language == "hex", let payload = lastPayload {
                let hexLines = block.text.components(separatedBy: "\n")
                examples.append(
                    Example(
                        caption: block.caption, language: payload.language, payload: payload.text, hexLines: hexLines)
                )
                lastPayload = nil
            } else if block.language == "json" || block.language == "text" {
                lastPayload = (block.language, block.text)
            }
        }
        return examples
    }

    /// The bytes of a `hexdump -C` style dump: the offset column and the `|ascii|` column are
    /// skipped.
    static func bytes(ofDump lines: [String]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for line in lines {
            let hexPart = line.split(separator: "|", maxSplits: 1)[0]
            let tokens = hexPart.split(separator: " ")
            let offset = try #require(Int(tokens[0], radix: 16))
            #expect(offset == bytes.count, "offset column of \(line)")
            for token in tokens.dropFirst() {
                bytes.append(try #require(UInt8(token, radix: 16)))
            }
        }
        return bytes
    }

    @Test("the document holds the required examples")
    func coverage() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 20)
        let payloads = examples.map(\.payload)
        for method in ["Health.Check", "$/item", "$/credit", "$/cancel", "$/ping", "$/goaway"] {
            #expect(payloads.contains { $0.contains("\"method\":\"\(method)\"") }, "an example of \(method)")
        }
        #expect(payloads.contains { $0.hasPrefix("[{") }, "a batch")
        #expect(payloads.contains { $0.contains("\"error\":") }, "an error")
    }

    @Test("each hex dump is the exact frame of the JSON above it", arguments: try examples())
    func frames(example: Example) throws {
        let frame = try Self.bytes(ofDump: example.hexLines)
        let payload = Array(example.payload.utf8)
        try #require(frame.count >= 4)
        let declared = Int(frame[0]) << 24 | Int(frame[1]) << 16 | Int(frame[2]) << 8 | Int(frame[3])
        #expect(declared == payload.count)
        #expect(Array(frame.dropFirst(4)) == payload)
        // The whole dump, ASCII column included, must be what the payload gives; on a mismatch
        // the message carries the correct block to paste.
        var expected = [UInt8(truncatingIfNeeded: payload.count >> 24), UInt8(truncatingIfNeeded: payload.count >> 16)]
        expected += [UInt8(truncatingIfNeeded: payload.count >> 8), UInt8(truncatingIfNeeded: payload.count)]
        expected += payload
        let correct = Self.dump(expected)
        #expect(example.hexLines == correct, "correct dump:\n\(correct.joined(separator: "\n"))")
        let header = expected.prefix(4).map { String(format: "%02x", $0) }.joined(separator: " ")
        #expect(
            example.caption.contains(
                "`\(header)` = \(payload.count) bytes of payload, \(expected.count) bytes on the wire"))
    }

    /// `hexdump -C` layout: offset, 16 bytes in two groups of 8, then the printable bytes.
    static func dump(_ bytes: [UInt8]) -> [String] {
        stride(from: 0, to: bytes.count, by: 16).map { offset in
            let chunk = bytes[offset..<min(offset + 16, bytes.count)]
            func hex(_ part: ArraySlice<UInt8>) -> String {
                part.map { String(format: "%02x", $0) }.joined(separator: " ")
            }
            func pad(_ text: String) -> String { text + String(repeating: " ", count: 23 - text.count) }
            let left = pad(hex(chunk.prefix(8)))
            let right = pad(hex(chunk.dropFirst(8)))
            let ascii = String(chunk.map { $0 >= 0x20 && $0 < 0x7F ? Character(Unicode.Scalar($0)) : "." })
            return String(format: "%08x", offset) + "  \(left)  \(right)  |\(ascii)|"
        }
    }

    @Test("each JSON example is a well-formed message", arguments: try examples().filter { $0.language == "json" })
    func messages(example: Example) throws {
        let value = try JSONParser().parse(example.payload)
        // A batch may show invalid members (`42`, or none at all) on purpose; its object
        // members must be valid messages.
        let messages = value.arrayValue?.filter { $0.objectValue != nil } ?? [value]
        for message in messages {
            let object = try #require(message.objectValue)
            #expect(object["jsonrpc"] == "2.0")
            let hasMethod = object["method"] != nil
            let hasResult = object["result"] != nil
            let hasError = object["error"] != nil
            #expect([hasMethod, hasResult, hasError].filter { $0 }.count == 1)
            if hasResult || hasError { #expect(object["id"] != nil, "a response carries an id") }
            if let params = object["params"] { #expect(params.objectValue != nil, "params is an object") }
            if let error = object["error"] {
                try Self.checkError(error)
            }
        }
    }

    /// The error object shape of WIRE.md §5.1 and the code mapping of §5.3.
    static func checkError(_ error: JSONValue) throws {
        let code = try #require(error["code"]?.intValue)
        #expect(error["message"]?.stringValue != nil)
        let status = try #require(error["data"]?["status"]?.stringValue)
        let number = try #require(statusNames.firstIndex(of: status))
        #expect(error["data"]?["details"]?.arrayValue != nil)
        switch code {
        case -32700, -32600, -32602: #expect(status == "INVALID_ARGUMENT")
        case -32601: #expect(status == "UNIMPLEMENTED")
        case -32603: #expect(status == "INTERNAL")
        default: #expect(Int(code) == number && code != 0 && code != 13)
        }
    }

    @Test("every JSON block in the document parses, and every error object in it is well-formed")
    func allJSONBlocks() throws {
        var errors = 0
        for block in try Self.blocks() where block.language == "json" {
            let value = try JSONParser().parse(block.text)
            for message in value.arrayValue ?? [value] {
                if let error = message["error"] {
                    try Self.checkError(error)
                    errors += 1
                } else if message["code"] != nil {
                    try Self.checkError(message)
                    errors += 1
                }
            }
        }
        #expect(errors >= 10)
    }
}
