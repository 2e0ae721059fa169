import CairnStore
import CairnWire
import Foundation
import Synchronization

/// A fresh data directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "cairn-store-test-" + UUID().uuidString
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A clock the test moves by hand; sleepers wake when it passes their deadline.
final class ManualClock: StoreClock {
    private struct State {
        var now: UInt64 = 1_000_000_000
        var sleepers: [Int: (deadline: UInt64, continuation: CheckedContinuation<Void, any Error>)] = [:]
        var nextSleeper = 0
        /// Callers of `waitForSleeper()`, resumed when a sleeper starts waiting.
        var sleeperWatchers: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func now() -> UInt64 { state.withLock { $0.now } }

    func advance(seconds: Double) {
        let woken = state.withLock { state in
            state.now += UInt64(seconds * 1_000_000_000)
            let due = state.sleepers.filter { $0.value.deadline <= state.now }
            for id in due.keys { state.sleepers.removeValue(forKey: id) }
            return due.values.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns once some task sleeps on this clock, so that the next `advance` is sure to reach a
    /// loop that ticks on it (rather than one still busy with its previous tick).
    func waitForSleeper() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let sleeping = state.withLock { state -> Bool in
                if !state.sleepers.isEmpty { return true }
                state.sleeperWatchers.append(continuation)
                return false
            }
            if sleeping { continuation.resume() }
        }
    }

    func sleep(until deadline: UInt64) async throws {
        let id = state.withLock { state in
            defer { state.nextSleeper += 1 }
            return state.nextSleeper
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let (ready, watchers) = state.withLock { state -> (Bool, [CheckedContinuation<Void, Never>]) in
                    if state.now >= deadline || Task.isCancelled { return (true, []) }
                    state.sleepers[id] = (deadline, continuation)
                    defer { state.sleeperWatchers = [] }
                    return (false, state.sleeperWatchers)
                }
                for watcher in watchers { watcher.resume() }
                if ready { continuation.resume() }
            }
            try Task.checkCancellation()
        } onCancel: {
            let continuation = state.withLock { $0.sleepers.removeValue(forKey: id)?.continuation }
            continuation?.resume(throwing: CancellationError())
        }
    }
}

/// Opens a store in a fresh directory (no fsync, manual clock) and closes and removes it after `body`.
func withStore<Result>(
    snapshotCount: Int = 10_000,
    maxTxnOps: Int = 128,
    clock: ManualClock = ManualClock(),
    _ body: (EmbeddedStore) async throws -> Result
) async throws -> Result {
    let directory = TemporaryDirectory()
    defer { directory.remove() }
    let store = try EmbeddedStore.open(
        StoreConfiguration(
            dataDirectory: directory.path,
            noSync: true,
            snapshotCount: snapshotCount,
            maxTxnOps: maxTxnOps,
            clock: clock
        )
    )
    do {
        let result = try await body(store)
        try await store.close()
        return result
    } catch {
        try? await store.close()
        throw error
    }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}

extension Array where Element == UInt8 {
    var string: String { String(decoding: self, as: UTF8.self) }
}

extension EmbeddedStore {
    @discardableResult
    func put(_ key: String, _ value: String, lease: Int64 = 0) async throws -> PutResponse {
        try await put(PutRequest(key: key.bytes, value: value.bytes, lease: lease))
    }

    func get(_ key: String, rangeEnd: String = "", revision: Int64 = 0) throws -> RangeResponse {
        try range(RangeRequest(key: key.bytes, rangeEnd: rangeEnd.bytes, revision: revision))
    }

    @discardableResult
    func delete(_ key: String, rangeEnd: String = "", prevKv: Bool = false) async throws -> DeleteRangeResponse {
        try await deleteRange(DeleteRangeRequest(key: key.bytes, rangeEnd: rangeEnd.bytes, prevKv: prevKv))
    }
}

/// Shortcuts for building txn operations.
enum Op {
    static func put(_ key: String, _ value: String, lease: Int64 = 0) -> RequestOp {
        RequestOp(request: .put(PutRequest(key: key.bytes, value: value.bytes, lease: lease)))
    }

    static func get(_ key: String, rangeEnd: String = "") -> RequestOp {
        RequestOp(request: .range(RangeRequest(key: key.bytes, rangeEnd: rangeEnd.bytes)))
    }

    static func delete(_ key: String, rangeEnd: String = "") -> RequestOp {
        RequestOp(request: .deleteRange(DeleteRangeRequest(key: key.bytes, rangeEnd: rangeEnd.bytes)))
    }

    static func txn(_ compare: [Compare] = [], success: [RequestOp] = [], failure: [RequestOp] = []) -> RequestOp {
        RequestOp(request: .txn(TxnRequest(compare: compare, success: success, failure: failure)))
    }
}

/// Runs `body` and returns the `EtcdError` it threw, or nil.
func etcdError(_ body: () async throws -> Void) async -> EtcdError? {
    do {
        try await body()
        return nil
    } catch let error as EtcdError {
        return error
    } catch {
        return nil
    }
}

/// A compact textual form of KeyValues: `key=value@mod/create/version`.
func summary(_ kvs: [KeyValue]) -> [String] {
    kvs.map { "\($0.key.string)=\($0.value.string)@\($0.modRevision)/\($0.createRevision)/\($0.version)" }
}
