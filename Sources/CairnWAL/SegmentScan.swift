/// The records decoded from one segment file and, if it does not end cleanly, where and why.
struct SegmentScan {
    /// A point from which the segment cannot be read.
    struct Damage {
        var offset: Int
        var reason: String
        /// Whether a valid record lies after the damage: then it cannot be a torn write at the tail.
        var validDataFollows: Bool
    }

    /// Records with an index above the `keepAbove` given to ``scan(_:firstIndex:keepAbove:)``.
    var records: [WALRecord] = []
    /// The index the next record would have.
    var nextIndex: UInt64
    /// Bytes from the start of the file up to the first damage (or the whole file).
    var validEnd = 0
    var damage: Damage?

    /// Decodes records from the start of `bytes`, which must carry consecutive indexes from `firstIndex`.
    static func scan(_ bytes: [UInt8], firstIndex: UInt64, keepAbove: UInt64) -> SegmentScan {
        bytes.withUnsafeBytes { scan($0, firstIndex: firstIndex, keepAbove: keepAbove) }
    }

    /// `scan` over borrowed bytes (a mapped segment file).
    static func scan(_ raw: UnsafeRawBufferPointer, firstIndex: UInt64, keepAbove: UInt64) -> SegmentScan {
        var result = SegmentScan(nextIndex: firstIndex)
        var offset = 0
        while offset < raw.count {
            switch RecordFormat.decode(raw, at: offset) {
            case .record(let index, let payload, let size):
                // The last index is never written: the one after it could not be represented.
                guard index == result.nextIndex, index < .max else {
                    let reason = "record index \(index) where \(result.nextIndex) was expected"
                    result.damage = Damage(offset: offset, reason: reason, validDataFollows: true)
                    result.validEnd = offset
                    return result
                }
                if index > keepAbove {
                    result.records.append(WALRecord(index: index, payload: Array(raw[payload])))
                }
                result.nextIndex += 1
                offset += size
            case .incomplete:
                result.markDamage(raw, at: offset, reason: "record runs past the end of the file")
                return result
            case .checksumMismatch:
                result.markDamage(raw, at: offset, reason: "record checksum mismatch")
                return result
            }
        }
        result.validEnd = offset
        return result
    }

    private mutating func markDamage(_ raw: UnsafeRawBufferPointer, at offset: Int, reason: String) {
        validEnd = offset
        let follows = Self.validRecordExists(raw, after: offset, minimumIndex: nextIndex)
        damage = Damage(offset: offset, reason: reason, validDataFollows: follows)
    }

    /// Looks at every aligned offset after `offset` for a record with a matching checksum whose index
    /// could belong after the damaged one. Headers with an implausible index or length are skipped before
    /// any checksum is computed, so random or zeroed bytes cost little.
    private static func validRecordExists(_ raw: UnsafeRawBufferPointer, after offset: Int, minimumIndex: UInt64)
        -> Bool
    {
        let span = UInt64(raw.count - offset) / UInt64(RecordFormat.headerSize) + 1
        let maximumIndex = minimumIndex > .max - span ? .max : minimumIndex + span
        var position = offset + 8
        while raw.count - position >= RecordFormat.headerSize {
            let length = Int(raw.loadUnaligned(fromByteOffset: position, as: UInt32.self).littleEndian)
            let index = raw.loadUnaligned(fromByteOffset: position + 8, as: UInt64.self).littleEndian
            if index >= minimumIndex, index <= maximumIndex,
                length <= raw.count - position - RecordFormat.headerSize,
                case .record = RecordFormat.decode(raw, at: position)
            {
                return true
            }
            position += 8
        }
        return false
    }
}
