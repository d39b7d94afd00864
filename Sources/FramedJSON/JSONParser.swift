/// A strict RFC 8259 JSON parser over UTF-8 bytes: the `JSONValue` tree of a document.
///
/// The reading is `JSONScanner`'s (the one reader of JSON text, also behind `JSONRawDocument`):
/// it rejects invalid UTF-8 inside strings, lone surrogate escapes, leading zeros, trailing
/// commas, and anything after the top-level value other than whitespace. Nesting is bounded by
/// `maxDepth`, so a hostile 200,000-deep document fails fast instead of exhausting the stack.
/// A repeated member name keeps its first occurrence (WIRE.md §3.1).
public struct JSONParser: Sendable {
    /// The deepest nesting of arrays and objects accepted; deeper input fails with `isLimit`.
    public var maxDepth: Int

    /// Creates a parser. `maxDepth` defaults to 64.
    public init(maxDepth: Int = 64) {
        self.maxDepth = maxDepth
    }

    /// Parses one complete JSON document.
    /// - Throws: `JSONParseError` naming the offset of the first problem.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Self.run(buffer, maxDepth: maxDepth)
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { Self.run($0, maxDepth: maxDepth) }.get()
    }

    /// Parses one complete JSON document from a string.
    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { Self.run($0, maxDepth: maxDepth) }
        return try result.get()
    }

    private static func run(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONParseError> {
        var scanner = JSONScanner(buffer: buffer, maxDepth: maxDepth)
        var builder = JSONTreeBuilder(buffer: buffer)
        do throws(JSONParseError) {
            return .success(try scanner.scanDocument(into: &builder).value)
        } catch {
            return .failure(error)
        }
    }
}
