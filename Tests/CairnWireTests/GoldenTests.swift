import CairnWire
import Testing

/// Checks every message type against protoc on the schema in `Protos/` (protoc is the oracle).
@Suite struct GoldenTests {
    static let sets = GoldenVectorsKV.sets + GoldenVectorsServices.sets

    @Test func everyMessageTypeHasGoldenVectors() {
        #expect(Set(Self.sets.map(\.protoName)) == Set(MessageKind.all.map(\.protoName)))
        #expect(Self.sets.count == MessageKind.all.count)
    }

    /// protoc's encoding of the text decodes to our value, and our encoding is byte-for-byte protoc's.
    @Test(arguments: sets) func protocEncodingMatches(_ set: GoldenSet) throws {
        let protocBytes = try Protoc.encode(set.texts, as: set.protoName)
        try #require(protocBytes.count == set.texts.count)
        let ours = set.encodings()
        for index in set.texts.indices {
            #expect(set.mismatch(index, protocBytes[index]) == nil, "\(set.protoName) vector \(index)")
            #expect(ours[index] == protocBytes[index], "\(set.protoName) vector \(index): encoding differs from protoc")
        }
    }

    /// `protoc --decode` reads our encoding as the same message as the text it started from.
    @Test(arguments: sets) func protocDecodesOurEncoding(_ set: GoldenSet) throws {
        let ours = set.encodings()
        let reference = try Protoc.encode(set.texts, as: set.protoName)
        let texts = try Protoc.decode(ours + reference, as: set.protoName)
        try #require(texts.count == 2 * ours.count)
        for index in ours.indices {
            #expect(texts[index] == texts[ours.count + index], "\(set.protoName) vector \(index)")
        }
    }

    /// Random messages of every type: protoc decodes our bytes to text and re-encodes that text
    /// to exactly our bytes.
    @Test(arguments: MessageKind.all) func randomMessagesSurviveProtoc(_ kind: MessageKind) throws {
        var random = TestRandom(seed: 0xC0FFEE, name: kind.protoName)
        let ours = (0..<40).map { _ in kind.randomEncoding(&random) }
        let texts = try Protoc.decode(ours, as: kind.protoName)
        try #require(texts.count == ours.count)
        let again = try Protoc.encode(texts, as: kind.protoName)
        for index in ours.indices {
            #expect(again[index] == ours[index], "\(kind.protoName) random \(index): \(texts[index])")
        }
    }
}
