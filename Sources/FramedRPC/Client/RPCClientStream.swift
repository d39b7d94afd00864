import FramedJSON
import Synchronization

/// The receiving state of one streaming call on the client: items buffered in order (never
/// more than the window the server may send), then the final result or error.
final class RPCClientStream: Sendable {
    private struct State {
        var items: [JSONValue] = []
        var head = 0
        var final: Result<JSONValue, RPCError>?
        var waiter: CheckedContinuation<Void, Never>?
        var consumedSinceGrant = 0
    }

    let window: Int
    private let state = Mutex(State())

    init(window: Int) {
        self.window = window
    }

    func push(_ item: JSONValue) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard s.final == nil else { return nil }
            s.items.append(item)
            let w = s.waiter
            s.waiter = nil
            return w
        }
        waiter?.resume()
    }

    /// Ends the stream; the first ending wins.
    func finish(_ result: Result<JSONValue, RPCError>) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard s.final == nil else { return nil }
            s.final = result
            let w = s.waiter
            s.waiter = nil
            return w
        }
        waiter?.resume()
    }

    enum Next {
        case item(JSONValue, grant: Int)
        case end(Result<JSONValue, RPCError>)
    }

    /// The next item (and how much credit to grant now), or the end. Buffered items come
    /// before a successful end; a failure ends the stream at once.
    func next() async -> Next {
        while true {
            let ready: Next? = state.withLock { s in
                if case .failure(let e)? = s.final { return .end(.failure(e)) }
                if s.head < s.items.count {
                    let item = s.items[s.head]
                    s.items[s.head] = .null
                    s.head += 1
                    if s.head == s.items.count {
                        s.items.removeAll(keepingCapacity: true)
                        s.head = 0
                    }
                    s.consumedSinceGrant += 1
                    var grant = 0
                    if s.final == nil && s.consumedSinceGrant >= max(1, window / 2) {
                        grant = s.consumedSinceGrant
                        s.consumedSinceGrant = 0
                    }
                    return .item(item, grant: grant)
                }
                if let final = s.final { return .end(final) }
                return nil
            }
            if let ready { return ready }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { s -> Bool in
                    if s.final != nil || s.head < s.items.count { return true }
                    s.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        }
    }
}
