/// The per-connection bookkeeping of `RPCServerConnection`, a value type kept in a `Mutex`.
/// Every transition is quick, does no I/O and returns what to do after the lock is released.
extension RPCServerConnection {
    /// A routed call waiting to be admitted. One reference: the call is handed from the frame
    /// to the state, the launch and its task, and each hand-over copies one pointer, not the
    /// method name, params, metadata strings and observation it holds.
    final class Prepared: Sendable {
        let call: RPCIncomingCall
        let method: RPCRouter.Entry
        let deadline: ContinuousClock.Instant?
        /// The call as the server's observer follows it (nil without an observer).
        let observation: RPCCallObservation?

        init(
            call: RPCIncomingCall, method: RPCRouter.Entry, deadline: ContinuousClock.Instant?,
            observation: RPCCallObservation?
        ) {
            self.call = call
            self.method = method
            self.deadline = deadline
            self.observation = observation
        }
    }

    /// One encoded answer: a whole frame, or a batch member's response object.
    struct EncodedAnswer: Sendable {
        var bytes: [UInt8]
        /// The id of a successful answer (`result`), nil for an error. A batch whose response
        /// array would pass `maxFrameBytes` answers these members RESOURCE_EXHAUSTED instead.
        var resultID: RPCID?
    }

    /// A batch's answers collected so far.
    struct BatchSeed {
        var parts: [EncodedAnswer]
        var expected: Int
    }

    /// A call admitted: its handler must be started.
    struct Launch: Sendable {
        var key: UInt64
        var prepared: Prepared
        var stream: RPCServerStream?
        var batch: UInt64?
    }

    /// An answer to send for a call that will not run or has been cut short.
    struct Answer: Sendable {
        var id: RPCID
        var error: RPCError
        var batch: UInt64?
        var stream: RPCServerStream?
        var observation: RPCCallObservation? = nil
    }

    struct Admission {
        var launches: [Launch] = []
        var rejects: [Answer] = []
    }

    struct CallEntry {
        var id: RPCID?
        var batch: UInt64?
        var stream: RPCServerStream?
        var task: Task<Void, Never>?
        var timer: Task<Void, Never>?
        var answered = false
        var observation: RPCCallObservation? = nil
    }

    struct Parked {
        var prepared: [Prepared]
        var seed: BatchSeed?
    }

    struct BatchState {
        var parts: [EncodedAnswer]
        var remaining: Int
    }

    /// What to do after a handler exits, a call is cut short, or the limit frees up.
    struct Actions {
        var write: [UInt8]?
        var finishStream: RPCServerStream?
        var cancelTimer: Task<Void, Never>?
        var admissions: [Admission] = []
        var resumeReading = false
        var close = false
        /// Calls are parked because the outbound queue is full: start waiting for it to drain.
        var watchOutbound = false
        /// Parked calls may be admitted now: run the `unparkNext` loop.
        var unpark = false
    }

    struct StateMachine {
        let limit: Int
        let drainRetryAfterMs: Int64
        let defaultWindow: Int
        let maxCredit: Int
        let maxFrameBytes: Int
        var calls: [UInt64: CallEntry] = [:]
        var inFlight: [RPCID: UInt64] = [:]
        var batches: [UInt64: BatchState] = [:]
        var parked: [Parked] = []
        var nextKey: UInt64 = 0
        var running = 0
        var readingPaused = false
        /// A task waits for the outbound queue to drain, to admit the calls parked meanwhile.
        var watchingOutbound = false
        /// A loop admitting parked calls one group at a time is running (`unparkNext`): exits
        /// of handlers leave the parked calls to it, so admissions do not nest.
        var unparking = false
        var draining = false
        /// `$/goaway` is on its way: only then may a draining connection close.
        var goawayWritten = false
        /// Answers taken out of the state and not yet handed to the transport. A draining
        /// connection closes only when none is left, so that no answer is dropped by the close.
        var unsentAnswers = 0
        var closing = false
        var closed = false

        init(config: RPCServerConfig) {
            self.limit = max(1, config.maxConcurrentCallsPerConnection)
            self.drainRetryAfterMs = config.drainRetryAfterMs
            self.defaultWindow = config.defaultStreamWindow
            self.maxCredit = config.maxOutstandingCredit
            self.maxFrameBytes = config.maxFrameBytes
        }

        var isIdle: Bool { calls.isEmpty && parked.isEmpty }

        /// Admits calls now, or parks them (and asks to stop reading) when the running-handler
        /// limit would be passed or the outbound queue is above its high-water mark
        /// (`outboundFull`): answers nobody reads must not pile up in memory. Returns `nil` with
        /// `pause` true when parked; `watch` asks the caller to wait for the queue to drain.
        mutating func admit(
            _ prepared: [Prepared], seed: BatchSeed?, outboundFull: Bool = false
        ) -> (admission: Admission?, pause: Bool, watch: Bool) {
            if closed || closing { return (nil, false, false) }
            if !parked.isEmpty || outboundFull || (running > 0 && running + prepared.count > limit) {
                parked.append(Parked(prepared: prepared, seed: seed))
                let pause = !readingPaused
                readingPaused = true
                var watch = false
                if outboundFull && !watchingOutbound {
                    watchingOutbound = true
                    watch = true
                }
                return (nil, pause, watch)
            }
            let admission = admitNow(prepared, seed: seed)
            var pause = false
            if running >= limit && !readingPaused {
                readingPaused = true
                pause = true
            }
            return (admission, pause, false)
        }

        /// What `admitOne` decided for a single call.
        enum SingleAdmission {
            case launch(Launch)
            case reject(Answer)
            case parked(pause: Bool, watch: Bool)
            case dropped
        }

        /// `admit` for one call outside a batch (the common case), without building arrays.
        mutating func admitOne(_ p: Prepared, outboundFull: Bool) -> (SingleAdmission, pause: Bool) {
            if closed || closing { return (.dropped, false) }
            if !parked.isEmpty || outboundFull || (running > 0 && running + 1 > limit) {
                let (_, pause, watch) = admit([p], seed: nil, outboundFull: outboundFull)
                return (.parked(pause: pause, watch: watch), false)
            }
            if let id = p.call.id {
                if draining {
                    let error = RPCError(
                        code: .unavailable, message: "server is draining", retryAfterMs: drainRetryAfterMs)
                    unsentAnswers += 1
                    return (.reject(Answer(id: id, error: error, observation: p.observation)), false)
                }
                if inFlight[id] != nil {
                    unsentAnswers += 1
                    let error = RPCError.invalidRequest("id \(id) is already in flight", field: "id")
                    return (.reject(Answer(id: id, error: error, observation: p.observation)), false)
                }
            } else if draining {
                return (.dropped, false)
            }
            let (key, stream) = register(p, batch: nil)
            var pause = false
            if running >= limit && !readingPaused {
                readingPaused = true
                pause = true
            }
            return (.launch(Launch(key: key, prepared: p, stream: stream)), pause)
        }

        /// The wait for the outbound queue ended: it drained below its low-water mark
        /// (`writable`), or the connection closed for writes. True when the caller should admit
        /// parked calls (`unparkNext`). Closed, the parked calls are dropped and no call is
        /// admitted any more: their answers could never leave.
        mutating func outboundDrained(writable: Bool) -> Bool {
            watchingOutbound = false
            guard writable else {
                closing = true
                parked.removeAll()
                return false
            }
            return !closed && !closing && !parked.isEmpty && !unparking
        }

        /// Admits the first parked group if the limits allow, one group per call so the caller
        /// can look at the outbound queue again after each (a handler may answer at once).
        /// Returns no admission when the loop is over: nothing parked, the running limit
        /// reached, or the outbound queue full (then `watchOutbound` may be set).
        mutating func unparkNext(outboundFull: Bool) -> Actions {
            var actions = Actions()
            if closed {
                unparking = false
                return actions
            }
            if outboundFull && !parked.isEmpty {
                unparking = false
                if !watchingOutbound {
                    watchingOutbound = true
                    actions.watchOutbound = true
                }
                return actions
            }
            if let head = parked.first, running == 0 || running + head.prepared.count <= limit {
                parked.removeFirst()
                actions.admissions.append(admitNow(head.prepared, seed: head.seed))
                unparking = true
                return actions
            }
            unparking = false
            resumeIfUnparked(into: &actions)
            return actions
        }

        private mutating func resumeIfUnparked(into actions: inout Actions) {
            if parked.isEmpty && readingPaused && running < limit {
                readingPaused = false
                actions.resumeReading = true
            }
        }

        private mutating func admitNow(_ prepared: [Prepared], seed: BatchSeed?) -> Admission {
            var admission = Admission()
            var batchKey: UInt64?
            if let seed {
                nextKey += 1
                batchKey = nextKey
                batches[nextKey] = BatchState(parts: seed.parts, remaining: seed.expected - seed.parts.count)
            }
            admission.launches.reserveCapacity(prepared.count)
            for p in prepared {
                if let id = p.call.id {
                    if draining {
                        let error = RPCError(
                            code: .unavailable, message: "server is draining", retryAfterMs: drainRetryAfterMs)
                        admission.rejects.append(
                            Answer(id: id, error: error, batch: batchKey, observation: p.observation))
                        unsentAnswers += 1
                        continue
                    }
                    if inFlight[id] != nil {
                        admission.rejects.append(
                            Answer(
                                id: id, error: .invalidRequest("id \(id) is already in flight", field: "id"),
                                batch: batchKey,
                                observation: p.observation))
                        unsentAnswers += 1
                        continue
                    }
                } else if draining {
                    continue
                }
                let (key, stream) = register(p, batch: batchKey)
                admission.launches.append(Launch(key: key, prepared: p, stream: stream, batch: batchKey))
            }
            return admission
        }

        /// Adds one answer to a batch; returns the whole batch frame when it was the last.
        /// Enters an admitted call: its key, its entry (with a stream for a server-streaming
        /// call that has an id), its id in flight, one more running.
        private mutating func register(_ p: Prepared, batch: UInt64?) -> (key: UInt64, stream: RPCServerStream?) {
            nextKey += 1
            let key = nextKey
            var stream: RPCServerStream?
            if p.method.descriptor.kind == .serverStreaming, let id = p.call.id {
                stream = RPCServerStream(
                    id: id, window: p.call.metadata.streamWindow ?? defaultWindow, maxCredit: maxCredit)
            }
            calls[key] = CallEntry(id: p.call.id, batch: batch, stream: stream, observation: p.observation)
            if let id = p.call.id { inFlight[id] = key }
            running += 1
            return (key, stream)
        }

        mutating func addBatchPart(_ batch: UInt64, _ part: EncodedAnswer) -> [UInt8]? {
            guard var state = batches[batch] else { return nil }
            state.parts.append(part)
            state.remaining -= 1
            if state.remaining <= 0 {
                batches[batch] = nil
                return RPCServerConnection.batchFrame(state.parts, maxFrameBytes: maxFrameBytes)
            }
            batches[batch] = state
            return nil
        }

        /// Stores the handler and timer tasks of a launched call. Returns which of them to
        /// cancel at once (the call was answered, or its handler already exited).
        mutating func attach(_ key: UInt64, task: Task<Void, Never>, timer: Task<Void, Never>?) -> (
            task: Bool, timer: Bool
        ) {
            guard var entry = calls[key] else { return (false, true) }
            if entry.answered || closed { return (true, true) }
            entry.task = task
            entry.timer = timer
            calls[key] = entry
            return (false, false)
        }

        /// Cuts a call short (cancel or deadline): it is answered now, its handler stays
        /// counted until it exits. Returns the answer to send and the tasks to cancel.
        mutating func cut(key: UInt64, error: RPCError) -> (Answer, Task<Void, Never>?, Task<Void, Never>?)? {
            guard var entry = calls[key], !entry.answered, let id = entry.id else { return nil }
            entry.answered = true
            calls[key] = entry
            inFlight[id] = nil
            unsentAnswers += 1
            let answer = Answer(
                id: id, error: error, batch: entry.batch, stream: entry.stream, observation: entry.observation)
            return (answer, entry.task, entry.timer)
        }

        /// A handler exited with `response` (encoded for its place: a frame, or a batch part).
        mutating func handlerExited(_ key: UInt64, response: EncodedAnswer?) -> Actions {
            var actions = Actions()
            guard let entry = calls.removeValue(forKey: key) else { return actions }
            running -= 1
            actions.cancelTimer = entry.timer
            if !entry.answered, let id = entry.id, let response {
                inFlight[id] = nil
                if let batch = entry.batch {
                    actions.write = addBatchPart(batch, response)
                } else {
                    actions.write = response.bytes
                    actions.finishStream = entry.stream
                }
                if actions.write != nil { unsentAnswers += 1 }
            }
            if closed { return actions }
            if !parked.isEmpty && !unparking {
                actions.unpark = true
            } else if !unparking {
                resumeIfUnparked(into: &actions)
            }
            actions.close = closeIfDrained()
            return actions
        }

        /// An answer returned by a transition has been handed to the transport; returns true
        /// when the connection, draining, can now close.
        mutating func answerSent() -> Bool {
            unsentAnswers -= 1
            return closeIfDrained()
        }

        /// True (once) when a draining connection has sent `$/goaway`, has no call left and
        /// no answer still to hand over.
        private mutating func closeIfDrained() -> Bool {
            guard draining && goawayWritten && !closing && !closed && isIdle && unsentAnswers == 0 else { return false }
            closing = true
            return true
        }

        /// Starts draining: new calls are refused from now on. The connection does not close
        /// before `goawayWasWritten()`, so `$/goaway` always goes out first.
        mutating func beginDrain() {
            draining = true
        }

        /// `$/goaway` has been written; returns true when the connection can close at once.
        mutating func goawayWasWritten() -> Bool {
            goawayWritten = true
            return closeIfDrained()
        }

        /// Cuts every unanswered call with `error` and marks the connection closing.
        mutating func cutAll(error: RPCError) -> [(Answer, Task<Void, Never>?, Task<Void, Never>?)] {
            var cut: [(Answer, Task<Void, Never>?, Task<Void, Never>?)] = []
            for key in calls.keys {
                if let c = self.cut(key: key, error: error) { cut.append(c) }
            }
            closing = true
            parked.removeAll()
            return cut
        }

        /// The connection is gone: every task and timer to cancel, every stream to end.
        mutating func close() -> (tasks: [Task<Void, Never>], streams: [RPCServerStream])? {
            guard !closed else { return nil }
            closed = true
            closing = true
            var tasks: [Task<Void, Never>] = []
            var streams: [RPCServerStream] = []
            for (key, var entry) in calls {
                if let t = entry.task { tasks.append(t) }
                if let t = entry.timer { tasks.append(t) }
                if let s = entry.stream { streams.append(s) }
                entry.answered = true
                calls[key] = entry
            }
            inFlight.removeAll()
            parked.removeAll()
            batches.removeAll()
            return (tasks, streams)
        }
    }
}
