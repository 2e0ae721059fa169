import CairnClient

/// Everything a command needs besides its own flags: the global options, the console, and the
/// exact bytes of arguments that were not valid UTF-8 (keys may be arbitrary bytes).
package struct CLIContext: Sendable {
    package var options: GlobalOptions
    package var console: any Console
    package var environment: [String: String]
    /// Raw bytes of arguments whose UTF-8 decoding replaced invalid sequences, keyed by that decoding.
    package var rawArguments: [String: [UInt8]]
    /// The arguments after the first `--` of the command line (`watch`'s exec command).
    package var execArguments: [String]

    package init(
        options: GlobalOptions, console: any Console, environment: [String: String] = [:],
        rawArguments: [String: [UInt8]] = [:], execArguments: [String] = []
    ) {
        self.options = options
        self.console = console
        self.environment = environment
        self.rawArguments = rawArguments
        self.execArguments = execArguments
    }

    /// The context of the running command.
    @TaskLocal package static var current = CLIContext(options: GlobalOptions(), console: StandardConsole())

    /// The bytes of a command-line argument, as given.
    package func bytes(_ argument: String) -> [UInt8] {
        rawArguments[argument] ?? Array(argument.utf8)
    }

    /// The printer for the selected `-w` format.
    package func printer(valueOnly: Bool = false) -> ResponsePrinter {
        ResponsePrinter(format: options.format, hex: options.hex, valueOnly: valueOnly)
    }

    /// A client for the given endpoints (all of `--endpoints` by default).
    package func makeClient(endpoints: [String]? = nil) throws(CLIError) -> EtcdClient {
        var configuration = EtcdClientConfiguration(endpoints: endpoints ?? options.endpoints)
        configuration.dialTimeout = options.dialTimeout
        configuration.requestTimeout = options.commandTimeout
        if options.maxRequestBytes > 0 { configuration.maxSendMessageSize = options.maxRequestBytes }
        if options.maxReceiveBytes > 0 { configuration.maxReceiveMessageSize = options.maxReceiveBytes }
        do {
            return try EtcdClient(configuration: configuration)
        } catch {
            throw CLIError(error.message, exitCode: CLIError.exitBadConnection)
        }
    }

    /// Runs `body` with a client and closes the client afterwards.
    package func withClient<T>(endpoints: [String]? = nil, _ body: (EtcdClient) async throws -> T) async throws -> T {
        let client = try makeClient(endpoints: endpoints)
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }
}
