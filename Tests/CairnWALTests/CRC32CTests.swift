import Testing

@testable import CairnWAL

@Suite struct CRC32CTests {
    @Test func knownVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum(Array(0...31)) == 0x46DD_794E)
        #expect(CRC32C.checksum([]) == 0)
    }

    /// The `crc32` instruction (where this machine has it) and the tables agree on every length and
    /// alignment, including the byte-wise tail.
    @Test func hardwareAndSoftwareAgree() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4200).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes.withUnsafeBytes { raw in
            for start in 0..<9 {
                for count in [0, 1, 3, 7, 8, 9, 15, 16, 63, 64, 65, 1000, 4096] {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[start..<(start + count)])
                    for seed: UInt32 in [0, 0xDEAD_BEEF] {
                        #expect(CRC32C.update(seed, slice) == CRC32C.updateInSoftware(seed, slice))
                    }
                }
            }
        }
        #expect(Array("123456789".utf8).withUnsafeBytes { CRC32C.updateInSoftware(0, $0) } == 0xE306_9283)
        #if arch(x86_64)
            // Every x86-64 processor since 2008 has SSE4.2.
            #expect(CRC32C.usesHardware)
        #endif
    }

    @Test func piecewiseEqualsWhole() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let whole = CRC32C.checksum(bytes)
        for split in [0, 1, 7, 8, 9, 500, 999, 1000] {
            let first = CRC32C.update(0, Array(bytes[..<split]))
            #expect(CRC32C.update(first, Array(bytes[split...])) == whole)
        }
    }
}
