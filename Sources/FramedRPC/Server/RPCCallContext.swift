/// What a running call hands down to the work it starts, through task-local values.
///
/// The server sets `deadline` around every handler; `RPCClient` reads it so a downstream call
/// inherits the remaining time (WIRE.md "Deadlines").
public enum RPCCallContext {
    /// The deadline of the call this task is working for, or `nil`.
    @TaskLocal public static var deadline: ContinuousClock.Instant?
}
