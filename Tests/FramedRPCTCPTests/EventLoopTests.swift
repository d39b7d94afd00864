import FramedRPCTCP
import Synchronization
import Testing

@Suite("Event loop")
struct EventLoopTests {
    @Test("a task preferring the loop as executor runs on the loop thread")
    func taskExecutor() async throws {
        let loop = EventLoop(name: "test-loop")
        let results = await Task(executorPreference: loop) { () -> [Bool] in
            var seen = [loop.inEventLoop]
            await Task.yield()
            seen.append(loop.inEventLoop)
            try? await Task.sleep(for: .milliseconds(1))
            seen.append(loop.inEventLoop)
            return seen
        }.value
        #expect(results == [true, true, true])
        #expect(loop.inEventLoop == false)
        await loop.shutdown()
    }

    @Test("closures from other threads and from the loop itself run in order on the loop")
    func executeOrder() async throws {
        let loop = EventLoop(name: "test-loop")
        let order = Locked<[Int]>([])
        for index in 0..<100 {
            loop.execute {
                precondition(loop.inEventLoop)
                order.withLock { $0.append(index) }
                if index == 99 { loop.execute { order.withLock { $0.append(100) } } }
            }
        }
        #expect(await eventually { order.value.count == 101 })
        #expect(order.value == Array(0...100))
        await loop.shutdown()
    }

    @Test("timers fire in deadline order, not scheduling order")
    func timers() async throws {
        let loop = EventLoop(name: "test-loop")
        let fired = Locked<[Int]>([])
        loop.schedule(after: .milliseconds(60)) { fired.withLock { $0.append(3) } }
        loop.schedule(after: .milliseconds(20)) { fired.withLock { $0.append(1) } }
        loop.schedule(after: .milliseconds(40)) { fired.withLock { $0.append(2) } }
        #expect(await eventually { fired.value.count == 3 })
        #expect(fired.value == [1, 2, 3])
        await loop.shutdown()
    }

    @Test("a group hands out its loops round-robin and shuts down cleanly")
    func groupRoundRobin() async throws {
        let group = EventLoopGroup(threads: 3)
        let picked = (0..<6).map { _ in group.next() }
        #expect(picked[0] === picked[3] && picked[1] === picked[4] && picked[2] === picked[5])
        #expect(picked[0] !== picked[1] && picked[1] !== picked[2])
        group.syncShutdown()
        #expect(group.loops[0].execute {} == false)
    }

    @Test("jobs enqueued after shutdown still run, on the global executor")
    func jobsAfterShutdown() async throws {
        let loop = EventLoop(name: "test-loop")
        await loop.shutdown()
        let value = await Task(executorPreference: loop) { 42 }.value
        #expect(value == 42)
    }
}
