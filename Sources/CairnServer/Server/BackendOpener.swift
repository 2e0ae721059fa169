import CairnStore
import Logging

/// Opens the store a `--backend` URL names. cairnd supplies the backends it was built with, so the server
/// never imports them.
package struct BackendOpener: Sendable {
    package let open:
        @Sendable (_ url: String, _ configuration: ServerConfiguration, _ logger: Logger) async throws
            -> any KeyValueBackend

    package init(
        _ open:
            @escaping @Sendable (_ url: String, _ configuration: ServerConfiguration, _ logger: Logger) async throws
            -> any KeyValueBackend
    ) {
        self.open = open
    }

    /// Refuses every URL: a server built with the embedded store only.
    package static let embeddedOnly = BackendOpener { url, _, _ in throw UnsupportedBackend(url: url) }
}

/// A `--backend` this build cannot open.
package struct UnsupportedBackend: Error, CustomStringConvertible {
    package let url: String

    package var description: String { "this cairnd cannot open the backend \(url)" }
}
