/// A case found the target breaking its rule: what was expected, and the frames that show it.
public struct CaseFailure: Error, Sendable, CustomStringConvertible {
    /// What was wrong, in one sentence: `expected error.code -32602, got -32603`.
    public var reason: String
    /// The last frames written and read on the case's connections, oldest first.
    public var transcript: [TranscriptLine]

    /// Creates a failure. A reason longer than 800 characters (a whole document quoted in it)
    /// is cut there; the transcript still shows the frames.
    public init(_ reason: String, transcript: [TranscriptLine] = []) {
        self.reason = reason.count > 800 ? String(reason.prefix(800)) + "… (\(reason.count) characters)" : reason
        self.transcript = transcript
    }

    /// The reason.
    public var description: String { reason }
}

/// A case that cannot run against this target, and why (not a failure).
public struct CaseSkip: Error, Sendable, CustomStringConvertible {
    /// Why it was skipped: `needs --token`.
    public var reason: String
    /// Creates a skip.
    public init(_ reason: String) { self.reason = reason }
    /// The reason.
    public var description: String { reason }
}

/// One line of a case's transcript: bytes sent or received, rendered for a person.
public struct TranscriptLine: Sendable, CustomStringConvertible {
    /// Which way the bytes went.
    public enum Direction: String, Sendable {
        /// Written by the suite.
        case sent
        /// Read from the target.
        case received
        /// Something that happened on the connection (closed, timed out).
        case event
    }

    /// Which way.
    public var direction: Direction
    /// The JSON text of a frame, a hex dump of raw bytes, or the event.
    public var text: String

    /// Creates a line.
    public init(_ direction: Direction, _ text: String) {
        self.direction = direction
        self.text = text
    }

    /// `sent: {...}` etc.
    public var description: String { "\(direction.rawValue): \(text)" }
}
