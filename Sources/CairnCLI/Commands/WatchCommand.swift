import ArgumentParser
import CairnClient
import CairnWire
import Foundation

/// `watch [options] [key or prefix] [range_end] [--] [exec-command arg1 arg2 ...]`, or `watch -i`
/// reading `watch ...` lines from stdin.
package struct WatchCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Watches events stream on keys or prefixes")

    @Flag(name: [.short, .long], help: "Interactive mode") var interactive = false
    @Flag(help: "Watch on a prefix if prefix is set") var prefix = false
    @Option(help: "Revision to start watching") var rev: Int64 = 0
    @Flag(name: .customLong("prev-kv"), help: "get the previous key-value pair before the event happens")
    var prevKv = false
    /// Key and range end, then (after `--`) the command to run per event.
    @Argument var arguments: [String] = []

    package init() {}

    /// The key and options to watch, from the arguments or `ETCDCTL_WATCH_KEY`/`_RANGE_END`.
    package func target(_ context: CLIContext, execCount: Int) throws(CLIError) -> (
        key: [UInt8], options: WatchOptions
    ) {
        let envKey = context.environment["ETCDCTL_WATCH_KEY"] ?? ""
        let envRange = context.environment["ETCDCTL_WATCH_RANGE_END"] ?? ""
        if envKey.isEmpty && !envRange.isEmpty {
            throw .badArgs("ETCDCTL_WATCH_KEY is empty but got ETCDCTL_WATCH_RANGE_END=\(GoQuote.quote(envRange))")
        }
        var words = Array(arguments.dropLast(execCount))
        if words.isEmpty && !envKey.isEmpty {
            words = envRange.isEmpty ? [envKey] : [envKey, envRange]
        }
        guard (1...2).contains(words.count) else { throw .badArgs("bad number of arguments") }
        let key = context.bytes(words[0])
        var options = WatchOptions(startRevision: rev, prevKv: prevKv)
        if words.count == 2 {
            if prefix { throw .badArgs("`range_end` and `--prefix` are mutually exclusive") }
            options.rangeEnd = context.bytes(words[1])
        }
        if prefix { options.rangeEnd = key.isEmpty ? EtcdKeys.fromKeyEnd : EtcdKeys.prefixEnd(key) }
        return (key.isEmpty && prefix ? [0] : key, options)
    }

    package func run() async throws {
        let context = CLIContext.current
        if interactive {
            try await runInteractive(context)
            return
        }
        let command = context.execArguments
        let (key, options) = try target(context, execCount: command.count)
        try await context.withClient { client in
            try await Self.printEvents(client.watch(key, options: options), command: command, context: context)
        }
        throw CLIError("watch is canceled by the server", exitCode: CLIError.exitInterrupted)
    }

    /// Reads `watch ...` lines and runs each watch concurrently until stdin ends.
    private func runInteractive(_ context: CLIContext) async throws {
        try await context.withClient { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                defer { group.cancelAll() }
                while true {
                    guard let raw = context.console.readLine(), raw.last == UInt8(ascii: "\n") else {
                        throw CLIError(
                            "Error reading watch request line: EOF", exitCode: CLIError.exitInvalidInput)
                    }
                    let line = String(decoding: raw.dropLast(), as: UTF8.self)
                    let words = LineArguments.split(line) ?? []
                    guard let first = words.first else {
                        context.console.err("Invalid command: \(line) (watch and progress supported)\n")
                        continue
                    }
                    guard first == "watch" else {
                        context.console.err("Invalid command \(line) (only support watch)\n")
                        continue
                    }
                    let command = words.firstIndex(of: "--").map { Array(words[($0 + 1)...]) } ?? []
                    let key: [UInt8]
                    let options: WatchOptions
                    do {
                        let parsed = try WatchCommand.parse(Array(words.dropFirst()))
                        (key, options) = try parsed.target(context, execCount: command.count)
                    } catch {
                        context.console.err("Invalid command \(line) (\(error.etcdctlText))\n")
                        continue
                    }
                    group.addTask {
                        try await Self.printEvents(
                            client.watch(key, options: options), command: command, context: context)
                    }
                }
            }
        }
    }

    /// Prints every event response; runs `command` once per event when given.
    static func printEvents(
        _ stream: AsyncThrowingStream<WatchResponse, any Error>, command: [String], context: CLIContext
    ) async throws {
        let printer = context.printer()
        do {
            for try await response in stream where !response.created {
                let revision = response.header?.revision ?? 0
                if response.events.isEmpty && !response.canceled && response.compactRevision == 0 && revision != 0 {
                    context.console.out("progress notify: \(revision)\n")
                }
                context.console.out(try printer.watch(response))
                guard !command.isEmpty else { continue }
                for event in response.events {
                    try runCommand(command, for: event, revision: revision, context: context)
                }
            }
        } catch let error as EtcdClientError {
            switch error {
            case .compacted, .watchCanceled:
                context.console.err("watch was canceled (\(error.message))\n")
            default:
                throw error
            }
        }
    }

    /// Runs the exec command with etcdctl's `ETCD_WATCH_*` variables describing the event.
    private static func runCommand(_ command: [String], for event: Event, revision: Int64, context: CLIContext)
        throws
    {
        let kv = event.kv ?? KeyValue()
        var environment = ProcessInfo.processInfo.environment
        environment["ETCD_WATCH_REVISION"] = String(revision)
        environment["ETCD_WATCH_EVENT_TYPE"] = GoQuote.quote(FieldsText.eventTypeName(event.type))
        environment["ETCD_WATCH_KEY"] = GoQuote.quote(kv.key)
        environment["ETCD_WATCH_VALUE"] = GoQuote.quote(kv.value)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.environment = environment
        let quoted = "[" + command.map { GoQuote.quote($0) }.joined(separator: " ") + "]"
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            context.console.err("command \(quoted) error (\(error))\n")
            throw CLIExit(code: CLIError.exitError)
        }
        if process.terminationStatus != 0 {
            context.console.err("command \(quoted) error (exit status \(process.terminationStatus))\n")
            throw CLIExit(code: CLIError.exitError)
        }
    }
}
