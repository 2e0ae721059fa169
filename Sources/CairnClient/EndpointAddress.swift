/// One server address taken from an endpoint string.
struct EndpointAddress: Sendable, Hashable {
    var host: String
    var port: Int

    /// Accepts `host:port`, `http://host:port`, `[v6]:port`, or a bare host (port 2379).
    init(parsing endpoint: String) throws(EtcdClientError) {
        var rest = Substring(endpoint)
        if rest.hasPrefix("http://") {
            rest = rest.dropFirst("http://".count)
        } else if rest.contains("://") {
            throw .invalidEndpoint(endpoint)
        }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            port = after.isEmpty ? 2379 : Int(after.dropFirst()) ?? -1
        } else if let colon = rest.lastIndex(of: ":") {
            host = String(rest[..<colon])
            port = Int(rest[rest.index(after: colon)...]) ?? -1
        } else {
            host = String(rest)
            port = 2379
        }
        guard !host.isEmpty, (1...65535).contains(port) else { throw .invalidEndpoint(endpoint) }
    }
}
