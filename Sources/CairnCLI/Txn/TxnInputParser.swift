import CairnClient
import CairnWire

/// Reads etcdctl's `txn` input: compares, then success operations, then failure operations, each
/// block ended by an empty line. Operations are get/put/del command lines with their flags.
package struct TxnInputParser {
    let context: CLIContext

    package init(context: CLIContext) {
        self.context = context
    }

    /// Parses the three blocks from `nextLine` (which returns one line with its `\n`, or nil at
    /// the end of input); `prompt` is called before each block (`txn -i` prints it).
    package func parse(nextLine: () -> [UInt8]?, prompt: (String) -> Void) throws(CLIError) -> TxnRequest {
        var request = TxnRequest()
        prompt("compares:")
        for line in try block(nextLine) {
            request.compare.append(try Self.parseCompare(line))
        }
        prompt("success requests (get, put, del):")
        for line in try block(nextLine) {
            request.success.append(try parseOperation(line))
        }
        prompt("failure requests (get, put, del):")
        for line in try block(nextLine) {
            request.failure.append(try parseOperation(line))
        }
        return request
    }

    /// Lines up to the next empty one, trimmed. Input that ends before that is an error (`EOF`).
    private func block(_ nextLine: () -> [UInt8]?) throws(CLIError) -> [String] {
        var lines: [String] = []
        while true {
            guard let raw = nextLine(), raw.last == UInt8(ascii: "\n") else {
                throw CLIError("EOF", exitCode: CLIError.exitInvalidInput)
            }
            let line = String(decoding: raw, as: UTF8.self).trimmingSpaces
            if line.isEmpty { return lines }
            lines.append(line)
        }
    }

    /// Parses `<target>("<key>") <op> "<value>"`.
    package static func parseCompare(_ line: String) throws(CLIError) -> Compare {
        let malformed = CLIError("malformed comparison: \(line)", exitCode: CLIError.exitInvalidInput)
        guard let paren = line.firstIndex(of: "(") else { throw malformed }
        let target = String(line[..<paren])
        guard let (key, afterKey) = GoStringLiteral.scan(line[line.index(after: paren)...]),
            afterKey.first == ")"
        else { throw malformed }
        let opStart = afterKey.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
        let op = String(opStart.prefix(while: { !$0.isWhitespace }))
        guard !op.isEmpty, let (value, _) = GoStringLiteral.scan(opStart.dropFirst(op.count)) else {
            throw malformed
        }
        var compare = Compare()
        compare.key = key
        switch op {
        case "=": compare.result = .equal
        case "!=": compare.result = .notEqual
        case "<": compare.result = .less
        case ">": compare.result = .greater
        default: throw CLIError("malformed comparison: \(line) (unknown op \(op))", exitCode: CLIError.exitInvalidInput)
        }
        let text = String(decoding: value, as: UTF8.self)
        let invalid = CLIError("invalid txn compare request: \(line)", exitCode: CLIError.exitInvalidInput)
        switch target {
        case "ver", "version":
            guard let number = Int64(text) else { throw invalid }
            compare.target = .version
            compare.targetUnion = .version(number)
        case "c", "create":
            guard let number = Int64(text) else { throw invalid }
            compare.target = .create
            compare.targetUnion = .createRevision(number)
        case "m", "mod":
            guard let number = Int64(text) else { throw invalid }
            compare.target = .mod
            compare.targetUnion = .modRevision(number)
        case "val", "value":
            compare.target = .value
            compare.targetUnion = .value(value)
        case "lease":
            guard let number = Int64(text) else { throw invalid }
            compare.target = .lease
            compare.targetUnion = .lease(number)
        default:
            throw CLIError(
                "malformed comparison: \(line) (unknown target \(target))", exitCode: CLIError.exitInvalidInput)
        }
        return compare
    }

    /// Parses one `get`/`put`/`del` line with the stand-alone commands' flags.
    package func parseOperation(_ line: String) throws(CLIError) -> RequestOp {
        let invalid = CLIError("invalid txn request: \(line)", exitCode: CLIError.exitInvalidInput)
        guard let arguments = LineArguments.split(line), arguments.count >= 2 else {
            throw CLIError("invalid txn compare request: \(line)", exitCode: CLIError.exitInvalidInput)
        }
        let rest = Array(arguments.dropFirst())
        var op = RequestOp()
        do {
            switch arguments[0] {
            case "get":
                op.request = .range(try GetCommand.parse(rest).request(context))
            case "put":
                op.request = .put(try PutCommand.parse(rest).request(context, stdin: { [] }))
            case "del":
                op.request = .deleteRange(try DelCommand.parse(rest).request(context))
            default:
                throw invalid
            }
        } catch {
            throw invalid
        }
        return op
    }
}
