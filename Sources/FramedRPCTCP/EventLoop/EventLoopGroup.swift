import Glibc
import Synchronization

/// A fixed set of event loops, one thread each, handed out round-robin.
///
/// A server spreads its connections over the loops of its group; clients share
/// `EventLoopGroup.sharedClient`, started on first use and never shut down.
///
/// ```swift
/// let group = EventLoopGroup(threads: 2)
/// let loop = group.next()
/// await group.shutdown()
/// ```
public final class EventLoopGroup: Sendable {
    /// The loops, in round-robin order.
    public let loops: [EventLoop]
    private let counter = Atomic<Int>(0)

    /// Starts `threads` loops (at least 1), named "`name`-0", "`name`-1", ...
    /// - Parameter threads: loop count; the default is the number of online processors.
    public init(threads: Int = EventLoopGroup.coreCount, name: String = "rpc-loop") {
        loops = (0..<max(threads, 1)).map { EventLoop(name: "\(name)-\($0)") }
    }

    /// The number of online processors (at least 1).
    public static var coreCount: Int {
        max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1)
    }

    /// The group every `TCPClientTransport` uses unless given another: one loop per core,
    /// started on first use, living as long as the process.
    public static let sharedClient = EventLoopGroup(threads: coreCount, name: "rpc-client")

    /// The next loop, round-robin.
    public func next() -> EventLoop {
        let n = counter.wrappingAdd(1, ordering: .relaxed).oldValue
        return loops[Int(UInt(bitPattern: n) % UInt(loops.count))]
    }

    /// Stops every loop (closing their connections) and joins their threads.
    public func shutdown() async {
        for loop in loops { await loop.shutdown() }
    }

    /// Stops every loop and blocks until their threads have exited. Not on a loop thread.
    public func syncShutdown() {
        for loop in loops { loop.syncShutdown() }
    }
}
