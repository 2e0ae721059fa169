import CairnGRPC
import CairnWire
import NIOCore
import NIOPosix

/// A message that is just its bytes: the benchmark echoes whatever h2load posts.
struct RawBytes: WireMessage {
    var bytes = ByteBuffer()

    init() {}

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeImmutableBuffer(bytes)
    }

    init(decoding buffer: ByteBuffer) throws(WireError) {
        bytes = buffer
    }

    /// Sized in advance, as the messages of `Protos/` are.
    func grpcFramed() -> ByteBuffer {
        var framed = ByteBufferAllocator().buffer(capacity: GRPCFramer.prefixLength + bytes.readableBytes)
        GRPCFramer.frame(bytes, into: &framed)
        return framed
    }
}

// Usage: transport-echo [port] [event-loop threads, default one per core]
let arguments = CommandLine.arguments.dropFirst().compactMap(Int.init)
let port = arguments.first ?? 50051
let group = arguments.dropFirst().first.map { MultiThreadedEventLoopGroup(numberOfThreads: $0) } ?? .singleton
var router = GRPCRouter()
router.unary("/bench.Echo/Unary", immediate: { (request: RawBytes, _: GRPCCallContext) in .response(request) })
let server = GRPCServer(router: router, group: group)
let bound = try await server.start(host: "127.0.0.1", port: port)
print("listening on \(bound)")
while true {
    try await Task.sleep(for: .seconds(3600))
}
