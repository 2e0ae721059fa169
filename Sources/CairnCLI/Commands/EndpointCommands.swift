import ArgumentParser
import CairnClient
import CairnWire

/// `endpoint status|health`.
package struct EndpointCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "endpoint", abstract: "Endpoint related commands", subcommands: [Status.self, Health.self])

    package init() {}

    /// The endpoints a command addresses: `--endpoints`, or with `--cluster` every member's client
    /// URLs as the cluster reports them.
    static func endpoints(cluster: Bool, context: CLIContext) async throws -> [String] {
        guard cluster else { return context.options.endpoints }
        let members = try await context.withClient { client in try await client.memberList() }
        return members.members.flatMap(\.clientURLs)
    }

    package struct Status: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "status", abstract: "Prints out the status of endpoints specified in `--endpoints` flag")
        @Flag(help: "use all endpoints from the cluster member list") var cluster = false
        package init() {}

        package func run() async throws {
            let context = CLIContext.current
            var reports: [EndpointStatusReport] = []
            var failed = false
            let endpoints = try await EndpointCommand.endpoints(cluster: cluster, context: context)
            try await context.withClient(endpoints: endpoints) { client in
                for (index, endpoint) in client.endpointNames.enumerated() {
                    do {
                        reports.append(
                            EndpointStatusReport(endpoint: endpoint, status: try await client.status(endpoint: index)))
                    } catch {
                        failed = true
                        context.console.err(
                            "Failed to get the status of endpoint \(endpoint) (\(error.etcdctlText))\n")
                    }
                }
            }
            context.console.out(context.printer().endpointStatus(reports))
            if failed { throw CLIExit(code: CLIError.exitError) }
        }
    }

    package struct Health: AsyncParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "health", abstract: "Checks the healthiness of endpoints specified in `--endpoints` flag")
        @Flag(help: "use all endpoints from the cluster member list") var cluster = false
        package init() {}

        package func run() async throws {
            let context = CLIContext.current
            let endpoints = try await EndpointCommand.endpoints(cluster: cluster, context: context)
            let reports = await withTaskGroup(of: (Int, EndpointHealthReport).self) { group in
                for (index, endpoint) in endpoints.enumerated() {
                    group.addTask { (index, await Self.probe(endpoint, context: context)) }
                }
                var results: [(Int, EndpointHealthReport)] = []
                for await result in group { results.append(result) }
                return results.sorted { $0.0 < $1.0 }.map(\.1)
            }
            let printed = context.printer().endpointHealth(reports)
            context.console.out(printed.stdout)
            context.console.err(printed.stderr)
            if reports.contains(where: { !$0.error.isEmpty }) { throw CLIError("unhealthy cluster") }
        }

        /// A linearizable read of the key `health` on its own client: healthy when it succeeds
        /// (the key need not exist) or is refused for permissions.
        static func probe(_ endpoint: String, context: CLIContext) async -> EndpointHealthReport {
            let clock = ContinuousClock()
            let start = clock.now
            do {
                _ = try await context.withClient(endpoints: [endpoint]) { client in try await client.get("health") }
                return EndpointHealthReport(
                    endpoint: endpoint, healthy: true, took: GoDuration.format(clock.now - start), error: "")
            } catch let error as EtcdClientError where error.etcdError == .permissionDenied {
                return EndpointHealthReport(
                    endpoint: endpoint, healthy: true, took: GoDuration.format(clock.now - start), error: "")
            } catch {
                return EndpointHealthReport(
                    endpoint: endpoint, healthy: false, took: GoDuration.format(clock.now - start),
                    error: error.etcdctlText)
            }
        }
    }
}
