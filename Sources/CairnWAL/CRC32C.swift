import CCairnCPU

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78): with the SSE4.2 `crc32` instruction where
/// the processor has it (through the CCairnCPU C target, since Swift cannot emit it), otherwise with
/// slicing-by-8 tables, which consume eight bytes per step.
package enum CRC32C {
    /// Whether `update` uses the `crc32` instruction; decided once per process.
    static let usesHardware = cairn_crc32c_hardware_available()

    /// The eight lookup tables, 256 entries each, laid out one after the other.
    private static let tables: [UInt32] = {
        let polynomial: UInt32 = 0x82F6_3B78
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ polynomial : crc >> 1
            }
            table[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = table[(slice - 1) * 256 + byte]
                table[slice * 256 + byte] = (previous >> 8) ^ table[Int(previous & 0xFF)]
            }
        }
        return table
    }()

    /// Continues a checksum over `bytes`. Start with `crc: 0`; feeding data in pieces gives the same
    /// result as feeding it at once.
    package static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard usesHardware, let base = bytes.baseAddress else { return updateInSoftware(crc, bytes) }
        return ~cairn_crc32c_hardware(~crc, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    /// `update` with the lookup tables, whatever the processor (the fallback, and the reference the
    /// tests hold the instruction to).
    static func updateInSoftware(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var state = ~crc
        tables.withUnsafeBufferPointer { table in
            var offset = 0
            let count = bytes.count
            while count - offset >= 8 {
                let low = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian ^ state
                let high = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self).littleEndian
                state =
                    table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[1 * 256 + Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
                offset += 8
            }
            while offset < count {
                state = (state >> 8) ^ table[Int((state ^ UInt32(bytes[offset])) & 0xFF)]
                offset += 1
            }
        }
        return ~state
    }

    /// Continues a checksum over the bytes of an array.
    package static func update(_ crc: UInt32, _ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { update(crc, $0) }
    }

    /// Continues a checksum over the little-endian bytes of an integer.
    package static func update<T: FixedWidthInteger>(_ crc: UInt32, integer: T) -> UInt32 {
        withUnsafeBytes(of: integer.littleEndian) { update(crc, $0) }
    }

    /// The checksum of `bytes` alone.
    package static func checksum(_ bytes: [UInt8]) -> UInt32 {
        update(0, bytes)
    }
}
