import Foundation

/// etcdctl's global flags, read from `ETCDCTL_*` environment variables and then from the command
/// line (where they may appear before or after the command name, as with cobra's persistent flags).
package struct GlobalOptions: Sendable, Equatable {
    package var endpoints = ["127.0.0.1:2379"]
    package var dialTimeout: Duration = .seconds(2)
    package var commandTimeout: Duration = .seconds(5)
    package var format: OutputFormat = .simple
    package var hex = false
    package var maxRequestBytes = 0
    package var maxReceiveBytes = 0

    package init() {}

    private static let valueFlags: Set<String> = [
        "endpoints", "dial-timeout", "command-timeout", "write-out", "max-request-bytes", "max-recv-bytes",
        "keepalive-time", "keepalive-timeout",
    ]
    private static let boolFlags: Set<String> = ["hex", "debug", "insecure-transport"]

    /// Reads the global flags from `environment` and `arguments`, returning the arguments that
    /// are left for the command. Everything after a `--` is left alone.
    package static func extract(arguments: [String], environment: [String: String]) throws(CLIError) -> (
        GlobalOptions, [String]
    ) {
        var options = GlobalOptions()
        for name in valueFlags.union(boolFlags).sorted() {
            let variable = "ETCDCTL_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
            if let value = environment[variable] {
                try options.apply(name: name, value: value)
            }
        }
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                rest += arguments[(index - 1)...]
                break
            }
            guard let (name, inlineValue) = flagName(argument) else {
                rest.append(argument)
                continue
            }
            if boolFlags.contains(name) {
                try options.apply(name: name, value: inlineValue ?? "true")
            } else if let inlineValue {
                try options.apply(name: name, value: inlineValue)
            } else {
                guard index < arguments.count else { throw .badArgs("flag needs an argument: --\(name)") }
                try options.apply(name: name, value: arguments[index])
                index += 1
            }
        }
        return (options, rest)
    }

    /// The global flag an argument names (`--endpoints=x`, `--hex`, `-w json`), if any.
    private static func flagName(_ argument: String) -> (String, String?)? {
        if argument == "-w" { return ("write-out", nil) }
        if argument.hasPrefix("-w") && !argument.hasPrefix("--") {
            let value = argument.dropFirst(2)
            return ("write-out", String(value.hasPrefix("=") ? value.dropFirst() : value))
        }
        guard argument.hasPrefix("--") else { return nil }
        let body = argument.dropFirst(2)
        let parts = body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0])
        guard valueFlags.contains(name) || boolFlags.contains(name) else { return nil }
        return (name, parts.count > 1 ? String(parts[1]) : nil)
    }

    private mutating func apply(name: String, value: String) throws(CLIError) {
        switch name {
        case "endpoints":
            endpoints = value.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        case "dial-timeout": dialTimeout = try Self.duration(value, flag: name)
        case "command-timeout": commandTimeout = try Self.duration(value, flag: name)
        case "keepalive-time", "keepalive-timeout": _ = try Self.duration(value, flag: name)
        case "write-out":
            guard let format = OutputFormat(rawValue: value) else {
                throw CLIError("unsupported output format \(value)", exitCode: CLIError.exitBadFeature)
            }
            self.format = format
        case "hex": hex = try Self.bool(value, flag: name)
        case "debug", "insecure-transport": _ = try Self.bool(value, flag: name)
        case "max-request-bytes": maxRequestBytes = try Self.int(value, flag: name)
        case "max-recv-bytes": maxReceiveBytes = try Self.int(value, flag: name)
        default: break
        }
    }

    private static func duration(_ value: String, flag: String) throws(CLIError) -> Duration {
        guard let duration = GoDuration.parse(value) else {
            throw .badArgs("invalid argument \"\(value)\" for \"--\(flag)\" flag: time: invalid duration \"\(value)\"")
        }
        return duration
    }

    private static func bool(_ value: String, flag: String) throws(CLIError) -> Bool {
        switch value.lowercased() {
        case "1", "t", "true": return true
        case "0", "f", "false": return false
        default:
            throw .badArgs(
                "invalid argument \"\(value)\" for \"--\(flag)\" flag: strconv.ParseBool: parsing \"\(value)\": invalid syntax"
            )
        }
    }

    private static func int(_ value: String, flag: String) throws(CLIError) -> Int {
        guard let number = Int(value), number >= 0 else {
            throw .badArgs(
                "invalid argument \"\(value)\" for \"--\(flag)\" flag: strconv.ParseUint: parsing \"\(value)\": invalid syntax"
            )
        }
        return number
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
