import ArgumentParser
import CairnClient
import Foundation

/// The `cairnctl` root command: etcdctl's commands plus `bench`.
package struct Cairnctl: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "cairnctl",
        abstract: "A command line client for etcd-compatible servers (etcdctl 3.4 compatible)",
        discussion: """
            Global flags (anywhere on the line, or as ETCDCTL_* variables): --endpoints, --dial-timeout, \
            --command-timeout, -w/--write-out simple|json|fields|table, --hex, --max-request-bytes, \
            --max-recv-bytes.
            """,
        subcommands: [
            GetCommand.self, PutCommand.self, DelCommand.self, TxnCommand.self, WatchCommand.self,
            LeaseCommand.self, CompactionCommand.self, EndpointCommand.self, MemberCommand.self,
            AlarmCommand.self, DefragCommand.self, VersionCommand.self, BenchCommand.self,
        ])

    package init() {}
}

/// Runs cairnctl: global flags first, then the command, then etcdctl's error reporting.
package enum CairnctlMain {
    /// Runs with the process's arguments, environment and streams, and exits.
    package static func run() async -> Never {
        var arguments: [String] = []
        var raw: [String: [UInt8]] = [:]
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer))).map { UInt8(bitPattern: $0) }
            let text = String(decoding: bytes, as: UTF8.self)
            if Array(text.utf8) != bytes { raw[text] = bytes }
            arguments.append(text)
        }
        let code = await execute(
            arguments: arguments, rawArguments: raw, environment: ProcessInfo.processInfo.environment,
            console: StandardConsole())
        exit(code)
    }

    /// Runs one command line and returns its exit code.
    package static func execute(
        arguments: [String], rawArguments: [String: [UInt8]] = [:], environment: [String: String],
        console: any Console
    ) async -> Int32 {
        let options: GlobalOptions
        let rest: [String]
        do {
            (options, rest) = try GlobalOptions.extract(arguments: arguments, environment: environment)
        } catch {
            console.err("Error: \(error.message)\n")
            return error.exitCode
        }
        let context = CLIContext(
            options: options, console: console, environment: environment, rawArguments: rawArguments,
            execArguments: rest.firstIndex(of: "--").map { Array(rest[($0 + 1)...]) } ?? [])
        var command: any ParsableCommand
        do {
            command = try Cairnctl.parseAsRoot(rest)
        } catch {
            return reportParserError(error, console: console)
        }
        return await CLIContext.$current.withValue(context) {
            do {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
                return 0
            } catch let exit as CLIExit {
                return exit.code
            } catch let error as CLIError {
                console.err("Error: \(error.message)\n")
                return error.exitCode
            } catch let error as EtcdClientError {
                console.err("Error: \(error.message)\n")
                return CLIError.exitError
            } catch {
                return reportParserError(error, console: console)
            }
        }
    }

    /// Help requests go to stdout with exit code 0; usage errors to stderr with exit code 1.
    private static func reportParserError(_ error: any Error, console: any Console) -> Int32 {
        let message = Cairnctl.fullMessage(for: error)
        if Cairnctl.exitCode(for: error) == .success {
            console.out(message + "\n")
            return 0
        }
        console.err(message.hasPrefix("Error: ") ? message + "\n" : "Error: \(message)\n")
        return CLIError.exitError
    }
}
