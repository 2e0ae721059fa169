import NIOCore

/// A task executor that runs jobs on one NIO event loop.
///
/// The `.later` part of an immediate unary handler (a read waiting for its barrier) runs here, so it needs
/// no thread hop to start or to send its answer, which would cost more than the read itself. It must
/// therefore not block: everything that waits has to suspend instead.
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
