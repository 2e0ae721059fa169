import CairnGRPC
import CairnWire
import Foundation
import Synchronization

/// Concurrent writers driving puts, deletes, txns and lease grants with attached keys over gRPC, each on its own
/// connection, recording what the server acknowledged in a `WriteLedger`.
final class WriteLoad: Sendable {
    /// Shared between the writers and the controlling test.
    private final class Control: Sendable {
        let stopped = Atomic<Bool>(false)
        let completedSteps = Atomic<Int>(0)
    }

    private let control = Control()
    private let writers: [Task<WriteLedger, Never>]

    /// Starts `writerCount` writers against `port`; key names carry `tag` so loads of different cycles never
    /// share keys.
    init(port: Int, writerCount: Int, tag: String) {
        var tasks: [Task<WriteLedger, Never>] = []
        let control = self.control
        for writer in 0..<writerCount {
            tasks.append(
                Task {
                    let connection = GRPCClientConnection(host: "127.0.0.1", port: port)
                    var ledger = WriteLedger()
                    var step = 0
                    while !control.stopped.load(ordering: .relaxed) {
                        await Self.step(step, writer: "\(tag)/w\(writer)", connection, &ledger)
                        control.completedSteps.add(1, ordering: .relaxed)
                        step += 1
                    }
                    await connection.close()
                    return ledger
                })
        }
        writers = tasks
    }

    /// How many operations the writers have finished (acknowledged or not).
    var completedSteps: Int { control.completedSteps.load(ordering: .relaxed) }

    /// Waits until the writers have finished at least `count` operations.
    func waitForSteps(_ count: Int) async throws {
        while completedSteps < count { try await Task.sleep(for: .milliseconds(2)) }
    }

    /// Tells the writers to stop after their current operation and returns everything they recorded.
    func stop() async -> WriteLedger {
        control.stopped.store(true, ordering: .relaxed)
        var ledger = WriteLedger()
        for writer in writers { ledger.merge(await writer.value) }
        return ledger
    }

    private static func step(
        _ step: Int, writer: String, _ connection: GRPCClientConnection, _ ledger: inout WriteLedger
    ) async {
        let key = "load/\(writer)/\(step)"
        switch step % 4 {
        case 0:
            let revision = await put(connection, key, "v\(step)")
            ledger.record(key, .present(value: "v\(step)", lease: 0), revision: revision)
        case 1:
            let revision = await put(connection, key, "d\(step)")
            ledger.record(key, .present(value: "d\(step)", lease: 0), revision: revision)
            guard revision != nil else { return }
            let delete = DeleteRangeRequest(key: Array(key.utf8))
            let response: DeleteRangeResponse? = await call(connection, "/etcdserverpb.KV/DeleteRange", delete)
            ledger.record(key, .absent, revision: response?.header?.revision)
        case 2:
            let operations = ["a", "b"].map { part in
                RequestOp(request: .put(PutRequest(key: Array("\(key)/\(part)".utf8), value: Array("t\(part)".utf8))))
            }
            let response: TxnResponse? = await call(connection, "/etcdserverpb.KV/Txn", TxnRequest(success: operations))
            for part in ["a", "b"] {
                ledger.record(
                    "\(key)/\(part)", .present(value: "t\(part)", lease: 0), revision: response?.header?.revision)
            }
        default:
            let grant: LeaseGrantResponse? = await call(
                connection, "/etcdserverpb.Lease/LeaseGrant", LeaseGrantRequest(ttl: 600))
            guard let id = grant?.id else { return }
            ledger.recordLease(id)
            let revision = await put(connection, key, "l\(step)", lease: id)
            ledger.record(key, .present(value: "l\(step)", lease: id), revision: revision)
        }
    }

    private static func put(_ connection: GRPCClientConnection, _ key: String, _ value: String, lease: Int64 = 0)
        async -> Int64?
    {
        let request = PutRequest(key: Array(key.utf8), value: Array(value.utf8), lease: lease)
        let response: PutResponse? = await call(connection, "/etcdserverpb.KV/Put", request)
        return response?.header?.revision
    }

    /// The response of a successful call, or nil when it was not acknowledged.
    private static func call<Req: WireMessage, Res: WireMessage>(
        _ connection: GRPCClientConnection, _ path: String, _ request: Req
    ) async -> Res? {
        try? await connection.unary(path: path, request: request, timeout: .seconds(5))
    }
}
