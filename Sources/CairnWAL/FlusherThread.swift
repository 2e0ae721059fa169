import Glibc

/// A plain POSIX thread running one closure: the flusher blocks in `fdatasync`, which must not happen
/// on a Swift concurrency executor thread.
struct FlusherThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    private let handle: pthread_t

    init(_ run: @escaping @Sendable () -> Void) throws {
        let body = Unmanaged.passRetained(Body(run)).toOpaque()
        var handle = pthread_t()
        let result = pthread_create(
            &handle, nil,
            { raw in
                Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
                return nil
            }, body)
        guard result == 0 else {
            Unmanaged<Body>.fromOpaque(body).release()
            throw WALError.io(operation: "pthread_create", path: "WAL flusher", code: result)
        }
        self.handle = handle
    }

    func join() {
        pthread_join(handle, nil)
    }
}
