import CairnServer

// Parsed and run explicitly: from top-level code `CairndCommand.main()` would pick the synchronous overload.
do {
    let command = try CairndCommand.parse()
    try await command.run()
} catch {
    CairndCommand.exit(withError: error)
}
