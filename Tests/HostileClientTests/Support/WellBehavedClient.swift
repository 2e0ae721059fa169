import CairnGRPC
import CairnWire
import Synchronization

/// An ordinary client on its own connection, whose latency shows whether a hostile one hurts others.
struct WellBehavedClient {
    let connection: GRPCClientConnection

    init(port: Int) {
        connection = GRPCClientConnection(host: "127.0.0.1", port: port)
    }

    /// One put and one read of it; returns how long both took.
    func roundTrip(_ key: String = "probe") async throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        let value = Array("value-\(start)".utf8)
        let _: PutResponse = try await connection.unary(
            path: "/etcdserverpb.KV/Put", request: PutRequest(key: Array(key.utf8), value: value),
            timeout: .seconds(10))
        let range: RangeResponse = try await connection.unary(
            path: "/etcdserverpb.KV/Range", request: RangeRequest(key: Array(key.utf8)), timeout: .seconds(10))
        guard range.kvs.first?.value == value else {
            throw HarnessFailure(description: "the well-behaved client read back \(range.kvs)")
        }
        return clock.now - start
    }

    /// The slowest of `count` round trips.
    func slowestRoundTrip(of count: Int = 5) async throws -> Duration {
        var slowest = Duration.zero
        for _ in 0..<count {
            slowest = max(slowest, try await roundTrip())
        }
        return slowest
    }

    func close() async {
        await connection.close()
    }
}

/// The bounds every hostile-client test holds, and a place to print what was measured.
enum Bounds {
    /// The slowest put plus range a well-behaved client may see while the hostile one is at work: 2 s, or ten
    /// times the slowest of the same client's round trips just before (`baseline`) when the machine is so
    /// loaded that this is more. Unloaded, one takes 5-50 ms in a debug build.
    static func roundTrip(_ baseline: Duration) -> Duration {
        max(.seconds(2), baseline * 10)
    }
    /// cairnd's resident memory during and after any one hostile client.
    static let residentBytes = 512 << 20
    /// Growth of cairnd's resident memory allowed for one connection that never reads its responses: the
    /// connection's 16 MiB limit of queued output, one response beyond it, and the requests held meanwhile.
    static let unreadResponsesPerConnection = 64 << 20

    /// Prints one figure in a form RELIABILITY.md's numbers are taken from.
    static func report(_ test: String, _ figures: KeyValuePairs<String, String>) {
        print("hostile-figure \(test): " + figures.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
    }

    static func megabytes(_ bytes: Int) -> String {
        "\(bytes >> 20)MiB"
    }
}

/// Set once by a background client when it is done; polled by the test measuring meanwhile.
final class DoneFlag: Sendable {
    private let value = Mutex(false)

    var isSet: Bool { value.withLock { $0 } }

    func set() {
        value.withLock { $0 = true }
    }
}
