import CairnPostgres
import CairnStore
import CairnWire
import Foundation

/// Opens a backend on a fresh database of the shared test instance and closes it after `body`.
func withPostgresBackend<Result>(
    _ body: (PostgresBackend, PostgresBackendConfiguration) async throws -> Result
) async throws -> Result {
    let configuration = try await PostgresTestServer.shared.freshDatabase()
    let backend = try await PostgresBackend.open(configuration)
    do {
        let result = try await body(backend, configuration)
        try await backend.close()
        return result
    } catch {
        try? await backend.close()
        throw error
    }
}

/// Opens an embedded store in a fresh directory (no fsync) and closes and removes it after `body`.
func withEmbeddedStore<Result>(_ body: (EmbeddedStore) async throws -> Result) async throws -> Result {
    let directory = NSTemporaryDirectory() + "cairn-pg-reference-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let store = try EmbeddedStore.open(StoreConfiguration(dataDirectory: directory, noSync: true))
    do {
        let result = try await body(store)
        try await store.close()
        return result
    } catch {
        try? await store.close()
        throw error
    }
}

/// A request's outcome, comparable across backends: the response or the etcd error.
enum Outcome<Value: Hashable>: Hashable {
    case value(Value)
    case error(EtcdError)

    init(_ body: () async throws -> Value) async throws {
        do {
            self = .value(try await body())
        } catch let error as EtcdError {
            self = .error(error)
        }
    }
}

/// Collects committed revisions handed to a subscriber and lets a test await a count of them.
final class CommitCollector: Sendable {
    private let stream: AsyncStream<CommittedRevision>
    private let continuation: AsyncStream<CommittedRevision>.Continuation
    private let token: SubscriptionToken

    /// Subscribes to `backend`, keeping only revisions above `after` (a backend may still be
    /// delivering revisions committed before the subscription).
    init(_ backend: any KeyValueBackend, after: Int64) {
        let (stream, continuation) = AsyncStream.makeStream(of: CommittedRevision.self)
        self.stream = stream
        self.continuation = continuation
        token = backend.subscribeCommits { revision in
            if revision.revision > after { continuation.yield(revision) }
        }
    }

    /// The next `count` revisions delivered, in delivery order; what arrived by `limit` if fewer
    /// did (so that a missing revision fails the test instead of hanging it).
    func next(_ count: Int, within limit: Duration = .seconds(30)) async -> [CommittedRevision] {
        let stream = self.stream
        return await withTaskGroup(of: [CommittedRevision]?.self) { group in
            group.addTask {
                var collected: [CommittedRevision] = []
                for await revision in stream {
                    collected.append(revision)
                    if collected.count == count { break }
                }
                return collected
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? []
        }
    }

    func cancel() {
        token.cancel()
        continuation.finish()
    }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}

/// A small deterministic generator (SplitMix64), so a failing seed can be rerun.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
