import Glibc
import Synchronization
import Testing

@testable import CairnWAL

@Suite struct GroupCommitTests {
    @Test func concurrentAppendersShareSyncs() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let synced = Mutex((syncs: 0, records: 0))
        let options = WALOptions(onSync: { _, records in
            synced.withLock { $0 = (syncs: $0.syncs + 1, records: $0.records + records) }
        })
        let (log, _) = try WriteAheadLog.open(directory: directory.path, options: options)
        let writers = 64
        let perWriter = 20
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for step in 0..<perWriter {
                        let index = log.append([UInt8(truncatingIfNeeded: writer), UInt8(truncatingIfNeeded: step)])
                        try await log.waitDurable(index)
                        #expect(log.durableIndex >= index)
                    }
                }
            }
            try await group.waitForAll()
        }
        let total = writers * perWriter
        #expect(log.durableIndex == UInt64(total))
        #expect(log.syncCount < total)
        #expect(synced.withLock { $0.syncs } == log.syncCount)
        #expect(synced.withLock { $0.records } == total)
        try log.close()
        let (reopened, recovery) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
        #expect(recovery.records.map(\.index) == Array(1...UInt64(total)))
        try reopened.close()
    }

    /// With nothing else in flight, the waiting writer writes and syncs its own record: the sync runs
    /// on its thread, not on the flusher thread. (The flusher thread may still take a record it finds
    /// pending when it wakes, as right after opening, so not every sync need be the writer's.)
    @Test func loneWriterSyncsOnItsOwnThread() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let syncThreads = Mutex<[pthread_t]>([])
        let options = WALOptions(onSync: { _, _ in syncThreads.withLock { $0.append(pthread_self()) } })
        let (log, _) = try WriteAheadLog.open(directory: directory.path, options: options)
        var syncedByWriter = 0
        for step in 0..<20 {
            let index = log.append([UInt8(step)])
            try await log.waitDurable(index)
            // Nothing suspends between the writer's own sync and the return; a sync on the flusher
            // thread resumes the writer on another thread.
            if syncThreads.withLock({ $0.last }) == pthread_self() { syncedByWriter += 1 }
        }
        #expect(log.syncCount == 20)
        #expect(syncedByWriter > 0)
        try log.close()
    }

    @Test func completionCallbackRunsOncePerRecord() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let (log, _) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
        let indexes = (1...50).map { log.append(payload($0)) }
        let results = try await withThrowingTaskGroup(of: UInt64.self) { group in
            for index in indexes {
                group.addTask {
                    try await withCheckedThrowingContinuation { continuation in
                        log.whenDurable(index) { result in continuation.resume(with: result.map { index }) }
                    }
                }
            }
            return try await group.reduce(into: [UInt64]()) { $0.append($1) }
        }
        #expect(results.sorted() == indexes)
        try log.close()
    }
}
