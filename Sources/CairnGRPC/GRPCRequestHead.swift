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
        for field in headers.fields {
            if field.name.utf8.first == UInt8(ascii: ":") {
                switch field.name {
                case ":method": method = method ?? field.value
                case ":path": path = path ?? field.value
                default: break
                }
                continue
            }
            switch field.name {
            case "content-type": contentType = contentType ?? field.value
            case "grpc-timeout": timeout = timeout ?? field.value
            case "grpc-encoding": encoding = encoding ?? field.value
            default: break
            }
        }
    }
}
