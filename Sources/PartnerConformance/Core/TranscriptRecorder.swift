import Synchronization

/// Keeps the last frames a case sent and received, to print when it fails.
final class TranscriptRecorder: Sendable {
    private static let keep = 24
    private static let maxLine = 600
    private let lines = Mutex<[TranscriptLine]>([])

    init() {}

    func add(_ direction: TranscriptLine.Direction, _ text: String) {
        let line = TranscriptLine(direction, text.count > Self.maxLine ? String(text.prefix(Self.maxLine)) + "…" : text)
        lines.withLock {
            $0.append(line)
            if $0.count > Self.keep { $0.removeFirst($0.count - Self.keep) }
        }
    }

    var snapshot: [TranscriptLine] { lines.withLock { $0 } }

    /// A failure with `reason` and the transcript so far.
    func failure(_ reason: String) -> CaseFailure { CaseFailure(reason, transcript: snapshot) }

    /// Renders a payload as text when it is valid UTF-8 without control bytes, else as hex.
    static func render(_ bytes: [UInt8]) -> String {
        if bytes.count > maxLine { return render(Array(bytes.prefix(maxLine))) + " … (\(bytes.count) bytes)" }
        let printable = bytes.allSatisfy { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if printable, let text = String(validating: bytes, as: UTF8.self) { return text }
        return "hex " + hex(bytes)
    }

    /// `00 00 00 2a 7b ...`, at most 64 bytes then the count.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        let shown = bytes.prefix(64).map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined(separator: " ")
        return bytes.count > 64 ? shown + " … (\(bytes.count) bytes)" : shown
    }
}
