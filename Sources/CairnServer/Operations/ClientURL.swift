/// One `scheme://host:port` entry of `--listen-client-urls`, `--advertise-client-urls` or
/// `--listen-metrics-urls`.
package struct ClientURL: Sendable, Hashable, CustomStringConvertible {
    package var scheme: String
    /// The host as written, without IPv6 brackets (`::1`, `127.0.0.1`, `localhost`, `0.0.0.0`).
    package var host: String
    package var port: Int

    package init(scheme: String, host: String, port: Int) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// Parses `http://host:port` (also `https`, IPv6 as `[::1]`); a trailing `/` is tolerated, a path is not.
    /// Returns a reason on failure.
    package static func parse(_ text: String) -> Result<ClientURL, URLProblem> {
        guard let separator = text.range(of: "://") else {
            return .failure(.init("missing scheme, expected http://host:port"))
        }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            return .failure(.init("unsupported scheme \"\(scheme)\", expected http or https"))
        }
        var authority = text[separator.upperBound...]
        if authority.hasSuffix("/") { authority = authority.dropLast() }
        guard !authority.contains("/"), !authority.contains("?") else {
            return .failure(.init("a client URL must not contain a path"))
        }
        let host: Substring
        let portText: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return .failure(.init("unterminated IPv6 address")) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let afterHost = authority[authority.index(after: close)...]
            guard afterHost.hasPrefix(":") else { return .failure(.init("missing port")) }
            portText = afterHost.dropFirst()
        } else {
            guard let colon = authority.lastIndex(of: ":") else { return .failure(.init("missing port")) }
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { return .failure(.init("missing host")) }
        guard let port = Int(portText), (0...65535).contains(port) else {
            return .failure(.init("invalid port \"\(portText)\""))
        }
        return .success(ClientURL(scheme: scheme, host: String(host), port: port))
    }

    /// Parses a comma-separated list, as etcd accepts for every URL flag; empty entries are skipped.
    package static func parseList(_ text: String) -> Result<[ClientURL], URLProblem> {
        var urls: [ClientURL] = []
        for entry in text.split(separator: ",") {
            let trimmed = entry.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            switch parse(trimmed) {
            case .success(let url): urls.append(url)
            case .failure(let problem): return .failure(.init("\(trimmed): \(problem.reason)"))
            }
        }
        return .success(urls)
    }

    /// True for `localhost`, `127.0.0.0/8` and `::1`: the addresses only this machine can reach.
    package var isLoopback: Bool {
        let lowered = host.lowercased()
        return lowered == "localhost" || lowered == "::1" || lowered.hasPrefix("127.")
    }

    package var isTLS: Bool { scheme == "https" }

    package var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost):\(port)"
    }

    /// Why a URL did not parse.
    package struct URLProblem: Error, Equatable {
        package var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
