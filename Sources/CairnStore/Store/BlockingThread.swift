#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs blocking work (encoding and syncing a snapshot) on a POSIX thread of its own, so that it
/// never occupies one of the few threads of Swift's cooperative pool.
enum BlockingThread {
    private final class Work: Sendable {
        let run: @Sendable () -> Void

        init(_ run: @escaping @Sendable () -> Void) {
            self.run = run
        }
    }

    /// Runs `body` on a new thread and returns when it has finished. Falls back to running it on
    /// the caller's thread if no thread can be created.
    static func run(_ body: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let work = Work {
                body()
                continuation.resume()
            }
            let context = Unmanaged.passRetained(work).toOpaque()
            #if canImport(Darwin)
                var thread: pthread_t?
            #else
                var thread = pthread_t()
            #endif
            let result = pthread_create(
                &thread,
                nil,
                { raw in
                    Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue().run()
                    return nil
                },
                context
            )
            if result == 0 {
                #if canImport(Darwin)
                    pthread_detach(thread!)
                #else
                    pthread_detach(thread)
                #endif
            } else {
                Unmanaged<Work>.fromOpaque(context).takeRetainedValue().run()
            }
        }
    }
}
