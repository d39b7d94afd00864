import FramedRPC
import PartnerAPI
import Synchronization

/// Every write the crash test's clients sent, and what the server acknowledged for it.
///
/// "Acknowledged" means the client received the success answer: the server promises such a
/// write is on disk. A write whose call failed with UNAVAILABLE (the server was killed while it
/// ran) has an unknown outcome; when it carried an idempotency key it is kept in `pending` and
/// sent again after the restart, where it must be answered (replayed or run once).
final class CrashLedger: Sendable {
    /// One write call, as sent.
    enum Call: Sendable {
        case create(Customers.CreateRequest)
        case place(Orders.PlaceRequest)
        case seats(Subscriptions.ChangeSeatsRequest)
    }

    /// An acknowledged write: the call, its idempotency key, the answer.
    struct Ack: Sendable {
        enum Answer: Sendable, Equatable {
            case customer(Customer)
            case placed(Orders.PlaceResponse)
            case subscription(Subscription)
        }
        var call: Call
        var key: String?
        var answer: Answer
        var round: Int
    }

    struct State: Sendable {
        var acks: [Ack] = []
        var pending: [(call: Call, key: String, round: Int)] = []
        var unexpected: [String] = []
        /// Calls cut off by a kill (their outcome unknown), keyed or not.
        var cutOff = 0
        /// Customers without a subscription yet (orders go there), and subscriptions (seat changes).
        var customersToOrder: [String] = []
        var subscriptions: [String] = []
    }

    private let state = Mutex(State())

    var snapshot: State { state.withLock { $0 } }

    func acknowledged(_ call: Call, key: String?, answer: Ack.Answer, round: Int) {
        state.withLock { state in
            state.acks.append(Ack(call: call, key: key, answer: answer, round: round))
            switch answer {
            case .customer(let customer): state.customersToOrder.append(customer.id)
            case .placed(let placed):
                state.customersToOrder.removeAll { $0 == placed.order.customerId }
                if !state.subscriptions.contains(placed.subscription.id) {
                    state.subscriptions.append(placed.subscription.id)
                }
            case .subscription: break
            }
        }
    }

    /// A call whose outcome is unknown (connection lost); a keyed one is retried after the restart.
    func unknown(_ call: Call, key: String?, round: Int) {
        state.withLock { state in
            state.cutOff += 1
            if let key { state.pending.append((call, key, round)) }
        }
    }

    /// Takes the pending calls for retrying.
    func takePending() -> [(call: Call, key: String, round: Int)] {
        state.withLock { state in
            defer { state.pending = [] }
            return state.pending
        }
    }

    /// An answer no write may get (INTERNAL, UNKNOWN, DATA_LOSS, a malformed answer).
    func unexpected(_ text: String) { state.withLock { $0.unexpected.append(text) } }

    /// Acknowledged writes so far this round (the kill waits for some).
    func ackCount(round: Int) -> Int { state.withLock { $0.acks.lazy.filter { $0.round == round }.count } }
}

/// A small seedable generator (SplitMix64), so a failing run can be replayed with its seed.
struct CrashRandom: RandomNumberGenerator, Sendable {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
