/// Hand-built HTTP/2 frames (RFC 9113) for clients that misbehave on purpose. Header blocks use HPACK
/// literal fields without indexing and without Huffman coding, which every decoder must accept.
enum HTTP2Frames {
    static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    enum Kind: UInt8 {
        case data = 0, headers = 1, rstStream = 3, settings = 4, ping = 6, goAway = 7, windowUpdate = 8
    }

    static let endStream: UInt8 = 1
    static let endHeaders: UInt8 = 4

    static func frame(_ kind: Kind, flags: UInt8 = 0, stream: UInt32 = 0, _ payload: [UInt8] = []) -> [UInt8] {
        bigEndian(UInt32(payload.count)).dropFirst() + [kind.rawValue, flags] + bigEndian(stream) + payload
    }

    static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    /// The preface and an empty SETTINGS frame: what a client must send first.
    static let opening = preface + frame(.settings)

    static func headerBlock(_ fields: [(String, String)]) -> [UInt8] {
        fields.flatMap { name, value in
            [0] + literal(name) + literal(value)
        }
    }

    private static func literal(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        precondition(bytes.count < 127, "header field too long for a one-byte length")
        return [UInt8(bytes.count)] + bytes
    }

    /// HEADERS opening a gRPC call to `path` on `stream`.
    static func request(stream: UInt32, path: String, endStream closes: Bool = false) -> [UInt8] {
        let block = headerBlock([
            (":method", "POST"), (":scheme", "http"), (":path", path), (":authority", "127.0.0.1"),
            ("content-type", "application/grpc"), ("te", "trailers"),
        ])
        return frame(.headers, flags: endHeaders | (closes ? endStream : 0), stream: stream, block)
    }

    /// One gRPC message in a DATA frame that ends the stream.
    static func message(stream: UInt32, _ protobuf: [UInt8]) -> [UInt8] {
        frame(.data, flags: endStream, stream: stream, [0] + bigEndian(UInt32(protobuf.count)) + protobuf)
    }

    static func reset(stream: UInt32, code: UInt32 = 8) -> [UInt8] {
        frame(.rstStream, stream: stream, bigEndian(code))
    }

    /// True when `bytes` (what the server sent) hold a GOAWAY frame.
    static func containsGoAway(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while bytes.count - offset >= 9 {
            let length = Int(bytes[offset]) << 16 | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2])
            if bytes[offset + 3] == Kind.goAway.rawValue { return true }
            offset += 9 + length
        }
        return false
    }
}
