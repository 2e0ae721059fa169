import ArgumentParser
import CairnClient
import CairnWire

/// `put key [value]`: writes a key; the value comes from stdin when it is not an argument.
package struct PutCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "put", abstract: "Puts the given key into the store")

    @Option(help: "lease ID (in hexadecimal) to attach to the key") var lease = "0"
    @Flag(name: .customLong("prev-kv"), help: "return the previous key-value pair before modification")
    var prevKv = false
    @Flag(name: .customLong("ignore-value"), help: "updates the key using its current value")
    var ignoreValue = false
    @Flag(name: .customLong("ignore-lease"), help: "updates the key using its current lease")
    var ignoreLease = false
    @Argument var arguments: [String] = []

    package init() {}

    /// The put request etcdctl sends; `stdin` supplies the value when only the key is given.
    package func request(_ context: CLIContext, stdin: () -> [UInt8]) throws(CLIError) -> PutRequest {
        let usage = "put command needs 1 argument and input from stdin or 2 arguments"
        guard !arguments.isEmpty else { throw .badArgs(usage) }
        if ignoreValue && arguments.count > 1 {
            throw .badArgs("put command needs only 1 argument when 'ignore-value' is set")
        }
        var value: [UInt8] = []
        if !ignoreValue {
            if arguments.count > 1 {
                value = context.bytes(arguments[1])
            } else {
                value = stdin()
                if value.isEmpty { throw .badArgs(usage) }
            }
        }
        guard let leaseID = HexText.parseLeaseID(lease) else {
            throw .badArgs("bad lease ID (\(GoErrors.parseInt(lease))), expecting ID in Hex")
        }
        let options = PutOptions(lease: leaseID, prevKv: prevKv, ignoreValue: ignoreValue, ignoreLease: ignoreLease)
        return options.request(key: context.bytes(arguments[0]), value: value)
    }

    package func run() async throws {
        let context = CLIContext.current
        let request = try request(context, stdin: context.console.readAll)
        let response = try await context.withClient { client in try await client.put(request) }
        context.console.out(try context.printer().put(response))
    }
}

/// `del key [range_end]`: deletes keys.
package struct DelCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "del", abstract: "Removes the specified key or range of keys [key, range_end)")

    @Flag(help: "delete keys with matching prefix") var prefix = false
    @Flag(name: .customLong("prev-kv"), help: "return deleted key-value pairs") var prevKv = false
    @Flag(name: .customLong("from-key"), help: "delete keys that are greater than or equal to the given key")
    var fromKey = false
    @Argument var arguments: [String] = []

    package init() {}

    /// The delete request etcdctl sends for these arguments.
    package func request(_ context: CLIContext) throws(CLIError) -> DeleteRangeRequest {
        guard (1...2).contains(arguments.count) else {
            throw .badArgs("del command needs one argument as key and an optional argument as range_end")
        }
        if prefix && fromKey {
            throw .badArgs("`--prefix` and `--from-key` cannot be set at the same time, choose one")
        }
        var key = context.bytes(arguments[0])
        var options = DeleteOptions(prevKv: prevKv)
        if arguments.count > 1 {
            if prefix || fromKey {
                throw .badArgs("too many arguments, only accept one argument when `--prefix` or `--from-key` is set")
            }
            options.rangeEnd = context.bytes(arguments[1])
        }
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
        return options.request(key: key)
    }

    package func run() async throws {
        let context = CLIContext.current
        let request = try request(context)
        let response = try await context.withClient { client in try await client.deleteRange(request) }
        context.console.out(try context.printer().delete(response))
    }
}
