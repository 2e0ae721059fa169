/// Strict UTF-8 checking for protobuf `string` fields (proto3 requires valid UTF-8).
enum UTF8Validation {
    /// The string the bytes spell, or nil when they are not well-formed UTF-8 (overlong forms,
    /// surrogates and code points above U+10FFFF are rejected).
    static func string(from raw: UnsafeRawBufferPointer) -> String? {
        guard isValid(raw) else { return nil }
        return String(decoding: raw, as: UTF8.self)
    }

    static func isValid(_ raw: UnsafeRawBufferPointer) -> Bool {
        let count = raw.count
        var index = 0
        while index < count {
            let lead = raw[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            var length = 0
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: (length, low) = (3, 0xA0)
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: (length, high) = (3, 0x9F)
            case 0xF0: (length, low) = (4, 0x90)
            case 0xF1...0xF3: length = 4
            case 0xF4: (length, high) = (4, 0x8F)
            default: return false
            }
            guard count - index >= length else { return false }
            let second = raw[index + 1]
            guard second >= low, second <= high else { return false }
            for offset in 2..<length where raw[index + offset] & 0xC0 != 0x80 {
                return false
            }
            index += length
        }
        return true
    }
}
