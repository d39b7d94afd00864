import Synchronization

/// The shared state of one server-streaming call: item credit, and the ordering of items
/// against the final response. No lock is held while bytes are written: an item write in
/// progress makes a concurrent final response wait in `pendingFinal`, written right after.
final class RPCServerStream: Sendable {
    private struct State {
        var credit: Int
        var open = true
        var writing = false
        var pendingFinal: [UInt8]?
        var waiter: CheckedContinuation<Bool, Never>?
    }

    let id: RPCID
    let maxCredit: Int
    private let state: Mutex<State>

    init(id: RPCID, window: Int, maxCredit: Int) {
        self.id = id
        self.maxCredit = maxCredit
        self.state = Mutex(State(credit: window))
    }

    /// Takes one unit of credit, waiting for a `$/credit` grant when there is none.
    /// Returns `false` when the stream ended or the task was cancelled.
    func acquireCredit() async -> Bool {
        let fast: Bool? = state.withLock { s in
            guard s.open else { return false }
            if s.credit > 0 {
                s.credit -= 1
                return true
            }
            return nil
        }
        if let fast { return fast }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let immediate: Bool? = state.withLock { s in
                    if !s.open || Task.isCancelled { return false }
                    if s.credit > 0 {
                        s.credit -= 1
                        return true
                    }
                    s.waiter = continuation
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { s in
                let w = s.waiter
                s.waiter = nil
                return w
            }
            waiter?.resume(returning: false)
        }
    }

    /// Adds `items` of credit (outstanding credit capped at `maxCredit`).
    func grant(_ items: Int) {
        let waiter: CheckedContinuation<Bool, Never>? = state.withLock { s in
            guard s.open else { return nil }
            s.credit = min(s.credit + items, maxCredit)
            guard let w = s.waiter else { return nil }
            s.waiter = nil
            s.credit -= 1
            return w
        }
        waiter?.resume(returning: true)
    }

    /// Writes an item frame unless the stream has ended. Returns `false` when it has.
    func writeItem(_ frame: [UInt8], to outbound: any RPCConnectionOutbound) -> Bool {
        let mayWrite = state.withLock { s in
            guard s.open, !s.writing else { return false }
            s.writing = true
            return true
        }
        guard mayWrite else { return false }
        outbound.write(frame)
        let final: [UInt8]? = state.withLock { s in
            s.writing = false
            let f = s.pendingFinal
            s.pendingFinal = nil
            return f
        }
        if let final { outbound.write(final) }
        return true
    }

    /// Ends the stream and writes its final response after any item being written.
    func finish(with response: [UInt8]?, to outbound: any RPCConnectionOutbound) {
        let (writeNow, waiter): ([UInt8]?, CheckedContinuation<Bool, Never>?) = state.withLock { s in
            s.open = false
            let w = s.waiter
            s.waiter = nil
            if s.writing {
                s.pendingFinal = response
                return (nil, w)
            }
            return (response, w)
        }
        waiter?.resume(returning: false)
        if let writeNow { outbound.write(writeNow) }
    }
}
