import Foundation
import Synchronization
import Testing

@testable import CairnWAL

/// A full disk: the segment being appended to is a symlink to `/dev/full`, where every write fails
/// with ENOSPC.
@Suite struct WriteFailureTests {
    @Test func writeErrorFailsWaitersAndLaterAppends() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let segment = directory.file(FileNames.segment(sequence: 0, firstIndex: 1))
        try FileManager.default.createSymbolicLink(atPath: segment, withDestinationPath: "/dev/full")
        let failures = Mutex<[String]>([])
        let options = WALOptions(onFailure: { error in failures.withLock { $0.append("\(error)") } })
        let (log, recovery) = try WriteAheadLog.open(directory: directory.path, options: options)
        #expect(recovery.records.isEmpty)
        let first = log.append([1, 2, 3])
        // The flusher may fail the write before or after the wait is registered: the waiter sees the write
        // error itself, or the log already marked unusable because of it.
        let writeError = await #expect(throws: WALError.self) { try await log.waitDurable(first) }
        #expect(writeError?.description.contains("write failed for \(segment): No space left on device") == true)
        #expect(log.durableIndex == 0)
        let second = log.append([4])
        let error = await #expect(throws: WALError.self) { try await log.waitDurable(second) }
        guard case .unusable(let cause) = error else {
            Issue.record("expected the log to be unusable, got \(String(describing: error))")
            return
        }
        #expect(cause.contains("No space left on device"))
        // Reported once, with the call, the file and the errno, however many writers saw it.
        #expect(failures.withLock { $0 } == ["write failed for \(segment): No space left on device (errno 28)"])
        #expect(throws: WALError.self) { try log.close() }
    }
}
