import CairnHTTP2
import Dispatch
import NIOCore
import NIOEmbedded

@testable import CairnGRPC

/// The HTTP/2 client connection preface.
let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

/// Chunk sizes the input is cut into, as TCP reads would cut it.
let chunkSizes = [1, 3, 9, 24, 100, 1 << 16]

/// Serves `stream` on a fresh testing channel exactly as an accepted connection is served (preface
/// sniffing, the nghttp2 session, gRPC routing), feeding it in chunks and draining everything written back.
func serve(_ stream: [UInt8], chunkSize: Int) async {
    let server = GRPCServer(router: FuzzRouter.router)
    let channel = NIOAsyncTestingChannel()
    let loop = channel.testingEventLoop
    do {
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 2379)).get()
        try await loop.executeInContext { server.initializeConnection(channel) }.get()
    } catch {
        fatalError("cannot set up the connection: \(error)")
    }
    var offset = 0
    while offset < stream.count, channel.isActive {
        let end = min(offset + chunkSize, stream.count)
        _ = try? await channel.writeInbound(ByteBuffer(bytes: stream[offset..<end]))
        offset = end
        await drain(channel)
    }
    // Let handler tasks finish and timers (deadlines, GOAWAY grace) fire.
    for _ in 0..<3 {
        await Task.yield()
        await loop.advanceTime(by: .seconds(10))
        await drain(channel)
    }
    _ = try? await channel.close()
    await loop.run()
    await drain(channel)
}

func drain(_ channel: NIOAsyncTestingChannel) async {
    await channel.testingEventLoop.run()
    while (try? await channel.readOutbound(as: ByteBuffer.self)) ?? nil != nil {}
}

/// libFuzzer entry. Byte 0: bit 0 leaves out the client preface (otherwise it is prepended), bits 1-3
/// pick the read size. The rest is what the client sends.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTP2(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data, count > 0 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: count))
    let stream = (input[0] & 1 == 0 ? preface : []) + input.dropFirst()
    // At most 64 reads per input: every read is a hop onto the testing event loop.
    let chunkSize = max(chunkSizes[Int(input[0] >> 1 & 7) % chunkSizes.count], stream.count / 64)
    let done = DispatchSemaphore(value: 0)
    Task {
        await serve(stream, chunkSize: chunkSize)
        done.signal()
    }
    done.wait()
    return 0
}
