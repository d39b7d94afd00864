/// Something that owns a file descriptor registered with an event loop: a connection, a
/// listener, a connect in progress. Every method runs on the loop's thread.
protocol EventLoopSelectable: AnyObject {
    /// Readiness for the descriptor (`EPOLLIN`, `EPOLLOUT`, `EPOLLERR`, ... bits).
    func handleEvents(_ events: UInt32)

    /// The loop is shutting down: release the descriptor now.
    func loopWillClose()
}
