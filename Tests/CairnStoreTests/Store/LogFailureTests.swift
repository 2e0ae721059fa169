import Foundation
import Logging
import Synchronization
import Testing

@testable import CairnStore
@testable import CairnWAL

/// A failing disk: the store's first log segment is a symlink to `/dev/full`, where every write fails
/// with ENOSPC, and the failure must reach the configured logger with the file and the errno.
@Suite struct LogFailureTests {
    @Test func logWriteFailureIsLoggedWithPathAndErrno() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let segment = directory.path + "/" + FileNames.segment(sequence: 0, firstIndex: 1)
        try FileManager.default.createSymbolicLink(atPath: segment, withDestinationPath: "/dev/full")
        let entries = RecordedEntries()
        let logger = Logger(label: "test.store", factory: { _ in RecordingLogHandler(entries) })
        let store = try EmbeddedStore.open(StoreConfiguration(dataDirectory: directory.path, logger: logger))
        await #expect(throws: (any Error).self) { try await store.put("k", "v") }
        await #expect(throws: (any Error).self) { try await store.put("k", "w") }
        let logged = entries.value.withLock { $0 }
        #expect(logged.count == 1)
        #expect(logged.first?.level == .error)
        #expect(logged.first?.metadata["path"] == "\(segment)")
        #expect(logged.first?.metadata["errno"] == "\(ENOSPC)")
        #expect(logged.first?.metadata["operation"] == "write")
        try? await store.close()
    }
}

/// What a `RecordingLogHandler` received.
final class RecordedEntries: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
    }

    let value = Mutex<[Entry]>([])
}

/// A log handler that keeps every entry for the test to read.
struct RecordingLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    private let entries: RecordedEntries

    init(_ entries: RecordedEntries) {
        self.entries = entries
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let entry = RecordedEntries.Entry(
            level: event.level, message: event.message.description,
            metadata: metadata.merging(event.metadata ?? [:]) { $1 })
        entries.value.withLock { $0.append(entry) }
    }
}
