/// The UTF-8 bytes of `text`, for writing keys and values in tests.
func b(_ text: String) -> [UInt8] {
    Array(text.utf8)
}

/// Bytes from hex digits, spaces ignored: `hex("0a 03")`.
func hex(_ digits: String) -> [UInt8] {
    let clean = digits.filter { !$0.isWhitespace }.utf8.map { $0 }
    return stride(from: 0, to: clean.count, by: 2).map { index in
        UInt8(String(decoding: clean[index..<index + 2], as: UTF8.self), radix: 16)!
    }
}

/// A protobuf text-format string literal for arbitrary bytes (octal escapes for all but plain ASCII).
func textBytes(_ bytes: [UInt8]) -> String {
    var literal = "\""
    for byte in bytes {
        if (0x20...0x7E).contains(byte), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            literal.unicodeScalars.append(Unicode.Scalar(byte))
        } else {
            let octal = String(byte, radix: 8)
            literal += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
        }
    }
    return literal + "\""
}
