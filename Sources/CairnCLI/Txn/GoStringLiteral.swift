/// Reads Go string literals (`"..."` with Go escapes, or `` `raw` ``) as `fmt.Sscanf("%q")` does,
/// which is how etcdctl reads the keys and values in `txn` compare lines.
package enum GoStringLiteral {
    /// Scans one literal at the start of `text` (leading spaces skipped). Returns its bytes and
    /// the text after the closing quote, or nil when there is no well-formed literal.
    package static func scan(_ text: Substring) -> (value: [UInt8], rest: Substring)? {
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" })
        var scalars = trimmed.unicodeScalars[...]
        guard let quote = scalars.popFirst() else { return nil }
        if quote == "`" {
            guard let end = scalars.firstIndex(of: "`") else { return nil }
            let value = Array(String(scalars[scalars.startIndex..<end]).utf8)
            return (value, Substring(scalars[scalars.index(after: end)...]))
        }
        guard quote == "\"" else { return nil }
        var value: [UInt8] = []
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\"":
                return (value, Substring(scalars))
            case "\\":
                guard let escaped = unescape(&scalars) else { return nil }
                value += escaped
            case "\n":
                return nil
            default:
                value += Array(String(Character(scalar)).utf8)
            }
        }
        return nil
    }

    /// Decodes the escape sequence after a backslash.
    private static func unescape(_ scalars: inout Substring.UnicodeScalarView) -> [UInt8]? {
        guard let code = scalars.popFirst() else { return nil }
        switch code {
        case "a": return [0x07]
        case "b": return [0x08]
        case "f": return [0x0C]
        case "n": return [0x0A]
        case "r": return [0x0D]
        case "t": return [0x09]
        case "v": return [0x0B]
        case "\\": return [0x5C]
        case "\"": return [0x22]
        case "'": return [0x27]
        case "x":
            return digits(&scalars, count: 2, radix: 16).map { [UInt8($0)] }
        case "0"..."7":
            guard let rest = digits(&scalars, count: 2, radix: 8) else { return nil }
            let value = UInt32(code.value - 48) * 64 + rest
            return value <= 0xFF ? [UInt8(value)] : nil
        case "u", "U":
            guard let value = digits(&scalars, count: code == "u" ? 4 : 8, radix: 16),
                let scalar = Unicode.Scalar(value)
            else { return nil }
            return Array(String(Character(scalar)).utf8)
        default:
            return nil
        }
    }

    private static func digits(_ scalars: inout Substring.UnicodeScalarView, count: Int, radix: UInt32) -> UInt32? {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let scalar = scalars.popFirst(), let digit = Character(scalar).hexDigitValue,
                UInt32(digit) < radix
            else { return nil }
            value = value * radix + UInt32(digit)
        }
        return value
    }
}
