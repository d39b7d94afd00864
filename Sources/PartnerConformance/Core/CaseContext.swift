public import FramedJSON
import Synchronization

/// What a running case has at hand: the target, fresh connections, a run-unique name source,
/// and failures that carry the transcript of every connection the case opened.
public final class CaseContext: Sendable {
    /// The server under test.
    public let target: ConformanceTarget
    /// The target's `rpc.discover` document, when the suite fetched one.
    public let discovery: JSONObject?
    /// A short string unique to this run, so domain cases never collide with earlier runs.
    public let runID: String
    let recorder = TranscriptRecorder()
    private let counter = Atomic<Int>(0)

    init(target: ConformanceTarget, discovery: JSONObject?, runID: String) {
        self.target = target
        self.discovery = discovery
        self.runID = runID
    }

    /// Opens a new raw connection to the target.
    /// - Throws: ``CaseFailure`` when the target cannot be reached.
    public func connect() throws -> RawConnection {
        do {
            return try RawConnection(target: target, recorder: recorder)
        } catch let failure as CaseFailure {
            throw CaseFailure(failure.reason, transcript: recorder.snapshot)
        }
    }

    /// The token, or a ``CaseSkip`` saying the case needs one.
    public func requireToken() throws -> String {
        guard let token = target.token else { throw CaseSkip("needs a token (--token or --token-file)") }
        return token
    }

    /// `{"authorization": "Bearer <token>"}`, or a ``CaseSkip`` without a token.
    public func authMeta() throws -> JSONObject {
        ["authorization": .string("Bearer " + (try requireToken()))]
    }

    /// `prefix` followed by this run's id and a counter: unique across runs and cases.
    public func unique(_ prefix: String) -> String {
        let n = counter.add(1, ordering: .relaxed).newValue
        return "\(prefix)\(runID)\(n)"
    }

    /// Notes something in the transcript (shown only when the case fails).
    public func note(_ text: String) { recorder.add(.event, text) }

    /// A failure with `reason` and the transcript so far.
    public func fail(_ reason: String) -> CaseFailure { recorder.failure(reason) }

    /// Fails the case with `reason` unless `condition` holds.
    public func expect(_ condition: Bool, _ reason: @autoclosure () -> String) throws {
        if !condition { throw fail(reason()) }
    }
}
