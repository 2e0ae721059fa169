import CairnStore
import CairnWire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Crash-test helper: opens the store in `<data-directory>` (with fsync) and runs `<writers>` concurrent
// writers that each commit txns putting `<prefix>/w<writer>/a/<n>` and `<prefix>/w<writer>/b/<n>`
// for n = 0, 1, 2, ... One line `<writer> <n>` goes to stdout after each acknowledgement. It runs
// until it is killed; the test kills it with SIGKILL and checks that every acknowledged txn survived
// whole and that no txn survived half.

/// Writes one line to stdout unbuffered, so that a kill cannot lose an acknowledgement already printed.
func emit(_ line: String) {
    var bytes = Array(line.utf8)
    bytes.append(UInt8(ascii: "\n"))
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let writers = Int(arguments[3]) else {
    emit("usage: StoreCrashWriter <data-directory> <prefix> <writers>")
    exit(2)
}
let prefix = arguments[2]
let store = try EmbeddedStore.open(StoreConfiguration(dataDirectory: arguments[1], snapshotCount: 500))
emit("ready")
try await withThrowingTaskGroup(of: Void.self) { group in
    for writer in 0..<writers {
        group.addTask {
            var sequence = 0
            while true {
                let value = Array("value \(sequence) of writer \(writer)".utf8)
                let request = TxnRequest(success: [
                    RequestOp(
                        request: .put(PutRequest(key: Array("\(prefix)/w\(writer)/a/\(sequence)".utf8), value: value))),
                    RequestOp(
                        request: .put(PutRequest(key: Array("\(prefix)/w\(writer)/b/\(sequence)".utf8), value: value))),
                ])
                _ = try await store.txn(request)
                emit("\(writer) \(sequence)")
                sequence += 1
            }
        }
    }
    try await group.waitForAll()
}
