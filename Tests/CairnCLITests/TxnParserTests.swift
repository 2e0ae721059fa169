import CairnCLI
import CairnWire
import Testing

@Suite("txn input parser")
struct TxnParserTests {
    let parser = TxnInputParser(context: CLIContext(options: GlobalOptions(), console: CapturingConsole()))

    @Test func comparesAsEtcdctlSendsThem() throws {
        let mod = try TxnInputParser.parseCompare(#"mod("k1") = "0""#)
        #expect(mod.target == .mod && mod.result == .equal && mod.key == Array("k1".utf8))
        #expect(mod.targetUnion == .modRevision(0))
        let value = try TxnInputParser.parseCompare(#"value("k1") = "created""#)
        #expect(value.target == .value && value.targetUnion == .value(Array("created".utf8)))
        let version = try TxnInputParser.parseCompare(#"version("k1") > "0""#)
        #expect(version.result == .greater && version.targetUnion == .version(0))
        let create = try TxnInputParser.parseCompare(#"c("a b") != "12""#)
        #expect(
            create.result == .notEqual && create.key == Array("a b".utf8) && create.targetUnion == .createRevision(12))
        let lease = try TxnInputParser.parseCompare(#"lease("k") < "7""#)
        #expect(lease.result == .less && lease.targetUnion == .lease(7))
        let escaped = try TxnInputParser.parseCompare(#"val("\x01\n") = "\u00e9""#)
        #expect(escaped.key == [0x01, 0x0A] && escaped.targetUnion == .value([0xC3, 0xA9]))
    }

    @Test func malformedComparesAreRejectedWithEtcdctlText() {
        #expect(throws: CLIError("malformed comparison: nonsense", exitCode: 3)) {
            try TxnInputParser.parseCompare("nonsense")
        }
        #expect(throws: CLIError(#"malformed comparison: foo("k") = "1" (unknown target foo)"#, exitCode: 3)) {
            try TxnInputParser.parseCompare(#"foo("k") = "1""#)
        }
        #expect(throws: CLIError(#"invalid txn compare request: mod("k") = "x""#, exitCode: 3)) {
            try TxnInputParser.parseCompare(#"mod("k") = "x""#)
        }
    }

    @Test func operationsUseTheCommandFlags() throws {
        let put = try parser.parseOperation("put k2 x --prev-kv")
        guard case .put(let request)? = put.request else { throw CLIError("not a put") }
        #expect(request.key == Array("k2".utf8) && request.value == Array("x".utf8) && request.prevKv)
        let delete = try parser.parseOperation("del k1 --prev-kv")
        guard case .deleteRange(let deleteRequest)? = delete.request else { throw CLIError("not a delete") }
        #expect(deleteRequest.key == Array("k1".utf8) && deleteRequest.prevKv)
        let get = try parser.parseOperation("get p --prefix --limit=2")
        guard case .range(let range)? = get.request else { throw CLIError("not a get") }
        #expect(range.rangeEnd == Array("q".utf8) && range.limit == 2)
        let quoted = try parser.parseOperation(#"put "a key" 'single quoted'"#)
        guard case .put(let quotedPut)? = quoted.request else { throw CLIError("not a put") }
        #expect(quotedPut.key == Array("a key".utf8) && quotedPut.value == Array("single quoted".utf8))
        #expect(throws: CLIError("invalid txn request: watch k", exitCode: 3)) {
            try parser.parseOperation("watch k")
        }
        #expect(throws: CLIError("invalid txn compare request: get", exitCode: 3)) {
            try parser.parseOperation("get")
        }
    }

    @Test func threeBlocksWithPrompts() throws {
        let console = CapturingConsole(
            stdin: "value(\"k1\") = \"created\"\nversion(\"k1\") > \"0\"\n\nput k2 x\ndel k1 --prev-kv\n\nget k1\n\n")
        var prompts: [String] = []
        let request = try parser.parse(nextLine: console.readLine) { prompts.append($0) }
        #expect(
            prompts == ["compares:", "success requests (get, put, del):", "failure requests (get, put, del):"])
        #expect(request.compare.count == 2 && request.success.count == 2 && request.failure.count == 1)
    }

    @Test func inputEndingEarlyIsEOF() {
        let console = CapturingConsole(stdin: "mod(\"k\") = \"0\"\n\nput k v")
        #expect(throws: CLIError("EOF", exitCode: 3)) {
            try parser.parse(nextLine: console.readLine) { _ in }
        }
    }
}
