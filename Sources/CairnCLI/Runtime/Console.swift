#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command's output goes. The process writes straight to file descriptors 1 and 2 (no
/// buffering, so a watch shows each event at once); tests collect the bytes instead.
package protocol Console: Sendable {
    func out(_ bytes: [UInt8])
    func err(_ bytes: [UInt8])
    /// Reads one line from stdin including its `\n`; nil at end of input.
    func readLine() -> [UInt8]?
    /// Reads everything left on stdin.
    func readAll() -> [UInt8]
}

extension Console {
    package func out(_ text: String) { out(Array(text.utf8)) }
    package func err(_ text: String) { err(Array(text.utf8)) }
}

/// The process's standard streams.
package struct StandardConsole: Console {
    package init() {}

    package func out(_ bytes: [UInt8]) { Self.writeAll(bytes, to: 1) }
    package func err(_ bytes: [UInt8]) { Self.writeAll(bytes, to: 2) }

    package func readLine() -> [UInt8]? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while read(0, &byte, 1) == 1 {
            line.append(byte)
            if byte == UInt8(ascii: "\n") { return line }
        }
        return line.isEmpty ? nil : line
    }

    package func readAll() -> [UInt8] {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count <= 0 { return data }
            data += chunk[0..<count]
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }
}
