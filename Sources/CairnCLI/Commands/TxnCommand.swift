import ArgumentParser
import CairnClient

/// `txn [-i]`: reads a transaction from stdin and runs it.
package struct TxnCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "txn", abstract: "Txn processes all the requests in one transaction")

    @Flag(name: [.short, .long], help: "Input transaction in interactive mode") var interactive = false
    @Argument var arguments: [String] = []

    package init() {}

    package func run() async throws {
        let context = CLIContext.current
        guard arguments.isEmpty else { throw CLIError.badArgs("txn command does not accept argument") }
        let console = context.console
        let request = try TxnInputParser(context: context).parse(nextLine: console.readLine) { prompt in
            if interactive { console.out(prompt + "\n") }
        }
        let response = try await context.withClient { client in try await client.txn(request) }
        console.out(try context.printer().txn(response))
    }
}
