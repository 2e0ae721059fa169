import Glibc

/// Everything that can go wrong with the write-ahead log, each with a message an operator can act on.
package enum WALError: Error, Equatable, CustomStringConvertible {
    /// Another process (or another open in this process) holds the data directory's lock.
    case locked(directory: String)
    /// A damaged record (or a gap in the record indexes) with valid data after it.
    case corrupt(file: String, offset: Int, reason: String)
    /// A system call failed.
    case io(operation: String, path: String, code: Int32)
    /// The log was closed, or the record was appended after `close()` began.
    case closed
    /// `waitDurable` was asked about an index that was never appended.
    case unknownIndex(UInt64, lastIndex: UInt64)
    /// A snapshot may not claim records that were never appended.
    case snapshotBeyondLog(index: UInt64, lastIndex: UInt64)
    /// An earlier write or sync failed; the log accepts nothing more until it is reopened.
    case unusable(cause: String)

    package var description: String {
        switch self {
        case .locked(let directory):
            return "data directory \(directory) is locked: another cairnd (or another open of the same "
                + "directory in this process) holds it"
        case .corrupt(let file, let offset, let reason):
            let directory = FileNames.directory(of: file)
            return "write-ahead log file \(file) is damaged at byte offset \(offset) (\(reason)) and valid "
                + "records follow it, so this is not a torn write. To start anyway, repair the log with "
                + "WriteAheadLog.repair(directory: \"\(directory)\"): it truncates the log at that offset "
                + "and deletes the later segments, losing every record from there on"
        case .io(let operation, let path, let code):
            return "\(operation) failed for \(path): \(String(cString: strerror(code))) (errno \(code))"
        case .closed:
            return "the write-ahead log is closed"
        case .unknownIndex(let index, let lastIndex):
            return "record \(index) was never appended (last index is \(lastIndex))"
        case .snapshotBeyondLog(let index, let lastIndex):
            return "a snapshot at index \(index) is beyond the last appended record \(lastIndex)"
        case .unusable(let cause):
            return "the write-ahead log failed earlier (\(cause)) and must be reopened"
        }
    }
}
