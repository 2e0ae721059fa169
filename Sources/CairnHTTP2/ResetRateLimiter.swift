import NIOCore

/// Rapid-reset protection (CVE-2023-44487) that charges only what the attack exploits: a stream the peer
/// resets before the server has begun to answer it. nghttp2's own limit counts every RST_STREAM received,
/// which also cuts off honest clients that cancel answered streams by the thousand (etcd's KeepAliveOnce
/// opens a LeaseKeepAlive stream, reads one answer and cancels it), so it is switched off in its favour.
struct ResetRateLimiter {
    private let burst: Double
    private let perSecond: Double
    private var tokens: Double
    private var refilled: NIODeadline

    /// A token bucket holding `burst` resets, refilled at `perSecond`.
    init(burst: UInt64, perSecond: UInt64, now: NIODeadline = .now()) {
        self.burst = Double(burst)
        self.perSecond = Double(perSecond)
        self.tokens = Double(burst)
        self.refilled = now
    }

    /// Takes one token for a reset of an unanswered stream; false once the bucket is empty.
    mutating func admit(now: NIODeadline = .now()) -> Bool {
        let elapsed = Double((now - refilled).nanoseconds) / 1e9
        refilled = now
        tokens = min(burst, tokens + max(0, elapsed) * perSecond)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
