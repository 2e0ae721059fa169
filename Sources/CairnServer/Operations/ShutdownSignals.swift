import Dispatch
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Watches for termination signals: the first one starts a graceful shutdown (``first()`` returns), every later
/// one calls `onRepeat`, which in `cairnd` exits at once.
package final class ShutdownSignals: Sendable {
    private struct State {
        var received: Int32?
        var waiters: [CheckedContinuation<Int32, Never>] = []
    }

    private let state: NIOLockedValueBox<State>
    private let sources: InstalledSources

    private init(state: NIOLockedValueBox<State>, sources: InstalledSources) {
        self.state = state
        self.sources = sources
    }

    /// Installs handlers for `signals` (default SIGTERM and SIGINT) and returns once they are registered, so a
    /// signal sent right after this returns is never missed.
    package static func install(
        signals: [Int32] = [SIGTERM, SIGINT],
        onRepeat: @escaping @Sendable (Int32) -> Void
    ) async -> ShutdownSignals {
        let state = NIOLockedValueBox(State())
        var installed: [any DispatchSourceSignal] = []
        for number in signals {
            #if canImport(Darwin)
                // Darwin's Dispatch delivers through kqueue, which ranks below the default action; Linux's
                // installs its own handler.
                signal(number, SIG_IGN)
            #endif
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let waiters = state.withLockedValue { current -> [CheckedContinuation<Int32, Never>]? in
                    guard current.received == nil else { return nil }
                    current.received = number
                    defer { current.waiters = [] }
                    return current.waiters
                }
                guard let waiters else {
                    onRepeat(number)
                    return
                }
                for waiter in waiters { waiter.resume(returning: number) }
            }
            await withCheckedContinuation { (registered: CheckedContinuation<Void, Never>) in
                source.setRegistrationHandler { registered.resume() }
                source.resume()
            }
            installed.append(source)
        }
        return ShutdownSignals(state: state, sources: InstalledSources(sources: installed))
    }

    deinit {
        sources.sources.forEach { $0.cancel() }
    }

    /// Waits for the first signal and returns its number.
    package func first() async -> Int32 {
        await withCheckedContinuation { continuation in
            let alreadyReceived = state.withLockedValue { current -> Int32? in
                if let received = current.received { return received }
                current.waiters.append(continuation)
                return nil
            }
            if let alreadyReceived { continuation.resume(returning: alreadyReceived) }
        }
    }

    /// Keeps the signal sources alive so their handlers stay installed. Dispatch sources are thread-safe, but
    /// the protocol is not annotated `Sendable`; they are only created in `install` and cancelled in `deinit`.
    private struct InstalledSources: @unchecked Sendable {
        let sources: [any DispatchSourceSignal]
    }
}
