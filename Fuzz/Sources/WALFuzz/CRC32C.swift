/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit: the harness's own checksum, so that
/// it can build records the log accepts without using the code under test.
enum CRC32C {
    static func update(_ crc: UInt32, _ bytes: some Sequence<UInt8>) -> UInt32 {
        var value = ~crc
        for byte in bytes {
            value ^= UInt32(byte)
            for _ in 0..<8 {
                value = value & 1 == 1 ? (value >> 1) ^ 0x82F6_3B78 : value >> 1
            }
        }
        return ~value
    }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
