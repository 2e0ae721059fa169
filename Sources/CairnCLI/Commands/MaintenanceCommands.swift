import ArgumentParser
import CairnClient
import CairnWire

/// `compaction [--physical] <revision>` (alias `compact`).
package struct CompactionCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "compaction", abstract: "Compacts the event history in etcd", aliases: ["compact"])

    @Flag(help: "'true' to wait for compaction to physically remove all old revisions") var physical = false
    @Argument var arguments: [String] = []

    package init() {}

    package func run() async throws {
        let context = CLIContext.current
        guard arguments.count == 1 else { throw CLIError.badArgs("compaction command needs 1 argument") }
        guard let revision = Int64(arguments[0]) else { throw CLIError(GoErrors.parseDecimal(arguments[0])) }
        try await context.withClient { client in
            _ = try await client.compact(revision: revision, physical: physical)
        }
        context.console.out("compacted revision \(revision)\n")
    }
}

/// `defrag`: defragments every endpoint's storage.
package struct DefragCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "defrag", abstract: "Defragments the storage of the etcd members with given endpoints")

    package init() {}

    package func run() async throws {
        let context = CLIContext.current
        var failures = 0
        try await context.withClient { client in
            for (index, endpoint) in client.endpointNames.enumerated() {
                do {
                    try await client.defragment(endpoint: index)
                    context.console.out("Finished defragmenting etcd member[\(endpoint)]\n")
                } catch {
                    context.console.err("Failed to defragment etcd member[\(endpoint)] (\(error.etcdctlText))\n")
                    failures += 1
                }
            }
        }
        if failures > 0 { throw CLIExit(code: CLIError.exitError) }
    }
}

/// `alarm list|disarm`.
package struct AlarmCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "alarm", abstract: "Alarm related commands", subcommands: [List.self, Disarm.self])

    package init() {}

    package struct List: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Lists all alarms")
        package init() {}

        package func run() async throws {
            let context = CLIContext.current
            let response = try await context.withClient { client in try await client.alarms() }
            context.console.out(try context.printer().alarm(response))
        }
    }

    package struct Disarm: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "disarm", abstract: "Disarms all alarms")
        package init() {}

        package func run() async throws {
            let context = CLIContext.current
            let response = try await context.withClient { client in try await client.disarmAlarm() }
            context.console.out(try context.printer().alarm(response))
        }
    }
}

/// `member list`.
package struct MemberCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "member", abstract: "Membership related commands", subcommands: [List.self])

    package init() {}

    package struct List: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Lists all members in the cluster")
        package init() {}

        package func run() async throws {
            let context = CLIContext.current
            let response = try await context.withClient { client in try await client.memberList() }
            context.console.out(context.printer().memberList(response))
        }
    }
}

/// `version`: the client's version (no server call).
package struct VersionCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Prints the version of cairnctl")

    /// The etcd API version cairnctl speaks.
    package static let apiVersion = "3.4"
    package static let version = "0.1.0"

    package init() {}

    package func run() throws {
        CLIContext.current.console.out("cairnctl version: \(Self.version)\nAPI version: \(Self.apiVersion)\n")
    }
}
