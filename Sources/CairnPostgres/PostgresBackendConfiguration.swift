import CairnStore
import Logging

/// How a `PostgresBackend` reaches its database and paces its background work.
package struct PostgresBackendConfiguration: Sendable {
    package var host: String
    package var port: Int
    package var username: String
    package var password: String?
    package var database: String?
    /// Operations allowed per list of a txn (etcd's `--max-txn-ops`).
    package var maxTxnOps: Int
    /// How often the log is read even when no notification arrived (the fallback to LISTEN/NOTIFY);
    /// each such read also refreshes every lease's deadline from the database.
    package var pollInterval: Duration
    /// How often the elected lease expirer looks for expired leases.
    package var expiryInterval: Duration
    /// How often the elected physical compactor looks for rows a compaction made unreachable.
    package var pruneInterval: Duration
    /// How often a process that is not the expirer (or the compactor) tries to become it.
    package var electionInterval: Duration
    /// The longest any statement may run (including waiting for the head lock) before the
    /// database cancels it and the request fails with Unavailable instead of hanging.
    package var statementTimeout: Duration
    /// How this process appears in MemberList; it registers at open, heartbeats and leaves at close.
    /// Nil registers each backend opened under a random id with no name or URLs.
    package var member: GroupMember?
    /// How often this process renews its membership (and reports the revision its view applied).
    package var heartbeatInterval: Duration
    /// A member whose last heartbeat is older than this is gone: MemberList leaves it out and its
    /// applied revision no longer holds back physical compaction.
    package var memberTimeout: Duration
    /// Time source for the local view of lease deadlines (the database's clock decides expiry).
    package var clock: any StoreClock
    package var logger: Logger

    package init(
        host: String,
        port: Int = 5432,
        username: String,
        password: String? = nil,
        database: String? = nil,
        maxTxnOps: Int = 128,
        pollInterval: Duration = .seconds(1),
        expiryInterval: Duration = .milliseconds(100),
        pruneInterval: Duration = .seconds(1),
        electionInterval: Duration = .seconds(1),
        statementTimeout: Duration = .seconds(10),
        member: GroupMember? = nil,
        heartbeatInterval: Duration = .seconds(1),
        memberTimeout: Duration = .seconds(5),
        clock: any StoreClock = SystemStoreClock(),
        logger: Logger = Logger(label: "cairn.postgres")
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.maxTxnOps = maxTxnOps
        self.pollInterval = pollInterval
        self.expiryInterval = expiryInterval
        self.pruneInterval = pruneInterval
        self.electionInterval = electionInterval
        self.statementTimeout = statementTimeout
        self.member = member
        self.heartbeatInterval = heartbeatInterval
        self.memberTimeout = memberTimeout
        self.clock = clock
        self.logger = logger
    }

    /// Reads `postgres://user[:password]@host[:port][/database][?statement_timeout=milliseconds]`
    /// (also `postgresql://`).
    package init(url: String) throws(PostgresURLError) {
        var rest: Substring
        if url.hasPrefix("postgres://") {
            rest = url.dropFirst("postgres://".count)
        } else if url.hasPrefix("postgresql://") {
            rest = url.dropFirst("postgresql://".count)
        } else {
            throw PostgresURLError(url: url, reason: "it does not start with postgres://")
        }
        var statementTimeout: Duration?
        if let question = rest.firstIndex(of: "?") {
            for parameter in rest[rest.index(after: question)...].split(separator: "&") {
                let parts = parameter.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0] == "statement_timeout" else {
                    throw PostgresURLError(
                        url: url, reason: "it sets \(parts[0]), of which only statement_timeout is known")
                }
                guard let milliseconds = Int64(parts[1]), milliseconds > 0 else {
                    throw PostgresURLError(
                        url: url, reason: "its statement_timeout is not a positive number of milliseconds")
                }
                statementTimeout = .milliseconds(milliseconds)
            }
            rest = rest[..<question]
        }
        var database: String?
        if let slash = rest.firstIndex(of: "/") {
            let name = rest[rest.index(after: slash)...]
            database = name.isEmpty ? nil : String(name)
            rest = rest[..<slash]
        }
        guard let at = rest.lastIndex(of: "@") else { throw PostgresURLError(url: url, reason: "it names no user") }
        let credentials = rest[..<at]
        let address = rest[rest.index(after: at)...]
        let user: Substring
        var password: String?
        if let colon = credentials.firstIndex(of: ":") {
            user = credentials[..<colon]
            password = String(credentials[credentials.index(after: colon)...])
        } else {
            user = credentials
        }
        guard !user.isEmpty else { throw PostgresURLError(url: url, reason: "it names no user") }
        var host = address
        var port = 5432
        if let colon = address.lastIndex(of: ":") {
            guard let parsed = Int(address[address.index(after: colon)...]), (1...65535).contains(parsed) else {
                throw PostgresURLError(url: url, reason: "its port is not a number from 1 to 65535")
            }
            port = parsed
            host = address[..<colon]
        }
        guard !host.isEmpty else { throw PostgresURLError(url: url, reason: "it names no host") }
        self.init(host: String(host), port: port, username: String(user), password: password, database: database)
        if let statementTimeout { self.statementTimeout = statementTimeout }
    }
}

/// A `--backend` value that is not a usable PostgreSQL URL.
package struct PostgresURLError: Error, Equatable, CustomStringConvertible {
    package let url: String
    package let reason: String

    package var description: String {
        "invalid PostgreSQL URL \"\(url)\": \(reason)"
    }
}
