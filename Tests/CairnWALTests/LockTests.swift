import Testing

@testable import CairnWAL

@Suite struct LockTests {
    @Test func secondOpenOfTheSameDirectoryFails() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let (log, _) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
        #expect(throws: WALError.locked(directory: directory.path)) {
            _ = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
        }
        #expect(throws: WALError.locked(directory: directory.path)) {
            _ = try WriteAheadLog.repair(directory: directory.path)
        }
        let message = WALError.locked(directory: directory.path).description
        #expect(message.contains(directory.path) && message.contains("another cairnd"))
        try log.close()
        let (again, _) = try WriteAheadLog.open(directory: directory.path, options: WALOptions())
        try again.close()
    }
}
