import Foundation
import Synchronization

/// Concurrent writers driving puts, deletes, txns and lease grants with attached keys through etcdctl,
/// each recording what the server acknowledged in a `WriteLedger`.
final class WriteLoad: Sendable {
    /// Shared between the writers and the controlling test.
    private final class Control: Sendable {
        let stopped = Atomic<Bool>(false)
        let completedSteps = Atomic<Int>(0)
    }

    private let control = Control()
    private let writers: [Task<WriteLedger, Never>]

    /// Starts `writerCount` writers; key names carry `tag` so loads of different cycles never share keys.
    init(_ etcdctl: Etcdctl, writerCount: Int, tag: String) {
        var tasks: [Task<WriteLedger, Never>] = []
        let control = self.control
        for writer in 0..<writerCount {
            tasks.append(
                Task {
                    var ledger = WriteLedger()
                    var step = 0
                    while !control.stopped.load(ordering: .relaxed) {
                        await Self.step(step, writer: "\(tag)/w\(writer)", etcdctl, &ledger)
                        control.completedSteps.add(1, ordering: .relaxed)
                        step += 1
                    }
                    return ledger
                })
        }
        writers = tasks
    }

    /// How many operations the writers have finished (acknowledged or not).
    var completedSteps: Int { control.completedSteps.load(ordering: .relaxed) }

    /// Waits until the writers have finished at least `count` operations.
    func waitForSteps(_ count: Int) async throws {
        while completedSteps < count { try await Task.sleep(for: .milliseconds(5)) }
    }

    /// Tells the writers to stop after their current operation and returns everything they recorded.
    func stop() async -> WriteLedger {
        control.stopped.store(true, ordering: .relaxed)
        var ledger = WriteLedger()
        for writer in writers { ledger.merge(await writer.value) }
        return ledger
    }

    /// Short timeouts so an operation in flight when the server dies fails fast instead of retrying.
    private static let flags = ["--dial-timeout=1s", "--command-timeout=3s", "-w", "json"]

    private static func step(_ step: Int, writer: String, _ etcdctl: Etcdctl, _ ledger: inout WriteLedger) async {
        let key = "load/\(writer)/\(step)"
        switch step % 4 {
        case 0:
            let revision = await acknowledgedRevision(etcdctl, ["put", key, "v\(step)"])
            ledger.record(key, .present(value: "v\(step)", lease: 0), revision: revision)
        case 1:
            let revision = await acknowledgedRevision(etcdctl, ["put", key, "d\(step)"])
            ledger.record(key, .present(value: "d\(step)", lease: 0), revision: revision)
            guard revision != nil else { return }
            ledger.record(key, .absent, revision: await acknowledgedRevision(etcdctl, ["del", key]))
        case 2:
            let script = "\n" + "put \(key)/a ta\nput \(key)/b tb\n" + "\n\n"
            let revision = await acknowledgedRevision(etcdctl, ["txn"], stdin: Data(script.utf8))
            ledger.record("\(key)/a", .present(value: "ta", lease: 0), revision: revision)
            ledger.record("\(key)/b", .present(value: "tb", lease: 0), revision: revision)
        default:
            guard let grant = await json(etcdctl, ["lease", "grant", "600"]), let id = grant.int64("ID") else { return }
            ledger.recordLease(id)
            let put = ["put", key, "l\(step)", "--lease=\(String(UInt64(bitPattern: id), radix: 16))"]
            ledger.record(
                key, .present(value: "l\(step)", lease: id), revision: await acknowledgedRevision(etcdctl, put))
        }
    }

    private static func json(_ etcdctl: Etcdctl, _ arguments: [String], stdin: Data? = nil) async -> [String: Any]? {
        guard let outcome = try? await etcdctl.run(flags + arguments, stdin: stdin), outcome.status == 0 else {
            return nil
        }
        return try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
    }

    /// The header revision of a successful write, or nil when it was not acknowledged.
    private static func acknowledgedRevision(_ etcdctl: Etcdctl, _ arguments: [String], stdin: Data? = nil) async
        -> Int64?
    {
        guard let response = await json(etcdctl, arguments, stdin: stdin) else { return nil }
        return response.object("header")?.int64("revision") ?? response.int64("revision")
    }
}
