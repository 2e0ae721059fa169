import CairnStore
import CairnWire
import Synchronization

/// A small in-memory MVCC history that feeds a hub the way the store does: each write gets the
/// next revision, is appended to the history and then published.
final class FakeHistory: WatchHistorySource {
    private struct State {
        var current: Int64 = 1
        var compacted: Int64 = 0
        var live: [[UInt8]: KeyValue] = [:]
        var log: [Event] = []
        var fullLog: [Event] = []
    }

    private let state = Mutex(State())
    /// Counts history reads, to show that a parked watcher does not read while its client is idle.
    let historyReads = Atomic<Int>(0)

    var currentRevision: Int64 { state.withLock { $0.current } }
    var compactRevision: Int64 { state.withLock { $0.compacted } }

    func events(from revision: Int64, key: [UInt8], rangeEnd: [UInt8], limitRevisions: Int) throws -> [Event] {
        historyReads.add(1, ordering: .relaxed)
        return try state.withLock { state in
            if revision < state.compacted {
                throw EtcdError.compacted
            }
            let range = WatchKeyRange(key: key, rangeEnd: rangeEnd)
            let last = revision + Int64(limitRevisions) - 1
            return state.log.filter {
                $0.kv!.modRevision >= revision && $0.kv!.modRevision <= last && range.contains($0.kv!.key)
            }
        }
    }

    /// One write of several operations in one revision (`nil` value = delete), published to
    /// `hub` before the next write can start. Returns the revision, unchanged when nothing changed.
    @discardableResult
    func write(_ operations: [(key: String, value: String?)], publishTo hub: WatchHub?) -> Int64 {
        state.withLock { state in
            state.current += 1
            let revision = state.current
            var events: [Event] = []
            for (key, value) in operations {
                let keyBytes = Array(key.utf8)
                let previous = state.live[keyBytes]
                if let value {
                    let kv = KeyValue(
                        key: keyBytes,
                        createRevision: previous?.createRevision ?? revision,
                        modRevision: revision,
                        version: (previous?.version ?? 0) + 1,
                        value: Array(value.utf8)
                    )
                    state.live[keyBytes] = kv
                    events.append(Event(type: .put, kv: kv, prevKv: previous))
                } else if let previous {
                    state.live[keyBytes] = nil
                    events.append(
                        Event(type: .delete, kv: KeyValue(key: keyBytes, modRevision: revision), prevKv: previous)
                    )
                }
            }
            if events.isEmpty {
                state.current -= 1
                return state.current
            }
            state.log.append(contentsOf: events)
            state.fullLog.append(contentsOf: events)
            hub?.publish(revision: revision, events: events)
            return revision
        }
    }

    @discardableResult
    func put(_ key: String, _ value: String, publishTo hub: WatchHub?) -> Int64 {
        write([(key, value)], publishTo: hub)
    }

    @discardableResult
    func delete(_ key: String, publishTo hub: WatchHub?) -> Int64 {
        write([(key, nil)], publishTo: hub)
    }

    func compact(at revision: Int64) {
        state.withLock { state in
            state.compacted = max(state.compacted, revision)
            state.log.removeAll { $0.kv!.modRevision < state.compacted }
        }
    }

    /// Every event of the history from `revision` on that a watcher on `range` should see.
    func expected(_ range: WatchKeyRange, from revision: Int64) -> [Event] {
        state.withLock { state in
            state.fullLog.filter { $0.kv!.modRevision >= revision && range.contains($0.kv!.key) }
        }
    }
}
