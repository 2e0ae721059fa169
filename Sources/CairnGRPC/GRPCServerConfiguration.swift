import CairnHTTP2
import NIOCore

/// Settings of a `GRPCServer`.
package struct GRPCServerConfiguration: Sendable {
    /// Largest request message accepted; bigger ones fail that call with RESOURCE_EXHAUSTED.
    /// etcd's default (1.5 MiB + 512 KiB).
    package var maxReceiveMessageSize = 2 << 20
    /// HTTP/2 settings (max concurrent streams, windows, header-list limit, per-stream output bound).
    package var http2 = HTTP2Configuration()
    /// Called for connections that do not start with the HTTP/2 preface (HTTP/1.1 on the same port); it adds
    /// its handlers to the channel. Without it such connections get HTTP/2's GOAWAY and are closed.
    package var http1Initializer: (@Sendable (any Channel) -> EventLoopFuture<Void>)?
    /// Most client connections open at once; a connection accepted beyond it is closed at once, before
    /// any byte is read. `Int.max` (the default, like etcd) means no limit.
    package var maxConnections = Int.max
    /// While a connection's unread responses exceed `http2.maxQueuedBytesPerConnection`, a new stream is
    /// refused (RST_STREAM REFUSED_STREAM) once this many calls are open on it, so a client that sends
    /// requests but never reads cannot make the server hold their requests without bound either.
    package var maxCallsWhileOutboundBlocked = 1024

    /// The defaults above.
    package init() {}

    /// SETTINGS_MAX_CONCURRENT_STREAMS advertised to clients.
    package var maxConcurrentStreams: UInt32 {
        get { http2.maxConcurrentStreams }
        set { http2.maxConcurrentStreams = newValue }
    }
}
