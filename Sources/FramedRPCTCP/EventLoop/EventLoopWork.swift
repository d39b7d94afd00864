/// One unit of work queued on an event loop: a closure or a Swift concurrency job.
enum EventLoopWork: Sendable {
    case closure(@Sendable () -> Void)
    case job(UnownedJob)
}
