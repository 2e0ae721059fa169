/// The names grpc-go gives status codes (`codes.Code.String()`), used as the `grpc_code` label so dashboards
/// built for etcd's go-grpc-prometheus metrics keep working.
package enum GRPCCodeName {
    private static let names = [
        "OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound", "AlreadyExists",
        "PermissionDenied", "ResourceExhausted", "FailedPrecondition", "Aborted", "OutOfRange", "Unimplemented",
        "Internal", "Unavailable", "DataLoss", "Unauthenticated",
    ]

    /// `0` → `OK`, `3` → `InvalidArgument`; an unknown number shows as `Code(<n>)` as in grpc-go.
    package static func name(of code: Int) -> String {
        names.indices.contains(code) ? names[code] : "Code(\(code))"
    }
}
