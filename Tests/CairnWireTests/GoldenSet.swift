import CairnWire

/// Golden vectors for one message type: values paired with the protobuf text format protoc reads.
struct GoldenSet: Sendable, CustomStringConvertible {
    let protoName: String
    let texts: [String]
    /// Our encodings of the values, in order.
    let encodings: @Sendable () -> [[UInt8]]
    /// Decodes `bytes` and compares with value `index`; nil when equal, otherwise what went wrong.
    let mismatch: @Sendable (_ index: Int, _ bytes: [UInt8]) -> String?

    var description: String { protoName }

    init<M: WireMessage>(_ protoName: String, _ cases: [(M, String)]) {
        self.protoName = protoName
        self.texts = cases.map(\.1)
        let values = cases.map(\.0)
        self.encodings = { values.map { $0.encodedBytes() } }
        self.mismatch = { index, bytes in
            do {
                let decoded = try M(decoding: bytes)
                return decoded == values[index] ? nil : "decoded \(decoded), expected \(values[index])"
            } catch {
                return "decoding failed: \(error)"
            }
        }
    }
}
