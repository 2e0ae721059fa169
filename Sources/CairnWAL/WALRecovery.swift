/// One record read back from the log: its index and the payload the store appended.
package struct WALRecord: Sendable, Equatable {
    package var index: UInt64
    package var payload: [UInt8]

    package init(index: UInt64, payload: [UInt8]) {
        self.index = index
        self.payload = payload
    }
}

/// A snapshot read back from disk: the index of the last record it covers, and its payload.
package struct WALSnapshot: Sendable, Equatable {
    package var index: UInt64
    package var payload: [UInt8]

    package init(index: UInt64, payload: [UInt8]) {
        self.index = index
        self.payload = payload
    }
}

/// What `WriteAheadLog.open` found: the newest valid snapshot and every record after it, in order.
package struct WALRecovery: Sendable {
    package var snapshot: WALSnapshot?
    package var records: [WALRecord]
}

/// What `WriteAheadLog.repair` did, if it found damage.
package struct WALRepairReport: Sendable, Equatable {
    /// The segment that was truncated (or deleted when truncated to nothing).
    package var file: String
    /// The byte offset it was cut at.
    package var offset: Int
    /// Why that point was damaged.
    package var reason: String
    /// Later segments that were deleted.
    package var removedFiles: [String]
}
