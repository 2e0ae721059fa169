/// The protobuf wire types (the low three bits of a field key).
enum WireType {
    static let varint: UInt8 = 0
    static let fixed64: UInt8 = 1
    static let lengthDelimited: UInt8 = 2
    static let startGroup: UInt8 = 3
    static let endGroup: UInt8 = 4
    static let fixed32: UInt8 = 5
}

/// A decoded field key: field number and wire type.
struct WireTag {
    var fieldNumber: Int
    var wireType: UInt8
}
