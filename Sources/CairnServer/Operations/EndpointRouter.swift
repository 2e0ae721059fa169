/// A complete HTTP/1.1 response for one of the client port's plain HTTP endpoints.
package struct EndpointResponse: Sendable, Equatable {
    package var status: Int
    package var contentType: String
    package var body: [UInt8]

    package init(status: Int, contentType: String, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    static func text(_ status: Int, _ text: String) -> EndpointResponse {
        EndpointResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }

    static func json(_ status: Int, _ json: String) -> EndpointResponse {
        EndpointResponse(status: status, contentType: "application/json", body: Array(json.utf8))
    }
}

/// What the client port answers over HTTP/1.1, as etcd does: `/health`, `/livez`, `/readyz`, `/version` and
/// `/metrics`. Independent of NIO so the routing can be tested directly.
package struct EndpointRouter: Sendable {
    /// Current health problems; none means healthy.
    package var health: @Sendable () -> [HealthProblem]
    package var metrics: ServerMetrics

    package init(metrics: ServerMetrics, health: @escaping @Sendable () -> [HealthProblem]) {
        self.metrics = metrics
        self.health = health
    }

    /// The response to a `GET` (or `HEAD`, whose body the caller drops) of `uri`; other methods get 405.
    package func response(method: String, uri: String) -> EndpointResponse {
        let (path, query) = Self.split(uri)
        let known = ["/health", "/livez", "/readyz", "/version", "/metrics"]
        guard known.contains(path) else { return .text(404, "404 page not found\n") }
        guard method == "GET" || method == "HEAD" else { return .text(405, "Method Not Allowed\n") }
        switch path {
        case "/health":
            let excluded = Set(query.filter { $0.0 == "exclude" }.map(\.1))
            let problems = health().filter { !excluded.contains($0.name) }
            let reason = problems.map(\.reason).joined(separator: "; ")
            let body = JSONText.object([
                ("health", JSONText.quoted(problems.isEmpty ? "true" : "false")), ("reason", JSONText.quoted(reason)),
            ])
            return .json(problems.isEmpty ? 200 : 503, body)
        case "/readyz":
            let problems = health()
            return problems.isEmpty
                ? .text(200, "ok") : .text(503, "not ready: " + problems.map(\.reason).joined(separator: "; "))
        case "/version":
            return .json(
                200,
                JSONText.object([
                    ("etcdserver", JSONText.quoted(CairnVersion.etcdServer)),
                    ("etcdcluster", JSONText.quoted(CairnVersion.etcdCluster)),
                ])
            )
        case "/metrics":
            return EndpointResponse(
                status: 200,
                contentType: "text/plain; version=0.0.4; charset=utf-8",
                body: metrics.exposition()
            )
        default:
            return .text(200, "ok")
        }
    }

    /// Splits `/path?a=b&c` into the path and its query items (a bare item has an empty value).
    static func split(_ uri: String) -> (path: String, query: [(String, String)]) {
        guard let mark = uri.firstIndex(of: "?") else { return (uri, []) }
        let items = uri[uri.index(after: mark)...].split(separator: "&").map { item -> (String, String) in
            guard let equals = item.firstIndex(of: "=") else { return (String(item), "") }
            return (String(item[..<equals]), String(item[item.index(after: equals)...]))
        }
        return (String(uri[..<mark]), items)
    }
}
