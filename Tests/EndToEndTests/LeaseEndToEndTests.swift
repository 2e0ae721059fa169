import CairnGRPC
import CairnWire
import Foundation
import Testing

extension CairndProcessTests {
    /// Leases end to end: many keep-alives on one stream, surviving a restart with their TTL restarted, and expiry
    /// observed by a watcher.
    @Suite struct LeaseEndToEndTests {
        static let leaseCount = 2_000

        @Test func keepAliveOfManyLeasesOnOneStream() async throws {
            try await withCairnd("lease-keepalive") { cairnd in
                let connection = GRPCClientConnection(host: "127.0.0.1", port: cairnd.port)
                defer { Task { await connection.close() } }
                let ids = try await withThrowingTaskGroup(of: [Int64].self) { group in
                    for worker in 0..<16 {
                        group.addTask {
                            var granted: [Int64] = []
                            for _ in stride(from: worker, to: Self.leaseCount, by: 16) {
                                let response: LeaseGrantResponse = try await connection.unary(
                                    path: "/etcdserverpb.Lease/LeaseGrant", request: LeaseGrantRequest(ttl: 60))
                                granted.append(response.id)
                            }
                            return granted
                        }
                    }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
                #expect(Set(ids).count == Self.leaseCount)

                let unknown: Int64 = 0x7fff_ffff_1234_5678
                let requests = ids.prefix(Self.leaseCount / 2) + [unknown] + ids.dropFirst(Self.leaseCount / 2)
                let call: GRPCBidirectionalCall<LeaseKeepAliveRequest, LeaseKeepAliveResponse> =
                    try await connection.bidirectional(path: "/etcdserverpb.Lease/LeaseKeepAlive")
                let sender = Task {
                    for id in requests { try await call.send(LeaseKeepAliveRequest(id: id)) }
                    call.finish()
                }
                var answered: [(id: Int64, ttl: Int64)] = []
                for try await response in call.responses {
                    answered.append((response.id, response.ttl))
                    #expect(response.header?.memberID != 0 && response.header?.revision ?? 0 > 0)
                }
                try await sender.value
                #expect(answered.map(\.id) == Array(requests), "one response per request, in order")
                #expect(answered.allSatisfy { $0.id == unknown ? $0.ttl == 0 : $0.ttl == 60 })
            }
        }

        @Test func liveLeasesSurviveARestartWithTheirTTLRestarted() async throws {
            try await withCairnd("lease-restart") { cairnd in
                let etcdctl = Etcdctl(cairnd)
                var leases: [String] = []
                for index in 0..<3 {
                    let grant = try await etcdctl.json("lease", "grant", "\(60 + index)")
                    let hex = leaseHex(grant.int64("ID") ?? 0)
                    _ = try await etcdctl.output("put", "lr/\(index)", "v", "--lease=\(hex)")
                    leases.append(hex)
                }
                #expect(try await cairnd.stop()?.status == 0)
                try await cairnd.start()
                let list = try await etcdctl.output("lease", "list")
                for (index, hex) in leases.enumerated() {
                    #expect(list.contains(hex), "lease \(hex) missing after restart: \(list)")
                    let ttl = try await etcdctl.output("lease", "timetolive", hex, "--keys")
                    #expect(ttl.contains("granted with TTL(\(60 + index)s)") && ttl.contains("lr/\(index)"), "\(ttl)")
                    let remaining = ttl.split(separator: "remaining(").last?.prefix { $0.isNumber }
                    #expect(Int(remaining ?? "") ?? 0 >= 60 + index - 3, "TTL not restarted: \(ttl)")
                }
                #expect(try await etcdctl.output("lease", "keep-alive", "--once", leases[0]).contains("keepalived"))
            }
        }

        @Test func expiryDeletesAttachedKeysInOneRevisionSeenByAWatcher() async throws {
            try await withCairnd("lease-expiry") { cairnd in
                let etcdctl = Etcdctl(cairnd)
                let start = try await StoreDump.read(etcdctl).revision + 1
                let watcher = try ChildProcess(
                    executable: TestEnvironment.etcdctlPath,
                    arguments: [
                        "--endpoints=\(cairnd.endpoint)", "watch", "exp/", "--prefix", "--rev=\(start)", "-w", "json",
                    ],
                    outputDirectory: cairnd.workDirectory,
                    label: "watch"
                )
                defer { watcher.send(SIGTERM) }
                let grant = try await etcdctl.json("lease", "grant", "2")
                let hex = leaseHex(grant.int64("ID") ?? 0)
                _ = try await etcdctl.output("put", "exp/a", "1", "--lease=\(hex)")
                _ = try await etcdctl.output("put", "exp/b", "2", "--lease=\(hex)")

                // Wait for both DELETE events (etcd's own bound: TTL + its 500 ms check; give it generous slack).
                let clock = ContinuousClock()
                let deadline = clock.now + .seconds(15)
                var deletes: [Int64] = []
                while clock.now < deadline {
                    deletes = Self.deleteRevisions(
                        in: (try? String(contentsOfFile: watcher.stdoutPath, encoding: .utf8)) ?? "")
                    if deletes.count >= 2 { break }
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(deletes.count == 2, "watcher output: \(watcher.currentStderr())")
                #expect(Set(deletes).count == 1, "expiry must delete both keys in one revision: \(deletes)")
                #expect(try await etcdctl.output("get", "exp/", "--prefix") == "")
                #expect(try await etcdctl.output("lease", "timetolive", hex) == "lease \(hex) already expired")
            }
        }

        /// Real-time expiry: the DELETE of a key on a 2 s lease reaches a watcher about 2 s after the grant (the store
        /// aims at 100 ms past the deadline; the bound here leaves room for a loaded test machine).
        @Test(.timeLimit(.minutes(1))) func expiryFollowsTheDeadlineInRealTime() async throws {
            try await withCairnd("lease-timing") { cairnd in
                let connection = GRPCClientConnection(host: "127.0.0.1", port: cairnd.port)
                defer { Task { await connection.close() } }
                let watch: GRPCBidirectionalCall<WatchRequest, WatchResponse> =
                    try await connection.bidirectional(path: "/etcdserverpb.Watch/Watch")
                let create = WatchCreateRequest(key: Array("timed".utf8))
                try await watch.send(WatchRequest(requestUnion: .createRequest(create)))
                var responses = watch.responses.makeAsyncIterator()
                #expect(try await responses.next()?.created == true)

                let clock = ContinuousClock()
                let granted = clock.now
                let grant: LeaseGrantResponse = try await connection.unary(
                    path: "/etcdserverpb.Lease/LeaseGrant", request: LeaseGrantRequest(ttl: 2))
                let put = PutRequest(key: Array("timed".utf8), value: [1], lease: grant.id)
                let _: PutResponse = try await connection.unary(path: "/etcdserverpb.KV/Put", request: put)
                var expiredAfter: Duration?
                while expiredAfter == nil, let response = try await responses.next() {
                    if response.events.contains(where: { $0.type == .delete }) { expiredAfter = clock.now - granted }
                }
                let elapsed = try #require(expiredAfter, "the watch ended without the expiry's DELETE")
                #expect(elapsed >= .milliseconds(1950) && elapsed <= .milliseconds(2400), "expired after \(elapsed)")
                watch.cancel()
            }
        }

        /// etcdctl's `lock` is clientv3's concurrency mutex: a session lease, a create-if-absent txn and a watch on
        /// the previous waiter. When the holder stops renewing (SIGSTOP), its lease expires and the waiter takes over.
        @Test func lockHandsOverWhenTheHoldersLeaseExpires() async throws {
            try await withCairnd("lock") { cairnd in
                let etcdctl = Etcdctl(cairnd)
                let arguments = ["--endpoints=\(cairnd.endpoint)", "lock", "--ttl=2", "handover"]
                let holder = try ChildProcess(
                    executable: TestEnvironment.etcdctlPath, arguments: arguments,
                    outputDirectory: cairnd.workDirectory, label: "holder")
                defer { holder.send(SIGKILL) }
                let holderKey = try await Self.firstLine(of: holder, within: .seconds(10))
                #expect(holderKey.hasPrefix("handover/"))

                let waiter = try ChildProcess(
                    executable: TestEnvironment.etcdctlPath, arguments: arguments,
                    outputDirectory: cairnd.workDirectory, label: "waiter")
                defer { waiter.send(SIGKILL) }
                let clock = ContinuousClock()
                let deadline = clock.now + .seconds(10)
                var waiting: [Substring] = []
                while clock.now < deadline, waiting.count < 2 {
                    waiting = try await etcdctl.output("get", "handover/", "--prefix", "--keys-only")
                        .split(separator: "\n")
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(waiting.count == 2, "the waiter never queued: \(waiting)")
                #expect(Self.lines(of: waiter).isEmpty, "the waiter took a held lock")

                holder.send(SIGSTOP)
                let waiterKey = try await Self.firstLine(of: waiter, within: .seconds(15))
                #expect(waiterKey.hasPrefix("handover/") && waiterKey != holderKey)
                let remaining = try await etcdctl.output("get", "handover/", "--prefix", "--keys-only")
                #expect(remaining == waiterKey, "the expired holder's key must be gone")
            }
        }

        private static func lines(of process: ChildProcess) -> [Substring] {
            ((try? String(contentsOfFile: process.stdoutPath, encoding: .utf8)) ?? "").split(separator: "\n")
        }

        /// Waits for the first line a process prints on stdout.
        private static func firstLine(of process: ChildProcess, within timeout: Duration) async throws -> String {
            let clock = ContinuousClock()
            let deadline = clock.now + timeout
            while clock.now < deadline {
                if let line = lines(of: process).first { return String(line) }
                try await Task.sleep(for: .milliseconds(20))
            }
            throw ProcessFailure(description: "no output from \(process.arguments) within \(timeout)")
        }

        /// The mod_revision of every DELETE event in etcdctl's `watch -w json` output (one response per line).
        private static func deleteRevisions(in output: String) -> [Int64] {
            output.split(separator: "\n").flatMap { line -> [Int64] in
                guard let response = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    return []
                }
                return response.objects("Events").compactMap { event in
                    guard (event["type"] as? NSNumber)?.intValue == 1 || event["type"] as? String == "DELETE" else {
                        return nil
                    }
                    return event.object("kv")?.int64("mod_revision")
                }
            }
        }
    }
}
