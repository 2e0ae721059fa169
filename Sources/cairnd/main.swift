import CairnPostgres
import CairnServer

/// `--backend postgres://…`: the keys in a PostgreSQL database that several cairnd may share.
let openBackend = BackendOpener { url, configuration, logger in
    var settings = try PostgresBackendConfiguration(url: url)
    settings.maxTxnOps = configuration.maxTxnOps
    settings.logger = logger
    settings.member =
        MemberIdentity(name: configuration.name, clientURLs: configuration.advertiseClientURLs.map(\.description))
        .groupMember
    return try await PostgresBackend.open(settings)
}

// Parsed and run explicitly: from top-level code `CairndCommand.main()` would pick the synchronous overload.
do {
    let command = try CairndCommand.parse()
    try await command.run(openBackend: openBackend)
} catch {
    CairndCommand.exit(withError: error)
}
