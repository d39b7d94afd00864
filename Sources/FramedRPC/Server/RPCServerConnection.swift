import FramedJSON
import Synchronization

/// The server side of one connection: decodes frames, admits calls under the running-handler
/// limit, runs each handler in its own task, and writes answers.
///
/// State lives in a `Mutex`-guarded `StateMachine`; no lock is held while a handler runs or
/// bytes are written.
final class RPCServerConnection: RPCConnectionInbound, Sendable {
    let core: RPCServerCore
    let outbound: any RPCConnectionOutbound
    let peer: String
    /// The connection as the server's observer follows it (nil without an observer).
    let observation: RPCConnectionObservation?
    private let state: Mutex<StateMachine>
    private let onClose: @Sendable (RPCServerConnection) -> Void

    init(
        core: RPCServerCore, outbound: any RPCConnectionOutbound, peer: String,
        observation: RPCConnectionObservation? = nil,
        onClose: @escaping @Sendable (RPCServerConnection) -> Void
    ) {
        self.core = core
        self.outbound = outbound
        self.peer = peer
        self.observation = observation
        self.onClose = onClose
        self.state = Mutex(StateMachine(config: core.config))
    }

    // MARK: RPCConnectionInbound

    var isIdle: Bool { state.withLock { $0.isIdle } }

    func receive(frame payload: [UInt8]) {
        observation?.frameReceived(payload: payload)
        let frameBytes = payload.count + Frame.headerSize
        switch core.decoder.decode(payload) {
        case .failure(let error):
            let frame = bounded(RPCEnvelopeEncoder.errorFrame(id: .null, error: error), id: .null)
            outbound.write(frame)
            observeRefusal(nil, id: .null, error: error, bytesIn: frameBytes, bytesOut: frame.count)
        case .single(let message):
            receiveSingle(message, frameBytes: frameBytes)
        case .batch(let messages):
            receiveBatch(messages, frameBytes: frameBytes)
        }
    }

    func receive(frameError: FrameError) {
        let error: RPCError
        switch frameError.kind {
        case .zeroLength: error = .invalidRequest(frameError.description)
        case .tooLarge: error = .limitExceeded(frameError.description)
        }
        observation?.closing(because: frameError.kind == .tooLarge ? .limit : .protocolError)
        outbound.write(RPCEnvelopeEncoder.errorFrame(id: .null, error: error))
        outbound.close()
    }

    func connectionClosed(reason: String) {
        let observing = observation != nil
        let (closed, orphans, draining) = state.withLock { s in
            let orphans = observing && !s.closed ? s.unansweredObservations : []
            return (s.close(), orphans, s.draining)
        }
        guard let (tasks, streams) = closed else { return }
        for task in tasks { task.cancel() }
        for stream in streams { stream.finish(with: nil, to: outbound) }
        observeClose(reason: reason, draining: draining, orphans: orphans)
        onClose(self)
    }

    // MARK: Messages

    private func receiveSingle(_ message: RPCInboundMessage, frameBytes: Int) {
        switch message {
        case .call(let call):
            guard let method = core.methods[call.method] else {
                if let id = call.id {
                    let error = RPCError.methodNotFound(call.method)
                    let frame = bounded(RPCEnvelopeEncoder.errorFrame(id: id, error: error), id: id)
                    outbound.write(frame)
                    observeRefusal(call, id: id, error: error, bytesIn: frameBytes, bytesOut: frame.count)
                }
                return
            }
            if method.descriptor.kind == .serverStreaming && call.id == nil { return }
            var deadline: ContinuousClock.Instant?
            if let ms = call.metadata.timeoutMs {
                if ms == 0 {
                    if let id = call.id {
                        let frame = RPCEnvelopeEncoder.errorFrame(id: id, error: Self.deadlineError)
                        outbound.write(frame)
                        observeRefusal(
                            call, id: id, error: Self.deadlineError, bytesIn: frameBytes, bytesOut: frame.count)
                    }
                    return
                }
                deadline = .now + .milliseconds(ms)
            }
            admitOne(
                Prepared(
                    call: call, method: method, deadline: deadline, observation: observe(call, bytesIn: frameBytes)))
        case .invalid(let id, let error):
            if let id {
                let frame = bounded(RPCEnvelopeEncoder.errorFrame(id: id, error: error), id: id)
                outbound.write(frame)
                observeRefusal(nil, id: id, error: error, bytesIn: frameBytes, bytesOut: frame.count)
            }
        case .cancel(let target, let answerID):
            cancel(target)
            if let answerID { outbound.write(RPCEnvelopeEncoder.responseFrame(id: answerID, result: RPCEmptyResult())) }
        case .credit(let target, let items, let answerID):
            grant(target, items: items)
            if let answerID { outbound.write(RPCEnvelopeEncoder.responseFrame(id: answerID, result: RPCEmptyResult())) }
        case .ping(let id):
            if let id { outbound.write(RPCEnvelopeEncoder.responseFrame(id: id, result: RPCEmptyResult())) }
        case .ignored:
            break
        }
    }

    private func receiveBatch(_ messages: [RPCInboundMessage], frameBytes: Int) {
        var parts: [EncodedAnswer] = []
        var prepared: [Prepared] = []
        var expected = 0
        let share = frameBytes / max(1, messages.count)
        func part(_ id: RPCID, _ error: RPCError, _ call: RPCIncomingCall? = nil) {
            var w = JSONWriter(capacity: 160)
            RPCEnvelopeEncoder.writeError(id: id, error: error, to: &w)
            parts.append(EncodedAnswer(bytes: w.bytes))
            observeRefusal(call, id: id, error: error, bytesIn: share, bytesOut: w.bytes.count)
        }
        func emptyResult(_ id: RPCID) {
            var w = JSONWriter(capacity: 48)
            RPCEnvelopeEncoder.writeResponse(id: id, result: RPCEmptyResult(), to: &w)
            parts.append(EncodedAnswer(bytes: w.bytes, resultID: id))
        }
        let now = ContinuousClock.now
        for message in messages {
            switch message {
            case .call(let call):
                guard let method = core.methods[call.method] else {
                    if let id = call.id { part(id, .methodNotFound(call.method), call) }
                    continue
                }
                if method.descriptor.kind == .serverStreaming {
                    if let id = call.id {
                        part(
                            id, .invalidRequest("streaming methods cannot be called in a batch", field: "method"), call)
                    }
                    continue
                }
                var deadline: ContinuousClock.Instant?
                if let ms = call.metadata.timeoutMs {
                    if ms == 0 {
                        if let id = call.id { part(id, Self.deadlineError, call) }
                        continue
                    }
                    deadline = now + .milliseconds(ms)
                }
                if call.id != nil { expected += 1 }
                prepared.append(
                    Prepared(call: call, method: method, deadline: deadline, observation: observe(call, bytesIn: share))
                )
            case .invalid(let id, let error):
                if let id { part(id, error) }
            case .cancel(let target, let answerID):
                cancel(target)
                if let answerID { emptyResult(answerID) }
            case .credit(let target, let items, let answerID):
                grant(target, items: items)
                if let answerID { emptyResult(answerID) }
            case .ping(let id):
                if let id { emptyResult(id) }
            case .ignored:
                break
            }
        }
        if expected == 0 {
            if !parts.isEmpty { outbound.write(Self.batchFrame(parts, maxFrameBytes: core.config.maxFrameBytes)) }
            if !prepared.isEmpty { admit(prepared, seed: nil) }
            return
        }
        admit(prepared, seed: BatchSeed(parts: parts, expected: expected + parts.count))
    }

    static let deadlineError = RPCError(code: .deadlineExceeded, message: "deadline exceeded")

    // MARK: Response size

    /// `frame` when its payload fits in `maxFrameBytes`; otherwise the RESOURCE_EXHAUSTED answer
    /// for `id` naming the limit and the size: the server never sends a frame above its limit
    /// (WIRE.md §2.2, §15).
    func bounded(_ frame: [UInt8], id: RPCID) -> [UInt8] {
        let size = frame.count - Frame.headerSize
        let limit = core.config.maxFrameBytes
        guard size > limit else { return frame }
        return RPCEnvelopeEncoder.errorFrame(id: id, error: Self.responseTooLarge(size: size, limit: limit))
    }

    static func responseTooLarge(size: Int, limit: Int) -> RPCError {
        .limitExceeded("response of \(size) bytes exceeds the limit of \(limit) bytes")
    }

    /// A batch's response array; when it would pass `maxFrameBytes`, every successful member is
    /// answered RESOURCE_EXHAUSTED naming the array's size and the limit instead (WIRE.md §6).
    static func batchFrame(_ parts: [EncodedAnswer], maxFrameBytes: Int) -> [UInt8] {
        let size = parts.reduce(1) { $0 + $1.bytes.count + 1 }
        guard size > maxFrameBytes else { return RPCEnvelopeEncoder.batchFrame(parts.map(\.bytes)) }
        let error = responseTooLarge(size: size, limit: maxFrameBytes)
        return RPCEnvelopeEncoder.batchFrame(
            parts.map { part in
                guard let id = part.resultID else { return part.bytes }
                var w = JSONWriter(capacity: 160)
                RPCEnvelopeEncoder.writeError(id: id, error: error, to: &w)
                return w.bytes
            })
    }

    // MARK: Admission and handlers

    /// True while the connection's queued answers are above `holdCallsAboveOutboundBytes`: new
    /// calls wait (and reading pauses) until the peer reads, so a client that sends calls and
    /// never reads holds a few MiB of answers, not everything it asked for.
    private var outboundFull: Bool { outbound.bufferedBytes >= core.config.holdCallsAboveOutboundBytes }

    private func admit(_ prepared: [Prepared], seed: BatchSeed?) {
        let full = outboundFull
        let (admission, pause, watch) = state.withLock { $0.admit(prepared, seed: seed, outboundFull: full) }
        if pause { outbound.setReading(false) }
        if watch { watchOutbound() }
        if let admission { perform(admission) }
    }

    private func admitOne(_ prepared: Prepared) {
        let full = outboundFull
        let (admission, pause) = state.withLock { $0.admitOne(prepared, outboundFull: full) }
        switch admission {
        case .launch(let launch):
            if pause { outbound.setReading(false) }
            start(launch)
        case .reject(let answer):
            send(answer)
        case .parked(let pause, let watch):
            if pause { outbound.setReading(false) }
            if watch { watchOutbound() }
        case .dropped:
            break
        }
    }

    /// Waits for the outbound queue to drain, then admits the calls parked meanwhile. When the
    /// transport reports the connection closed instead (it closes a peer that reads nothing
    /// for `outboundStallTimeout`, WIRE.md §10.4), the parked calls are dropped: nobody is
    /// left to answer, and they must not be admitted against a queue that will never drain.
    private func watchOutbound() {
        let outbound = self.outbound
        Task(executorPreference: outbound.preferredExecutor) {
            let writable = await outbound.waitUntilWritable()
            if self.state.withLock({ $0.outboundDrained(writable: writable) }) { self.unparkCalls() }
        }
    }

    /// Admits parked calls one group at a time while the running limit and the outbound
    /// queue allow, looking at the queue again after each group (its handlers may have
    /// answered already).
    private func unparkCalls() {
        while true {
            let full = outboundFull
            let actions = state.withLock { $0.unparkNext(outboundFull: full) }
            apply(actions)
            if actions.admissions.isEmpty { return }
        }
    }

    private func perform(_ admission: Admission) {
        for reject in admission.rejects { send(reject) }
        for launch in admission.launches { start(launch) }
    }

    /// Starts a call's handler. It runs at once on the calling thread (the connection's loop
    /// for the TCP transport) until it first suspends, so a handler that never waits is done
    /// before this returns, its answer queued with no task switch; one that waits goes on
    /// from `preferredExecutor` and leaves the thread free meanwhile.
    private func start(_ launch: Launch) {
        launch.prepared.observation?.handlerStarting()
        let task = Task.immediate(executorPreference: outbound.preferredExecutor) {
            let response = await self.run(launch)
            self.handlerExited(launch.key, response: response, observation: launch.prepared.observation)
        }
        var timer: Task<Void, Never>?
        if let deadline = launch.prepared.deadline, state.withLock({ $0.calls[launch.key] != nil }) {
            let key = launch.key
            timer = Task(executorPreference: outbound.preferredExecutor) {
                do {
                    try await Task.sleep(until: deadline, clock: .continuous)
                } catch {
                    return
                }
                self.cut(key: key, error: Self.deadlineError)
            }
        }
        let cancel = state.withLock { $0.attach(launch.key, task: task, timer: timer) }
        if cancel.task { task.cancel() }
        if cancel.timer { timer?.cancel() }
    }

    /// Runs the handler chain and encodes its outcome for where the answer goes.
    private func run(_ launch: Launch) async -> EncodedAnswer? {
        let call = launch.prepared.call
        var context = RPCServerContext(
            descriptor: launch.prepared.method.descriptor, metadata: call.metadata,
            deadline: launch.prepared.deadline, peer: peer)
        let observation = launch.prepared.observation
        context.observation = observation
        if let stream = launch.stream {
            context.streamWriter = RPCStreamWriter(
                stream: stream, outbound: outbound, highWaterBytes: core.config.outboundHighWaterBytes,
                maxFrameBytes: core.config.maxFrameBytes, observation: observation)
        }
        let request = RPCRequest(id: call.id, method: call.method, incoming: call.params, metadata: call.metadata)
        let handler = launch.prepared.method.handler
        let inBatch = launch.batch != nil
        do {
            let result: any JSONEncodable & Sendable
            if launch.prepared.deadline == nil && RPCCallContext.deadline == nil {
                // Nothing to bind: the task-local already reads nil here.
                result = try await handler(request, context)
            } else {
                result = try await RPCCallContext.$deadline.withValue(launch.prepared.deadline) {
                    try await handler(request, context)
                }
            }
            observation?.handlerEnded(nil)
            guard let id = call.id else { return nil }
            if inBatch {
                var w = JSONWriter(capacity: 256)
                RPCEnvelopeEncoder.writeResponse(id: id, result: result, to: &w)
                return EncodedAnswer(bytes: w.bytes, resultID: id)
            }
            // Sized as the method's latest answer, noted again when this one is larger or less
            // than half of it (a steady method writes the shared hint not at all).
            let method = launch.prepared.method
            let expected = method.answerSize.load(ordering: .relaxed)
            let frame = RPCEnvelopeEncoder.responseFrame(id: id, result: result, capacity: max(1024, expected))
            if frame.count > expected || frame.count < expected / 2 {
                method.answerSize.store(frame.count, ordering: .relaxed)
            }
            return EncodedAnswer(bytes: bounded(frame, id: id))
        } catch {
            let mapped = RPCError(mapping: error)
            observation?.handlerEnded(mapped)
            guard let id = call.id else { return nil }
            let bytes = Self.encode(id: id, error: mapped, inBatch: inBatch)
            return EncodedAnswer(bytes: inBatch ? bytes : bounded(bytes, id: id))
        }
    }

    static func encode(id: RPCID, error: RPCError, inBatch: Bool) -> [UInt8] {
        if inBatch {
            var w = JSONWriter(capacity: 160)
            RPCEnvelopeEncoder.writeError(id: id, error: error, to: &w)
            return w.bytes
        }
        return RPCEnvelopeEncoder.errorFrame(id: id, error: error)
    }

    private func handlerExited(_ key: UInt64, response: EncodedAnswer?, observation: RPCCallObservation?) {
        let (actions, answered) = state.withLock { s in
            // The handler's outcome is the answer only if no cut answered the call before.
            let answered = observation != nil && s.calls[key].map { !$0.answered } == true
            return (s.handlerExited(key, response: response), answered)
        }
        if answered { observation?.finish(bytesOut: response?.bytes.count ?? 0) }
        apply(actions)
        if actions.unpark { unparkCalls() }
    }

    private func apply(_ actions: Actions) {
        actions.cancelTimer?.cancel()
        if let write = actions.write {
            if let stream = actions.finishStream {
                stream.finish(with: write, to: outbound)
            } else {
                outbound.write(write)
            }
            if state.withLock({ $0.answerSent() }) { outbound.close() }
        }
        if actions.resumeReading { outbound.setReading(true) }
        if actions.watchOutbound { watchOutbound() }
        for admission in actions.admissions { perform(admission) }
        if actions.close { outbound.close() }
    }

    /// Sends the answer of a call that was rejected or cut short.
    private func send(_ answer: Answer) {
        let bytes = Self.encode(id: answer.id, error: answer.error, inBatch: answer.batch != nil)
        if let batch = answer.batch {
            let part = EncodedAnswer(bytes: bytes)
            if let frame = state.withLock({ $0.addBatchPart(batch, part) }) { outbound.write(frame) }
        } else if let stream = answer.stream {
            stream.finish(with: bytes, to: outbound)
        } else {
            outbound.write(bytes)
        }
        answer.observation?.finish(error: answer.error, bytesOut: bytes.count)
        if state.withLock({ $0.answerSent() }) { outbound.close() }
    }

    private func cut(key: UInt64, error: RPCError) {
        guard let (answer, task, timer) = state.withLock({ $0.cut(key: key, error: error) }) else { return }
        send(answer)
        task?.cancel()
        timer?.cancel()
    }

    private func cancel(_ id: RPCID) {
        guard let key = state.withLock({ $0.inFlight[id] }) else { return }
        cut(key: key, error: RPCError(code: .cancelled, message: "call \(id) was cancelled by the client"))
    }

    private func grant(_ id: RPCID, items: Int) {
        let stream = state.withLock { s in s.inFlight[id].flatMap { s.calls[$0]?.stream } }
        stream?.grant(items)
    }

    // MARK: Drain

    /// Sends `$/goaway`; new calls get UNAVAILABLE; closes once no call is in flight.
    func beginDrain(goaway: [UInt8]) {
        state.withLock { $0.beginDrain() }
        // A handler exiting now must not close the connection before `$/goaway` is queued.
        outbound.write(goaway)
        if state.withLock({ $0.goawayWasWritten() }) { outbound.close() }
    }

    /// The drain grace is over: ends every call still running with UNAVAILABLE, then closes.
    func forceClose() {
        let error = RPCError(code: .unavailable, message: "server shut down before the call finished")
        let cut = state.withLock { $0.cutAll(error: error) }
        for (answer, task, timer) in cut {
            send(answer)
            task?.cancel()
            timer?.cancel()
        }
        outbound.close()
    }
}
