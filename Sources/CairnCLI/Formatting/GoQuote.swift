/// Go's `strconv.Quote` (what etcdctl's `%q` prints): a double-quoted string where printable
/// UTF-8 stays as is and everything else is escaped the way Go escapes it.
package enum GoQuote {
    /// Quotes raw bytes, escaping invalid UTF-8 byte by byte as `\xNN`.
    package static func quote(_ bytes: [UInt8]) -> String {
        var out = "\""
        var index = 0
        while index < bytes.count {
            guard let (scalar, length) = decodeScalar(bytes, at: index) else {
                out += "\\x" + hexByte(bytes[index])
                index += 1
                continue
            }
            out += escape(scalar)
            index += length
        }
        return out + "\""
    }

    /// Quotes a Swift string.
    package static func quote(_ string: String) -> String {
        quote(Array(string.utf8))
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\u{07}": return "\\a"
        case "\u{08}": return "\\b"
        case "\u{0C}": return "\\f"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case "\u{0B}": return "\\v"
        default: break
        }
        if scalar.value < 0x80 {
            return scalar.value < 0x20 || scalar.value == 0x7F
                ? "\\x" + hexByte(UInt8(scalar.value)) : String(Character(scalar))
        }
        if isPrintable(scalar) {
            return String(Character(scalar))
        }
        if scalar.value < 0x10000 {
            return "\\u" + paddedHex(scalar.value, width: 4)
        }
        return "\\U" + paddedHex(scalar.value, width: 8)
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation and symbols (plus ASCII space).
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .spaceSeparator, .lineSeparator,
            .paragraphSeparator:
            return false
        default:
            return true
        }
    }

    /// Decodes one UTF-8 scalar starting at `index`, or nil when the bytes there are not valid UTF-8.
    static func decodeScalar(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        let first = bytes[index]
        let length: Int
        let initial: UInt32
        switch first {
        case 0..<0x80: return (Unicode.Scalar(first), 1)
        case 0xC2..<0xE0: (length, initial) = (2, UInt32(first & 0x1F))
        case 0xE0..<0xF0: (length, initial) = (3, UInt32(first & 0x0F))
        case 0xF0..<0xF5: (length, initial) = (4, UInt32(first & 0x07))
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        var value = initial
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    static func hexByte(_ byte: UInt8) -> String {
        paddedHex(UInt32(byte), width: 2)
    }

    private static func paddedHex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
