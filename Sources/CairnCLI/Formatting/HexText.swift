/// etcdctl's `--hex` rendering of keys and values: every byte as `\xNN` (lower-case hex).
package enum HexText {
    package static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        out.reserveCapacity(bytes.count * 4)
        for byte in bytes {
            out += "\\x" + GoQuote.hexByte(byte)
        }
        return out
    }

    /// A lease or member id as etcdctl prints it: lower-case hex, zero-padded to 16 digits.
    package static func id16(_ id: Int64) -> String {
        let digits = String(UInt64(bitPattern: id), radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }

    /// Parses a lease id given on the command line; etcdctl reads these as hexadecimal int64.
    package static func parseLeaseID(_ text: String) -> Int64? {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" || digits.first == "+" {
            negative = digits.first == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, let magnitude = UInt64(digits, radix: 16) else { return nil }
        if negative {
            return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }
}
