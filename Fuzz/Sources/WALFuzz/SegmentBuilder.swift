/// Turns fuzzer input into the files of a data directory: either raw segment bytes, or records that carry
/// valid checksums (so that the fuzzer reaches index, gap and tail handling rather than only checksum
/// failures) with the damage the input asks for.
struct SegmentBuilder {
    /// First indexes a segment may be named with, including the edges of the index space.
    static let firstIndexes: [UInt64] = [1, 2, 7, 1 << 32, .max - 1, .max]

    var input: ArraySlice<UInt8>

    mutating func byte() -> UInt8? {
        guard let value = input.first else { return nil }
        input = input.dropFirst()
        return value
    }

    /// One record in the on-disk layout: length, CRC-32C of payload then index then length, index, payload,
    /// zero padding to 8 bytes.
    static func record(index: UInt64, payload: [UInt8], breakChecksum: Bool) -> [UInt8] {
        let length = UInt32(payload.count)
        var crc = CRC32C.update(
            CRC32C.update(CRC32C.update(0, payload), CRC32C.littleEndian(index)), CRC32C.littleEndian(length))
        if breakChecksum { crc ^= 1 }
        var bytes = CRC32C.littleEndian(length) + CRC32C.littleEndian(crc) + CRC32C.littleEndian(index) + payload
        bytes += [UInt8](repeating: 0, count: (8 - bytes.count % 8) % 8)
        return bytes
    }

    /// Records from chunks `[control][length][payload]`: control bits 0-1 shift the index (next, skip one,
    /// repeat, jump back), bit 2 breaks the checksum, bit 3 cuts the record short (a torn write).
    mutating func records(firstIndex: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = firstIndex
        while let control = byte(), let length = byte() {
            let payload = Array(input.prefix(Int(length)))
            input = input.dropFirst(payload.count)
            switch control & 3 {
            case 1: index &+= 1
            case 2: index &-= 1
            case 3: index &-= 2
            default: break
            }
            var encoded = Self.record(index: index, payload: payload, breakChecksum: control & 4 != 0)
            if control & 8 != 0 { encoded.removeLast(Int(control >> 4) % encoded.count + 1) }
            bytes += encoded
            index &+= 1
        }
        return bytes
    }
}
