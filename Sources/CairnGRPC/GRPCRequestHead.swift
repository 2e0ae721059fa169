import CairnHTTP2

/// What a server acts on in a request's header block, read in one pass over its fields: the pseudo-headers
/// and gRPC fields it checks, and the call's metadata. A repeated field counts once, at its first occurrence.
struct GRPCRequestHead {
    var method: String?
    var path: String?
    var contentType: String?
    var timeout: String?
    var encoding: String?
    /// Every non-pseudo field (`content-type` and `grpc-timeout` included), in order.
    let metadata: GRPCMetadata

    init(_ headers: HTTP2Headers) {
        metadata = GRPCMetadata(requestFields: headers.fields)
        // Dispatching on the name's length first (O(1)) leaves at most two string comparisons per field.
        for field in headers.fields {
            switch field.name.utf8.count {
            case 5 where field.name == ":path": path = path ?? field.value
            case 7 where field.name == ":method": method = method ?? field.value
            case 12 where field.name == "content-type": contentType = contentType ?? field.value
            case 12 where field.name == "grpc-timeout": timeout = timeout ?? field.value
            case 13 where field.name == "grpc-encoding": encoding = encoding ?? field.value
            default: break
            }
        }
    }
}
