import ArgumentParser
import CairnCLI
import CairnWire
import Testing

/// The requests built from command lines are the ones traced from etcdctl 3.4 (etcdctl-calls.md §2).
@Suite("command lines to requests")
struct RequestTests {
    let context = CLIContext(options: GlobalOptions(), console: CapturingConsole())

    func get(_ arguments: [String]) throws -> RangeRequest {
        try GetCommand.parse(arguments).request(context)
    }

    @Test func getRangeOptions() throws {
        #expect(try get(["foo"]) == RangeRequest.make(key: "foo"))
        #expect(try get(["foo", "--consistency=s"]).serializable)
        let prefix = try get(["--prefix", "a", "--limit", "10"])
        #expect(prefix.key == Array("a".utf8) && prefix.rangeEnd == Array("b".utf8) && prefix.limit == 10)
        let fromKey = try get(["--from-key", "a", "--keys-only"])
        #expect(fromKey.rangeEnd == [0] && fromKey.keysOnly)
        #expect(try get(["--prefix", ""]).key == [0])
        #expect(try get(["--prefix", ""]).rangeEnd == [0])
        #expect(try get(["--from-key", ""]).key == [0])
        #expect(try get(["a", "c"]).rangeEnd == Array("c".utf8))
        #expect(try get(["k1", "--rev=2"]).revision == 2)
        let sorted = try get(["--prefix", "k", "--sort-by=MODIFY", "--order=DESCEND"])
        #expect(sorted.sortOrder == .descend && sorted.sortTarget == .mod)
        let targetOnly = try get(["k", "--sort-by=VALUE"])
        #expect(targetOnly.sortOrder == RangeRequest.SortOrder.none && targetOnly.sortTarget == .value)
        #expect(try get(["k", "--sort-by=KEY", "--order=ASCEND"]).sortOrder == RangeRequest.SortOrder.none)
        #expect(try get(["k", "--count-only"]).countOnly)
        #expect(try get([String(decoding: [0xFF], as: UTF8.self), "--prefix"]).rangeEnd != [])
    }

    @Test func getArgumentErrorsMatchEtcdctl() {
        #expect(throws: CLIError.badArgs("get command needs one argument as key and an optional argument as range_end"))
        {
            try get([])
        }
        #expect(throws: CLIError.badArgs("`--prefix` and `--from-key` cannot be set at the same time, choose one")) {
            try get(["a", "--prefix", "--from-key"])
        }
        #expect(throws: CLIError("bad sort target x", exitCode: 4)) { try get(["a", "--sort-by=x"]) }
        #expect(throws: CLIError("bad sort order up", exitCode: 4)) { try get(["a", "--order=up"]) }
        #expect(
            throws: CLIError.badArgs(
                "too many arguments, only accept one argument when `--prefix` or `--from-key` is set")
        ) { try get(["a", "b", "--prefix"]) }
    }

    @Test func putAndDelete() throws {
        let put = try PutCommand.parse(["lk", "v", "--lease=3916a21255fddd1a", "--prev-kv"]).request(context) { [] }
        #expect(put.lease == 0x3916_a212_55fd_dd1a && put.prevKv && put.value == Array("v".utf8))
        let fromStdin = try PutCommand.parse(["k"]).request(context) { Array("piped\n".utf8) }
        #expect(fromStdin.value == Array("piped\n".utf8))
        let ignore = try PutCommand.parse(["k", "--ignore-value"]).request(context) { [] }
        #expect(ignore.ignoreValue && ignore.value.isEmpty)
        #expect(throws: CLIError.badArgs("put command needs 1 argument and input from stdin or 2 arguments")) {
            try PutCommand.parse(["k"]).request(context) { [] }
        }
        #expect(
            throws: CLIError.badArgs(
                #"bad lease ID (strconv.ParseInt: parsing "zz": invalid syntax), expecting ID in Hex"#)
        ) { try PutCommand.parse(["k", "v", "--lease=zz"]).request(context) { [] } }
        let delete = try DelCommand.parse(["--prefix", "fo", "--prev-kv"]).request(context)
        #expect(delete.key == Array("fo".utf8) && delete.rangeEnd == Array("fp".utf8) && delete.prevKv)
        #expect(try DelCommand.parse(["--from-key", "a"]).request(context).rangeEnd == [0])
    }

    @Test func watchTargets() throws {
        let prefix = try WatchCommand.parse(["--prefix", "w", "--prev-kv"]).target(context, execCount: 0)
        #expect(prefix.key == Array("w".utf8) && prefix.options.rangeEnd == Array("x".utf8) && prefix.options.prevKv)
        let range = try WatchCommand.parse(["a", "c", "--rev=20"]).target(context, execCount: 0)
        #expect(range.options.rangeEnd == Array("c".utf8) && range.options.startRevision == 20)
        let withExec = try WatchCommand.parse(["k", "--", "echo", "hi"]).target(context, execCount: 2)
        #expect(withExec.key == Array("k".utf8) && withExec.options.rangeEnd.isEmpty)
        var environment = context
        environment.environment = ["ETCDCTL_WATCH_KEY": "ek", "ETCDCTL_WATCH_RANGE_END": "ez"]
        let fromEnvironment = try WatchCommand.parse([]).target(environment, execCount: 0)
        #expect(fromEnvironment.key == Array("ek".utf8) && fromEnvironment.options.rangeEnd == Array("ez".utf8))
        #expect(throws: CLIError.badArgs("bad number of arguments")) {
            try WatchCommand.parse([]).target(context, execCount: 0)
        }
    }
}

extension RangeRequest {
    static func make(key: String) -> RangeRequest {
        var request = RangeRequest()
        request.key = Array(key.utf8)
        return request
    }
}
