import Dispatch
public import FramedJSON
import Synchronization

/// Runs cases against a target, several at a time, and hands each result over in case order.
///
/// Cases marked ``CaseRequirement/runsAlone`` run after all the others, one at a time. Every
/// case gets its own ``CaseContext``; a case that throws something other than ``CaseFailure``
/// or ``CaseSkip`` fails with that error's description.
public struct ConformanceRunner: Sendable {
    /// The server under test.
    public var target: ConformanceTarget
    /// How many cases run at once (1 runs them one by one).
    public var parallelism: Int
    /// Whether the target has the `Conformance` service, once probed (`nil`: not known yet).
    public var conformanceService: Bool?

    /// Creates a runner.
    public init(target: ConformanceTarget, parallelism: Int = 4) {
        self.target = target
        self.parallelism = max(1, parallelism)
    }

    /// Fetches `rpc.discover` over a raw connection.
    /// - Throws: ``CaseFailure`` when the target does not answer it with a document.
    public func discover() throws -> JSONObject {
        let context = CaseContext(target: target, discovery: nil, runID: "discover")
        let connection = try context.connect()
        let response = try connection.call("rpc.discover")
        guard let document = try context.expectResult(response).objectValue else {
            throw context.fail("rpc.discover did not return an object")
        }
        return document
    }

    /// True when `Conformance.Echo` answers (the service is on).
    public func probeConformanceService() -> Bool {
        let context = CaseContext(target: target, discovery: nil, runID: "probe")
        guard let connection = try? context.connect(),
            let response = try? connection.call("Conformance.Echo", params: ["message": "probe"])
        else { return false }
        return response["result"] != nil
    }

    /// Runs `cases` and calls `report` with each result, in the order of `cases`.
    public func run(
        _ cases: [ConformanceCase],
        discovery: JSONObject?,
        report: @escaping @Sendable (CaseResult) -> Void
    ) -> ConformanceSummary {
        let runID = Self.makeRunID()
        let hasConformance = conformanceService ?? probeConformanceService()
        let together = cases.indices.filter { !cases[$0].requirements.contains(.runsAlone) }
        let alone = cases.indices.filter { cases[$0].requirements.contains(.runsAlone) }
        let results = Mutex<[Int: CaseResult]>([:])
        let flushed = Mutex<(next: Int, summary: ConformanceSummary)>((0, ConformanceSummary()))
        let order = together + alone

        @Sendable func finish(_ slot: Int, _ result: CaseResult) {
            results.withLock { $0[slot] = result }
            flushed.withLock { state in
                while let ready = results.withLock({ $0.removeValue(forKey: state.next) }) {
                    state.summary.add(ready)
                    report(ready)
                    state.next += 1
                }
            }
        }

        let execute: @Sendable (Int) -> Void = { slot in
            let testCase = cases[order[slot]]
            finish(
                slot,
                Self.runOne(testCase, target: target, discovery: discovery, runID: runID, conformance: hasConformance))
        }
        let next = Atomic<Int>(0)
        let workers = min(parallelism, max(1, together.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let slot = next.add(1, ordering: .relaxed).oldValue
                guard slot < together.count else { return }
                execute(slot)
            }
        }
        for slot in together.count..<order.count { execute(slot) }
        return flushed.withLock { $0.summary }
    }

    static func runOne(
        _ testCase: ConformanceCase, target: ConformanceTarget, discovery: JSONObject?, runID: String, conformance: Bool
    ) -> CaseResult {
        let started = ContinuousClock.now
        func result(_ outcome: CaseResult.Outcome) -> CaseResult {
            CaseResult(
                name: testCase.name, rule: testCase.rule, outcome: outcome, duration: ContinuousClock.now - started)
        }
        if testCase.requirements.contains(.conformanceService) && !conformance {
            return result(.skipped("needs the Conformance service (partner-server --enable-conformance-service)"))
        }
        if testCase.requirements.contains(.token) && target.token == nil {
            return result(.skipped("needs a token (--token or --token-file)"))
        }
        let context = CaseContext(target: target, discovery: discovery, runID: runID)
        do {
            try testCase.body(context)
            return result(.passed)
        } catch let failure as CaseFailure {
            return result(.failed(failure))
        } catch let skip as CaseSkip {
            return result(.skipped(skip.reason))
        } catch {
            return result(.failed(context.fail("unexpected error: \(error)")))
        }
    }

    private static func makeRunID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<6).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
