/// How `partner-conformance serve` misbehaves, within what `Protocol/WIRE.md` allows a server,
/// so a client library can be held to the client side of the protocol.
///
/// Every script answers `Health.Check`, `Customers.Get` (a customer whose `id` is the
/// requested `customerId`), `Events.Watch` (``ServeFixtures/streamLength`` events, then
/// `{"count": n}`) and `$/ping`; other methods get -32601.
public enum ServeScript: String, Sendable, CaseIterable {
    /// Answers are held until 8 calls are waiting (or 100 ms pass) and sent newest first.
    case outOfOrder = "out-of-order"
    /// Every frame goes out one byte per `send`, so frames and length prefixes are split.
    case splitFrames = "split-frames"
    /// Answers are held and written several frames to one `send`.
    case coalesced
    /// After the third call on a connection: `$/goaway` (grace 2 s), the calls already received
    /// are answered, a call sent after the goaway gets UNAVAILABLE, then the connection closes.
    case goaway
    /// `Events.Watch` items come 10 ms apart, never past the client's credit (§10.2).
    case slowStream = "slow-stream"
    /// Results, error data and details carry members the document does not define, and an
    /// unknown server notification precedes every answer (§2.1, §3.3, §5.1).
    case unknownFields = "unknown-fields"
    /// The first call on the server's first connection is met by closing the connection (§2.4);
    /// later connections are served normally.
    case dropFirstCall = "drop-first-call"
    /// `Customers.Get` fails with an `error.code` and `data.status` no version defines.
    case unknownStatus = "unknown-status"

    /// One line on what the script does, for `serve --help`.
    public var summary: String {
        switch self {
        case .outOfOrder: "answers held in groups of 8 and sent newest first"
        case .splitFrames: "every frame written one byte per send"
        case .coalesced: "several answers written in one send"
        case .goaway: "$/goaway after the third call, then drain and close"
        case .slowStream: "Events.Watch items 10 ms apart, within the client's credit"
        case .unknownFields: "unknown members in results and errors, unknown notifications"
        case .dropFirstCall: "the first call on the first connection closes it"
        case .unknownStatus: "errors with a status no version defines"
        }
    }
}
