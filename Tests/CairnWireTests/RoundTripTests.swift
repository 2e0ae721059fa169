import CairnWire
import Testing

/// Seeded random messages of every type survive encode then decode unchanged.
@Suite struct RoundTripTests {
    @Test(arguments: MessageKind.all) func randomMessagesRoundTrip(_ kind: MessageKind) {
        var random = TestRandom(seed: 0x5EED_0001, name: kind.protoName)
        var failures = 0
        for _ in 0..<200 where !kind.roundTrips(&random) {
            failures += 1
        }
        #expect(failures == 0, "\(kind.protoName): \(failures) of 200 random messages changed in a round trip")
    }

    @Test func encodedBufferAndBytesAgree() throws {
        var random = TestRandom(seed: 7)
        for _ in 0..<100 {
            let response = WatchResponse.random(&random, depth: 0)
            let buffer = response.encodedBuffer()
            #expect(Array(buffer.readableBytesView) == response.encodedBytes())
            #expect(try WatchResponse(decoding: buffer) == response)
        }
    }
}
