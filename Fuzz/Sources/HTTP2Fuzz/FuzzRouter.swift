import CairnGRPC
import CairnWire

/// A trivial service with one method of each kind, so that fuzzed requests reach every call path.
enum FuzzRouter {
    static let router: GRPCRouter = {
        var router = GRPCRouter()
        router.unary("/fuzz.Echo/Unary") { (request: PutRequest, _) in
            PutResponse(header: ResponseHeader(revision: Int64(request.key.count)))
        }
        router.serverStreaming("/fuzz.Echo/Server") {
            (request: RangeRequest, writer: GRPCResponseWriter<KeyValue>, _) in
            for key in [request.key, request.rangeEnd] {
                try await writer.write(KeyValue(key: key))
            }
        }
        router.bidirectional("/fuzz.Echo/Stream") {
            (requests: GRPCRequestStream<WatchRequest>, writer: GRPCResponseWriter<WatchResponse>, _) in
            var watchID: Int64 = 0
            for try await _ in requests {
                watchID += 1
                try await writer.write(WatchResponse(watchID: watchID, created: true))
            }
        }
        return router
    }()
}
