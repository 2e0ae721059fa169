import CairnWire
import Testing

/// Random, mutated and truncated inputs to every decoder: each is either rejected with a
/// ``WireError`` or decodes to a value that re-encodes stably. A crash or hang fails the run.
@Suite struct RobustnessTests {
    /// 52 message types × 2,000 inputs each = 104,000 inputs.
    static let inputsPerType = 2_000

    @Test(arguments: MessageKind.all) func malformedInputNeverCrashes(_ kind: MessageKind) {
        var random = TestRandom(seed: 0xBAD_F00D, name: kind.protoName)
        var unstable = 0
        var accepted = 0
        for round in 0..<Self.inputsPerType {
            let input = Self.malformedInput(kind, round: round, random: &random)
            switch kind.decode(input) {
            case .rejected: break
            case .accepted(let stable):
                accepted += 1
                if !stable { unstable += 1 }
            }
        }
        #expect(unstable == 0, "\(kind.protoName): \(unstable) decoded inputs did not re-encode stably")
        #expect(accepted > 0, "\(kind.protoName): every input was rejected, so the mutations are too coarse")
    }

    /// One of: pure noise, a valid encoding with bytes flipped, truncated, spliced or extended.
    static func malformedInput(_ kind: MessageKind, round: Int, random: inout TestRandom) -> [UInt8] {
        var bytes = kind.randomEncoding(&random)
        switch round % 5 {
        case 0:
            let count = Int.random(in: 0...40, using: &random)
            return (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
        case 1:
            guard !bytes.isEmpty else { return [0xFF] }
            for _ in 0...Int.random(in: 0...3, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            return bytes
        case 2:
            guard !bytes.isEmpty else { return [0x0A] }
            return Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
        case 3:
            let other = kind.randomEncoding(&random)
            let cut = Int.random(in: 0...bytes.count, using: &random)
            return Array(bytes.prefix(cut)) + other
        default:
            let tail = (0..<Int.random(in: 1...6, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random)
            }
            let at = Int.random(in: 0...bytes.count, using: &random)
            bytes.insert(contentsOf: tail, at: at)
            return bytes
        }
    }
}
