import ArgumentParser
import CairnClient
import CairnWire

/// `lease grant|revoke|timetolive|list|keep-alive`.
package struct LeaseCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "lease", abstract: "Lease related commands",
        subcommands: [Grant.self, Revoke.self, TimeToLive.self, List.self, KeepAlive.self])

    package init() {}

    /// A lease id argument, read as hexadecimal like etcdctl does.
    static func leaseID(_ arguments: [String], command: String) throws(CLIError) -> Int64 {
        guard arguments.count == 1 else { throw .badArgs("lease \(command) command needs lease ID as argument") }
        guard let id = HexText.parseLeaseID(arguments[0]) else {
            throw .badArgs("bad lease ID arg (\(GoErrors.parseInt(arguments[0]))), expecting ID in Hex")
        }
        return id
    }

    package struct Grant: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "grant", abstract: "Creates leases")
        @Argument var arguments: [String] = []
        package init() {}

        package func run() async throws {
            let context = CLIContext.current
            guard arguments.count == 1 else { throw CLIError.badArgs("lease grant command needs TTL argument") }
            guard let ttl = Int64(arguments[0]) else {
                throw CLIError.badArgs("bad TTL (\(GoErrors.parseDecimal(arguments[0])))")
            }
            let response: LeaseGrantResponse
            do {
                response = try await context.withClient { client in try await client.grantLease(ttl: ttl) }
            } catch let error as EtcdClientError {
                throw CLIError("failed to grant lease (\(error.message))")
            }
            context.console.out(try context.printer().leaseGrant(response))
        }
    }

    package struct Revoke: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revokes leases")
        @Argument var arguments: [String] = []
        package init() {}

        package func run() async throws {
            let context = CLIContext.current
            let id = try LeaseCommand.leaseID(arguments, command: "revoke")
            let response: LeaseRevokeResponse
            do {
                response = try await context.withClient { client in try await client.revokeLease(id: id) }
            } catch let error as EtcdClientError {
                throw CLIError("failed to revoke lease (\(error.message))")
            }
            context.console.out(try context.printer().leaseRevoke(id: id, response))
        }
    }

    package struct TimeToLive: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "timetolive", abstract: "Get lease information")
        @Flag(help: "Get keys attached to this lease") var keys = false
        @Argument var arguments: [String] = []
        package init() {}

        package func run() async throws {
            let context = CLIContext.current
            let id = try LeaseCommand.leaseID(arguments, command: "timetolive")
            let response = try await context.withClient { client in
                try await client.leaseTimeToLive(id: id, keys: keys)
            }
            context.console.out(try context.printer().leaseTimeToLive(response, keys: keys))
        }
    }

    package struct List: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List all active leases")
        package init() {}

        package func run() async throws {
            let context = CLIContext.current
            let response = try await context.withClient { client in try await client.leases() }
            context.console.out(try context.printer().leaseLeases(response))
        }
    }

    package struct KeepAlive: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "keep-alive", abstract: "Keeps leases alive (renew)")
        @Flag(help: "Resets the keep-alive time to its original value and exits immediately") var once = false
        @Argument var arguments: [String] = []
        package init() {}

        package func run() async throws {
            let context = CLIContext.current
            let id = try LeaseCommand.leaseID(arguments, command: "keep-alive")
            let printer = context.printer()
            if once {
                do {
                    let response = try await context.withClient { client in try await client.keepAliveOnce(id: id) }
                    context.console.out(try printer.leaseKeepAlive(response))
                } catch let error as EtcdClientError {
                    throw CLIError(error.message, exitCode: CLIError.exitBadConnection)
                }
                return
            }
            try await context.withClient { client in
                do {
                    for try await response in client.keepAlive(id: id) {
                        context.console.out(try printer.leaseKeepAlive(response))
                    }
                } catch EtcdClientError.leaseExpired {
                    // Reported below, like etcdctl does when its keep-alive channel closes.
                }
            }
            if context.options.format == .simple {
                context.console.out("lease \(HexText.id16(id)) expired or revoked.\n")
            }
        }
    }
}
