import CairnWire
import NIOCore
import Testing

/// gRPC Length-Prefixed-Message framing and incremental deframing.
@Suite struct GRPCFramingTests {
    /// Every golden message of every type, framed back to back.
    static func framedStream() -> (stream: [UInt8], messages: [[UInt8]]) {
        let messages = (GoldenVectorsKV.sets + GoldenVectorsServices.sets).flatMap { $0.encodings() }
            .filter { $0.count < 4096 }
        var buffer = ByteBuffer()
        for message in messages {
            GRPCFramer.frame(ByteBuffer(bytes: message), into: &buffer)
        }
        return (Array(buffer.readableBytesView), messages)
    }

    private func drain(_ deframer: inout GRPCDeframer, into messages: inout [[UInt8]]) throws {
        while let frame = try deframer.next() {
            #expect(!frame.compressed)
            messages.append(Array(frame.message.readableBytesView))
        }
    }

    @Test func framesCarryFlagAndBigEndianLength() {
        var buffer = ByteBuffer()
        GRPCFramer.frame(ByteBuffer(bytes: [UInt8](repeating: 7, count: 0x0102)), into: &buffer)
        #expect(Array(buffer.readableBytesView.prefix(5)) == [0, 0, 0, 1, 2])
        #expect(buffer.readableBytes == 5 + 0x0102)
        var encoded = ByteBuffer()
        let message = PutRequest(key: b("k"), value: [UInt8](repeating: 1, count: 300))
        GRPCFramer.frame(message, into: &encoded)
        var viaBytes = ByteBuffer()
        GRPCFramer.frame(message.encodedBuffer(), into: &viaBytes)
        #expect(encoded == viaBytes)
    }

    /// `grpcFramed()` of a message of `Protos/` (called generically, as the transport does; it writes prefix and
    /// message into one buffer sized in advance) equals framing its encoding.
    @Test func grpcFramedEqualsFramingTheEncoding() {
        func framed(_ message: some WireMessage) -> ByteBuffer { message.grpcFramed() }
        for message in [
            PutRequest(key: b("k"), value: [UInt8](repeating: 1, count: 300)), PutRequest(),
            PutRequest(key: b("key"), lease: 7),
        ] {
            var expected = ByteBuffer()
            GRPCFramer.frame(message.encodedBuffer(), into: &expected)
            #expect(framed(message) == expected)
        }
    }

    @Test func deframerSplitsAtEverySplitPoint() throws {
        let (stream, messages) = Self.framedStream()
        #expect(messages.count > 60)
        for split in 0...stream.count {
            var deframer = GRPCDeframer(maxMessageSize: 4096)
            var received: [[UInt8]] = []
            deframer.append(ByteBuffer(bytes: stream[..<split]))
            try drain(&deframer, into: &received)
            deframer.append(ByteBuffer(bytes: stream[split...]))
            try drain(&deframer, into: &received)
            #expect(received == messages, "split at \(split)")
            #expect(!deframer.hasPartialMessage)
        }
    }

    @Test func deframerAcceptsOneByteAtATime() throws {
        let (stream, messages) = Self.framedStream()
        var deframer = GRPCDeframer(maxMessageSize: 4096)
        var received: [[UInt8]] = []
        for byte in stream {
            deframer.append(ByteBuffer(bytes: [byte]))
            try drain(&deframer, into: &received)
        }
        #expect(received == messages)
        #expect(!deframer.hasPartialMessage)
    }

    @Test func partialMessageIsReported() throws {
        var deframer = GRPCDeframer(maxMessageSize: 100)
        deframer.append(ByteBuffer(bytes: hex("00 00 00 00 03 0a 01")))
        #expect(try deframer.next() == nil)
        #expect(deframer.hasPartialMessage)
        deframer.append(ByteBuffer(bytes: hex("61")))
        #expect(try deframer.next()?.message == ByteBuffer(bytes: hex("0a 01 61")))
        #expect(!deframer.hasPartialMessage)
    }

    @Test func oversizeMessageIsRejectedFromItsPrefix() {
        var deframer = GRPCDeframer(maxMessageSize: 2_097_152)
        deframer.append(ByteBuffer(bytes: hex("00 7f ff ff ff")))
        #expect(throws: GRPCDeframingError.messageTooLarge(length: 0x7FFF_FFFF, limit: 2_097_152)) {
            try deframer.next()
        }
        let error = GRPCDeframingError.messageTooLarge(length: 2_097_153, limit: 2_097_152)
        #expect(error.status.code == .resourceExhausted)
        #expect(error.status.message == "grpc: received message larger than max (2097153 vs. 2097152)")
        var atLimit = GRPCDeframer(maxMessageSize: 3)
        atLimit.append(ByteBuffer(bytes: hex("00 00 00 00 03 0a 01 61")))
        #expect((try? atLimit.next()) != nil)
    }

    @Test func compressedFlagIsReportedAndOtherFlagsRejected() throws {
        var deframer = GRPCDeframer(maxMessageSize: 10)
        deframer.append(ByteBuffer(bytes: hex("01 00 00 00 01 ff")))
        #expect(try deframer.next()?.compressed == true)
        var invalid = GRPCDeframer(maxMessageSize: 10)
        invalid.append(ByteBuffer(bytes: hex("02 00 00 00 00")))
        #expect(throws: GRPCDeframingError.invalidCompressionFlag(2)) { try invalid.next() }
        #expect(GRPCDeframingError.invalidCompressionFlag(2).status.code == .internalError)
    }
}
