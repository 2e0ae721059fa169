import Testing

@testable import CairnWAL

/// Freshly created, still empty segments read back concurrently; meaningful under `make sanitize`
/// (ThreadSanitizer), where reading an empty file raced on the shared empty-array storage.
@Suite struct EmptySegmentTests {
    @Test func logsWithEmptySegmentsReopenConcurrently() async throws {
        let directories = (0..<8).map { _ in TemporaryDirectory() }
        defer { directories.forEach { $0.remove() } }
        for directory in directories {
            let (log, _) = try WriteAheadLog.open(directory: directory.path, options: WALOptions(noSync: true))
            try log.close()
        }
        let recovered = try await withThrowingTaskGroup(of: Int.self) { group in
            for directory in directories {
                group.addTask {
                    let (log, recovery) = try WriteAheadLog.open(
                        directory: directory.path, options: WALOptions(noSync: true))
                    try log.close()
                    let segment = try FileIO.readFile(directory.segments[0])
                    return recovery.records.count + segment.count
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(recovered == 0)
    }
}
