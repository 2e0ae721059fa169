import Benchmark
import CairnWire
import NIOCore
import SwiftProtobuf
import SwiftProtobufBaseline

/// Keeps the optimizer from discarding a benchmark's result.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// Registers encode and decode benchmarks for one workload, CairnWire and swift-protobuf side by
/// side. The swift-protobuf value is decoded from CairnWire's bytes, so both hold the same data.
/// Each measured iteration runs the operation `batch` times so that clock overhead does not count.
func register<M: WireMessage, P: SwiftProtobuf.Message>(
    _ name: String,
    _ message: M,
    as baselineType: P.Type,
    batch: Int
) {
    let buffer = message.encodedBuffer()
    let bytes = message.encodedBytes()
    let baseline = try! P(serializedBytes: bytes)
    precondition((try! baseline.serializedBytes() as [UInt8]) == bytes, "\(name): codecs disagree")

    benchmark("\(name) x\(batch) encode CairnWire") {
        for _ in 0..<batch {
            blackHole(message.encodedBytes())
        }
    }
    benchmark("\(name) x\(batch) encode swift-protobuf") {
        for _ in 0..<batch {
            let output: [UInt8] = try baseline.serializedBytes()
            blackHole(output)
        }
    }
    benchmark("\(name) x\(batch) decode CairnWire") {
        for _ in 0..<batch {
            blackHole(try M(decoding: buffer))
        }
    }
    benchmark("\(name) x\(batch) decode swift-protobuf") {
        for _ in 0..<batch {
            blackHole(try P(serializedBytes: bytes))
        }
    }
}

register("PutRequest", Workloads.put, as: Etcdserverpb_PutRequest.self, batch: 1000)
register("RangeResponse(100 kvs)", Workloads.range, as: Etcdserverpb_RangeResponse.self, batch: 10)
register("WatchResponse(100 events)", Workloads.watch, as: Etcdserverpb_WatchResponse.self, batch: 10)

Benchmark.main()
