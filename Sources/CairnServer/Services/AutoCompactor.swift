import CairnStore
import CairnWire
import Logging

/// Runs `--auto-compaction-mode`/`--auto-compaction-retention` as etcd does:
/// - periodic: every `retention / 10` (at most every hour) it samples the current revision and compacts to the
///   revision sampled `retention` ago, so roughly `retention` of history stays readable;
/// - revision: every `revisionModeInterval` (etcd: 5 minutes) it compacts to `current - retention`.
package struct AutoCompactor: Sendable {
    package let policy: AutoCompaction
    let store: any KeyValueBackend
    let logger: Logger
    let revisionModeInterval: Duration

    package init(
        policy: AutoCompaction, store: any KeyValueBackend, logger: Logger,
        revisionModeInterval: Duration = .seconds(300)
    ) {
        self.policy = policy
        self.store = store
        self.logger = logger
        self.revisionModeInterval = revisionModeInterval
    }

    /// How often the periodic mode samples: a tenth of the retention, but at least hourly for long retentions.
    package static func samplingInterval(retention: Duration) -> Duration {
        min(retention / 10, .seconds(3600))
    }

    /// Compacts according to the policy until the task is cancelled; returns at once when compaction is off.
    package func run() async {
        switch policy {
        case .off:
            return
        case .periodic(let retention):
            let interval = Self.samplingInterval(retention: retention)
            let window = max(Int((retention / interval).rounded(.up)), 1)
            var samples: [Int64] = []
            while await pause(interval) {
                samples.append(store.currentRevision)
                if samples.count > window { samples.removeFirst() }
                if samples.count == window { await compact(to: samples[0]) }
            }
        case .revision(let retention):
            while await pause(revisionModeInterval) {
                await compact(to: store.currentRevision - retention)
            }
        }
    }

    /// Sleeps; false once the task is cancelled.
    private func pause(_ interval: Duration) async -> Bool {
        do {
            try await Task.sleep(for: interval)
            return true
        } catch {
            return false
        }
    }

    /// Compacts to `revision` unless that is already compacted (or nothing would be dropped).
    private func compact(to revision: Int64) async {
        guard revision > max(store.compactRevision, 1) else { return }
        do {
            _ = try await store.compact(CompactionRequest(revision: revision))
            logger.info("finished auto-compaction", metadata: ["compact-revision": "\(revision)"])
        } catch {
            logger.warning("auto-compaction failed", metadata: ["revision": "\(revision)", "error": "\(error)"])
        }
    }
}
