import CairnWire
import NIOCore

/// What splitting a byte stream into gRPC messages produced.
struct Deframed: Equatable {
    var messages: [[UInt8]] = []
    var flags: [Bool] = []
    var error: GRPCDeframingError?
    var partial = false
}

/// The gRPC framing rules applied to the whole stream at once, as the oracle for the incremental deframer.
func referenceDeframe(_ bytes: [UInt8], limit: Int) -> Deframed {
    var result = Deframed()
    var offset = 0
    while bytes.count - offset >= 5 {
        let flag = bytes[offset]
        let length = bytes[(offset + 1)..<(offset + 5)].reduce(0) { $0 << 8 | Int($1) }
        if flag > 1 {
            result.error = .invalidCompressionFlag(flag)
            return result
        }
        if length > limit {
            result.error = .messageTooLarge(length: length, limit: limit)
            return result
        }
        guard bytes.count - offset - 5 >= length else { break }
        result.flags.append(flag == 1)
        result.messages.append(Array(bytes[(offset + 5)..<(offset + 5 + length)]))
        offset += 5 + length
    }
    result.partial = offset < bytes.count
    return result
}

/// Feeds `bytes` to a `GRPCDeframer` in chunks whose sizes cycle through `chunkSizes`.
func incrementalDeframe(_ bytes: [UInt8], limit: Int, chunkSizes: [Int]) -> Deframed {
    var deframer = GRPCDeframer(maxMessageSize: limit)
    var result = Deframed()
    var offset = 0
    var turn = 0
    while offset < bytes.count {
        let size = min(chunkSizes[turn % chunkSizes.count], bytes.count - offset)
        turn += 1
        deframer.append(ByteBuffer(bytes: bytes[offset..<(offset + size)]))
        offset += size
        do {
            while let frame = try deframer.next() {
                result.flags.append(frame.compressed)
                result.messages.append(Array(frame.message.readableBytesView))
            }
        } catch {
            result.error = error
            return result
        }
    }
    result.partial = deframer.hasPartialMessage
    return result
}

/// Size limits worth crossing: none, tiny, exactly a prefix, small, etcd's default.
let limits = [0, 1, 4, 5, 16, 255, 4 << 20]

/// libFuzzer entry: byte 0 picks the size limit, bytes 1-3 the chunk sizes, the rest is the stream.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDeframer(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data, count >= 4 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: count))
    let limit = limits[Int(input[0]) % limits.count]
    let chunkSizes = input[1..<4].map { Int($0) + 1 }
    let stream = Array(input[4...])
    let expected = referenceDeframe(stream, limit: limit)
    let actual = incrementalDeframe(stream, limit: limit, chunkSizes: chunkSizes)
    precondition(actual == expected, "deframer disagrees with the reference: \(actual) vs \(expected)")
    return 0
}
