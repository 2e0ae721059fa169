/// Encoded sizes of protobuf fields, mirroring ``WireWriter`` (same omission rules), so that a
/// message's size is known before any byte is written.
enum WireSize {
    @inline(__always)
    static func varint(_ value: UInt64) -> Int {
        let bits = 64 - (value | 1).leadingZeroBitCount
        return (bits + 6) / 7
    }

    @inline(__always)
    static func key(_ field: Int) -> Int {
        varint(UInt64(truncatingIfNeeded: field) << 3)
    }

    static func int64(_ field: Int, _ value: Int64) -> Int {
        value == 0 ? 0 : key(field) + varint(UInt64(bitPattern: value))
    }

    static func uint64(_ field: Int, _ value: UInt64) -> Int {
        value == 0 ? 0 : key(field) + varint(value)
    }

    static func uint32(_ field: Int, _ value: UInt32) -> Int {
        value == 0 ? 0 : key(field) + varint(UInt64(value))
    }

    static func bool(_ field: Int, _ value: Bool) -> Int {
        value ? key(field) + 1 : 0
    }

    static func enumValue<E: WireEnum>(_ field: Int, _ value: E) -> Int {
        value.rawValue == 0 ? 0 : key(field) + varint(UInt64(bitPattern: Int64(value.rawValue)))
    }

    static func bytes(_ field: Int, _ value: [UInt8]) -> Int {
        value.isEmpty ? 0 : lengthDelimited(field, value.count)
    }

    static func string(_ field: Int, _ value: String) -> Int {
        value.isEmpty ? 0 : lengthDelimited(field, value.utf8.count)
    }

    static func message<M: WireCodable>(_ field: Int, _ value: M?) -> Int {
        guard let value else { return 0 }
        return lengthDelimited(field, value.encodedSize)
    }

    static func messages<M: WireCodable>(_ field: Int, _ values: [M]) -> Int {
        var total = 0
        for value in values {
            total += lengthDelimited(field, value.encodedSize)
        }
        return total
    }

    static func repeatedBytes(_ field: Int, _ values: [[UInt8]]) -> Int {
        var total = 0
        for value in values {
            total += lengthDelimited(field, value.count)
        }
        return total
    }

    static func repeatedStrings(_ field: Int, _ values: [String]) -> Int {
        var total = 0
        for value in values {
            total += lengthDelimited(field, value.utf8.count)
        }
        return total
    }

    static func packedEnums<E: WireEnum>(_ field: Int, _ values: [E]) -> Int {
        values.isEmpty ? 0 : lengthDelimited(field, packedEnumsPayload(values))
    }

    static func packedEnumsPayload<E: WireEnum>(_ values: [E]) -> Int {
        var total = 0
        for value in values {
            total += varint(UInt64(bitPattern: Int64(value.rawValue)))
        }
        return total
    }

    /// A oneof member is written even when it holds the default value.
    static func oneofInt64(_ field: Int, _ value: Int64) -> Int {
        key(field) + varint(UInt64(bitPattern: value))
    }

    static func oneofBytes(_ field: Int, _ value: [UInt8]) -> Int {
        lengthDelimited(field, value.count)
    }

    static func oneofMessage<M: WireCodable>(_ field: Int, _ value: M) -> Int {
        lengthDelimited(field, value.encodedSize)
    }

    @inline(__always)
    static func lengthDelimited(_ field: Int, _ payload: Int) -> Int {
        key(field) + varint(UInt64(truncatingIfNeeded: payload)) + payload
    }
}
