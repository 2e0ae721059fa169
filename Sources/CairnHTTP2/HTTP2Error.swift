/// Why an HTTP/2 operation could not be carried out.
package struct HTTP2Error: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Base: Hashable {
        case streamClosed
        case connectionClosed
        case goAwayReceived
        case library(Int32)
    }

    private let base: Base
    /// Human-readable explanation.
    package let description: String

    private init(_ base: Base, _ description: String) {
        self.base = base
        self.description = description
    }

    /// The stream was closed (reset by either side or finished) before the operation.
    package static let streamClosed = HTTP2Error(.streamClosed, "HTTP/2 stream closed")
    /// The connection is closed or closing.
    package static let connectionClosed = HTTP2Error(.connectionClosed, "HTTP/2 connection closed")
    /// The peer sent GOAWAY, so no new stream may be opened on this connection.
    package static let goAwayReceived = HTTP2Error(.goAwayReceived, "HTTP/2 GOAWAY received; no new streams")

    /// An nghttp2 call failed with `code` (its message included).
    static func library(_ code: Int32, _ message: String) -> HTTP2Error {
        HTTP2Error(.library(code), "nghttp2 error \(code): \(message)")
    }
}
