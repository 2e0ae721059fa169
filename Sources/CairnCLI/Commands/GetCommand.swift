import ArgumentParser
import CairnClient
import CairnWire

/// `get key [range_end]`: reads keys, with etcdctl's flags and output.
package struct GetCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Gets the key or a range of keys")

    @Option(help: "Linearizable(l) or Serializable(s)") var consistency = "l"
    @Option(help: "Order of results; ASCEND or DESCEND (ASCEND by default)") var order = ""
    @Option(name: .customLong("sort-by"), help: "Sort target; CREATE, KEY, MODIFY, VALUE, or VERSION")
    var sortBy = ""
    @Option(help: "Maximum number of results") var limit: Int64 = 0
    @Flag(help: "Get keys with matching prefix") var prefix = false
    @Flag(name: .customLong("from-key"), help: "Get keys that are greater than or equal to the given key")
    var fromKey = false
    @Option(help: "Specify the kv revision") var rev: Int64 = 0
    @Flag(name: .customLong("keys-only"), help: "Get only the keys") var keysOnly = false
    @Flag(name: .customLong("count-only"), help: "Get only the count") var countOnly = false
    @Flag(name: .customLong("print-value-only"), help: "Only write values when using the \"simple\" output format")
    var printValueOnly = false
    @Argument var arguments: [String] = []

    package init() {}

    /// The range request etcdctl sends for these arguments.
    package func request(_ context: CLIContext) throws(CLIError) -> RangeRequest {
        guard !arguments.isEmpty else {
            throw .badArgs("get command needs one argument as key and an optional argument as range_end")
        }
        if prefix && fromKey {
            throw .badArgs("`--prefix` and `--from-key` cannot be set at the same time, choose one")
        }
        var options = GetOptions()
        var key = context.bytes(arguments[0])
        if arguments.count > 1 {
            if prefix || fromKey {
                throw .badArgs("too many arguments, only accept one argument when `--prefix` or `--from-key` is set")
            }
            options.rangeEnd = context.bytes(arguments[1])
        }
        switch consistency {
        case "l": break
        case "s": options.serializable = true
        default:
            throw CLIError("unknown consistency flag \(GoQuote.quote(consistency))", exitCode: CLIError.exitBadFeature)
        }
        switch order.uppercased() {
        case "ASCEND": options.sortOrder = .ascend
        case "DESCEND": options.sortOrder = .descend
        case "": break
        default: throw CLIError("bad sort order \(order)", exitCode: CLIError.exitBadFeature)
        }
        switch sortBy.uppercased() {
        case "CREATE": options.sortTarget = .create
        case "KEY", "": options.sortTarget = .key
        case "MODIFY": options.sortTarget = .mod
        case "VALUE": options.sortTarget = .value
        case "VERSION": options.sortTarget = .version
        default: throw CLIError("bad sort target \(sortBy)", exitCode: CLIError.exitBadFeature)
        }
        // Keys come back in ascending key order anyway; etcd's client sends no sort for that.
        if options.sortTarget == .key && options.sortOrder == .ascend { options.sortOrder = .none }
        if prefix {
            if key.isEmpty {
                key = [0]
                options.rangeEnd = EtcdKeys.fromKeyEnd
            } else {
                options.rangeEnd = EtcdKeys.prefixEnd(key)
            }
        }
        if fromKey {
            if key.isEmpty { key = [0] }
            options.rangeEnd = EtcdKeys.fromKeyEnd
        }
        options.limit = limit
        options.revision = rev
        options.keysOnly = keysOnly
        options.countOnly = countOnly
        return options.request(key: key)
    }

    package func run() async throws {
        let context = CLIContext.current
        let request = try request(context)
        if printValueOnly && context.options.format != .simple {
            throw CLIError.badArgs("print-value-only is only for `--write-out=simple`")
        }
        let response = try await context.withClient { client in try await client.range(request) }
        if countOnly && context.options.format == .simple {
            context.console.out("\(response.count)\n")
            return
        }
        context.console.out(try context.printer(valueOnly: printValueOnly).get(response))
    }
}
