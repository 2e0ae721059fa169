import CairnHTTP2

/// What a server acts on in a request's header block, read in one pass over its fields: the pseudo-headers
/// and gRPC fields it checks, and every other field as the call's metadata. A repeated field counts once, at
/// its first occurrence.
struct GRPCRequestHead {
    var method: String?
    var path: String?
    var contentType: String?
    var timeout: String?
    var encoding: String?
    /// Every non-pseudo field (`content-type` and `grpc-timeout` included), in order.
    var metadata = GRPCMetadata()

    init(_ headers: HTTP2Headers) {
        metadata.entries.reserveCapacity(headers.fields.count)
        for field in headers.fields {
            switch field.name {
            case ":method": method = method ?? field.value
            case ":path": path = path ?? field.value
            case "content-type": contentType = contentType ?? field.value
            case "grpc-timeout": timeout = timeout ?? field.value
            case "grpc-encoding": encoding = encoding ?? field.value
            default: break
            }
            if field.name.utf8.first != UInt8(ascii: ":") {
                metadata.entries.append(GRPCMetadata.Entry(key: field.name, value: field.value))
            }
        }
    }
}
