import NIOCore

/// A task executor that runs jobs on one NIO event loop.
///
/// Unary calls are short and their request is already decoded on the loop, so running the handler there
/// saves the two thread hops (loop to the cooperative pool and back) that otherwise cost more than a
/// point read itself. Handlers must therefore not block: everything that waits (the log's fsync, a
/// lock held for long) has to suspend instead.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
