import CairnWire
import NIOCore

/// A test message whose protobuf encoding is its raw bytes (what grpcio's bytes serializers send).
/// Decoding fails when the first byte is 0xFF, to exercise unmarshalling errors.
struct Blob: WireMessage {
    var bytes: [UInt8] = []

    init() {}

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeBytes(bytes)
    }

    init(decoding buffer: ByteBuffer) throws(WireError) {
        bytes = Array(buffer.readableBytesView)
        if bytes.first == 0xFF {
            throw WireError(.truncated, message: "unexpected EOF")
        }
    }
}
