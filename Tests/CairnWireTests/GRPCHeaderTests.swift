import CairnWire
import Testing

/// `grpc-message` percent-encoding and `grpc-timeout` values.
@Suite struct GRPCHeaderTests {
    @Test func percentEncodingLeavesPrintableASCII() {
        let etcd = "etcdserver: mvcc: required revision has been compacted"
        #expect(GRPCMessageCoding.percentEncode(etcd) == etcd)
        #expect(GRPCMessageCoding.percentEncode(#"grpc: "gzip" ~"#) == #"grpc: "gzip" ~"#)
        #expect(GRPCMessageCoding.percentEncode("100%") == "100%25")
        #expect(GRPCMessageCoding.percentEncode("a\nb\tc\u{7F}") == "a%0Ab%09c%7F")
        #expect(GRPCMessageCoding.percentEncode("é") == "%C3%A9")
        #expect(GRPCMessageCoding.percentEncode("") == "")
    }

    @Test func percentDecodingIsLenient() {
        #expect(GRPCMessageCoding.percentDecode("100%25") == "100%")
        #expect(GRPCMessageCoding.percentDecode("%C3%a9") == "é")
        #expect(GRPCMessageCoding.percentDecode("a%2") == "a%2")
        #expect(GRPCMessageCoding.percentDecode("%zz%") == "%zz%")
        #expect(GRPCMessageCoding.percentDecode("%%41") == "%A")
    }

    @Test func percentCodingRoundTrips() {
        var random = TestRandom(seed: 11)
        for _ in 0..<500 {
            let text = random.string() + String(UnicodeScalar(UInt8.random(in: 0...127, using: &random)))
            #expect(GRPCMessageCoding.percentDecode(GRPCMessageCoding.percentEncode(text)) == text)
        }
    }

    @Test func timeoutParsing() {
        #expect(GRPCTimeout.parse("4998982u") == .microseconds(4_998_982))
        #expect(GRPCTimeout.parse("5S") == .seconds(5))
        #expect(GRPCTimeout.parse("4999m") == .milliseconds(4999))
        #expect(GRPCTimeout.parse("2H") == .seconds(7200))
        #expect(GRPCTimeout.parse("3M") == .seconds(180))
        #expect(GRPCTimeout.parse("10n") == .nanoseconds(10))
        #expect(GRPCTimeout.parse("99999999H") == .seconds(99_999_999 * 3600))
        for malformed in ["", "S", "5", "123456789S", "5s", "-5S", "5 S", "1.5S", "٣S"] {
            #expect(GRPCTimeout.parse(malformed) == nil, "\(malformed)")
        }
    }

    @Test func timeoutFormatting() {
        #expect(GRPCTimeout.format(.seconds(5)) == "5000000u")
        #expect(GRPCTimeout.format(.nanoseconds(10)) == "10n")
        #expect(GRPCTimeout.format(.milliseconds(4999)) == "4999000u")
        #expect(GRPCTimeout.format(.seconds(100)) == "100000m")
        #expect(GRPCTimeout.format(.seconds(1_000_000)) == "1000000S")
        #expect(GRPCTimeout.format(.nanoseconds(100_000_001)) == "100001u")
        #expect(GRPCTimeout.format(.zero) == "0n")
        #expect(GRPCTimeout.format(.seconds(-3)) == "0n")
        #expect(GRPCTimeout.format(.seconds(Int64.max)) == "99999999H")
        #expect(GRPCTimeout.format(.seconds(365 * 86400)) == "31536000S")
        #expect(GRPCTimeout.format(.seconds(4 * 365 * 86400)) == "2102400M")
        #expect(GRPCTimeout.format(.seconds(400 * 365 * 86400)) == "3504000H")
    }

    @Test func formattedTimeoutsParseToNoLessThanTheOriginal() {
        var random = TestRandom(seed: 3)
        for _ in 0..<1000 {
            let duration = Duration.nanoseconds(Int64.random(in: 1...(1 << 50), using: &random))
            let parsed = GRPCTimeout.parse(GRPCTimeout.format(duration))
            #expect(parsed.map { $0 >= duration } == true, "\(duration)")
        }
    }
}
