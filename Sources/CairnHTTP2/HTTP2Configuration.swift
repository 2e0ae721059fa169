/// Tunables of one HTTP/2 connection, for either role.
package struct HTTP2Configuration: Sendable {
    /// SETTINGS_MAX_CONCURRENT_STREAMS advertised to the peer. etcd advertises 2^32-1; so do we by default.
    package var maxConcurrentStreams: UInt32 = .max
    /// SETTINGS_INITIAL_WINDOW_SIZE: how many bytes the peer may send on a stream before we grant more.
    package var initialStreamWindowSize: Int32 = 1 << 20
    /// The connection-level receive window, raised from the protocol default of 65,535 right after SETTINGS.
    package var connectionWindowSize: Int32 = 8 << 20
    /// SETTINGS_MAX_HEADER_LIST_SIZE, also enforced on every received header block (name + value + 32 per field).
    package var maxHeaderListSize: Int = 16 << 10
    /// Queued outbound bytes per stream above which writers are asked to wait (see `HTTP2ConnectionHandler.write`).
    package var maxQueuedBytesPerStream: Int = 256 << 10
    /// Queued outbound bytes of all streams of the connection together above which every writer waits, so a
    /// peer that does not read holds at most about this much (plus one response) of the server's memory.
    package var maxQueuedBytesPerConnection: Int = 16 << 20
    /// Rapid-reset protection: a token bucket of this many RST_STREAMs of streams not answered yet, refilled
    /// at `resetRate` per second; beyond it the connection ends with GOAWAY(ENHANCE_YOUR_CALM).
    package var resetBurst: UInt64 = 1000
    /// Refill rate of the RST_STREAM token bucket, per second.
    package var resetRate: UInt64 = 33

    /// The defaults above.
    package init() {}
}
