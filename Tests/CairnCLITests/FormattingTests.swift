import CairnCLI
import Testing

@Suite("Go-compatible text helpers")
struct FormattingTests {
    @Test func goQuote() {
        #expect(GoQuote.quote("foo") == #""foo""#)
        #expect(GoQuote.quote("a\"b\\c\n\t") == #""a\"b\\c\n\t""#)
        #expect(GoQuote.quote([0x01, 0x7F, 0xFE]) == #""\x01\x7f\xfe""#)
        #expect(GoQuote.quote("ключ-🔑") == "\"ключ-🔑\"")
        #expect(GoQuote.quote("\u{200B}") == #""\u200b""#)
    }

    @Test func goDuration() {
        #expect(GoDuration.format(nanoseconds: 1_084_148) == "1.084148ms")
        #expect(GoDuration.format(nanoseconds: 812_500) == "812.5µs")
        #expect(GoDuration.format(nanoseconds: 999) == "999ns")
        #expect(GoDuration.format(nanoseconds: 2_500_000_000) == "2.5s")
        #expect(GoDuration.format(nanoseconds: 90_000_000_000) == "1m30s")
        #expect(GoDuration.format(nanoseconds: 3_723_000_000_000) == "1h2m3s")
        #expect(GoDuration.format(nanoseconds: 0) == "0s")
        #expect(GoDuration.parse("5s") == .seconds(5))
        #expect(GoDuration.parse("1.5s") == .milliseconds(1500))
        #expect(GoDuration.parse("1m30s") == .seconds(90))
        #expect(GoDuration.parse("300ms") == .milliseconds(300))
        #expect(GoDuration.parse("5") == nil)
    }

    @Test func humanBytesAndHex() {
        #expect(HumanBytes.format(20480) == "20 kB")
        #expect(HumanBytes.format(24576) == "25 kB")
        #expect(HumanBytes.format(1_500_000) == "1.5 MB")
        #expect(HumanBytes.format(9) == "9 B")
        #expect(HexText.id16(0x1234) == "0000000000001234")
        #expect(HexText.parseLeaseID("3916a21255fddd1a") == 0x3916_a212_55fd_dd1a)
        #expect(HexText.parseLeaseID("ffffffffffffffff") == nil)
        #expect(HexText.escaped([0x01, 0xAB]) == #"\x01\xab"#)
    }

    @Test func base64AndJSONStrings() {
        #expect(Base64.encode(Array("k1".utf8)) == "azE=")
        #expect(Base64.encode(Array("foo".utf8)) == "Zm9v")
        #expect(Base64.encode(Array("a".utf8)) == "YQ==")
        #expect(GoJSON.string("<a&b>\n\u{1}é").rendered == #""\u003ca\u0026b\u003e\n\u0001é""#)
        #expect(GoJSON.object([("x", .array([])), ("y", .null)]).rendered == #"{"x":[],"y":null}"#)
    }

    @Test func lineArguments() {
        #expect(LineArguments.split(#"put "a b" 'c d' e"#) == ["put", "a b", "c d", "e"])
        #expect(LineArguments.split(#"get "\x41""#) == ["get", "A"])
        #expect(LineArguments.split(#"put "unterminated"#) == nil)
    }

    @Test func globalOptionsFromEnvironmentAndFlags() throws {
        let (options, rest) = try GlobalOptions.extract(
            arguments: [
                "--endpoints=a:1,b:2", "get", "k", "-w", "json", "--hex", "--command-timeout", "10s", "--", "-x",
            ],
            environment: ["ETCDCTL_DIAL_TIMEOUT": "3s", "ETCDCTL_ENDPOINTS": "ignored:1"])
        #expect(options.endpoints == ["a:1", "b:2"])
        #expect(options.format == .json && options.hex)
        #expect(options.dialTimeout == .seconds(3) && options.commandTimeout == .seconds(10))
        #expect(rest == ["get", "k", "--", "-x"])
        let (fromEnvironment, _) = try GlobalOptions.extract(
            arguments: [], environment: ["ETCDCTL_ENDPOINTS": "c:3", "ETCDCTL_WRITE_OUT": "fields"])
        #expect(fromEnvironment.endpoints == ["c:3"] && fromEnvironment.format == .fields)
        #expect(throws: CLIError("unsupported output format yaml", exitCode: 4)) {
            try GlobalOptions.extract(arguments: ["-w", "yaml"], environment: [:])
        }
    }

    @Test func latencySummaryPercentiles() {
        let summary = LatencySummary(
            operations: 100, errors: 0, elapsed: .seconds(2), latencies: (1...100).map { .milliseconds($0) })
        #expect(summary.percentile(50) == .milliseconds(50))
        #expect(summary.percentile(99) == .milliseconds(99))
        #expect(summary.throughput == 50)
        #expect(summary.text(unit: "Requests").contains("Requests/sec:\t50.0000"))
    }
}
