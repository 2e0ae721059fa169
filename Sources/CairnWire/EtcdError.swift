/// An etcd API error: a gRPC status whose message is one of etcd's fixed strings.
///
/// etcd clients recognise errors by comparing the status message byte for byte, so every string
/// here is exactly etcd 3.4's.
public struct EtcdError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: GRPCStatusCode
    public let message: String

    public init(code: GRPCStatusCode, message: String) {
        self.code = code
        self.message = message
    }

    /// Recognises a status received from a server as an etcd error (message matched exactly).
    public init?(status: GRPCStatus) {
        guard let known = Self.byMessage[status.message] else { return nil }
        self = known
    }

    /// The status a server sends for this error.
    public var status: GRPCStatus {
        GRPCStatus(code: code, message: message)
    }

    public var description: String { message }

    private static let byMessage: [String: EtcdError] = Dictionary(
        all.map { ($0.message, $0) },
        uniquingKeysWith: { first, _ in first }
    )
}

// MARK: Reachable through KV, Watch, Lease, Maintenance and Cluster

extension EtcdError {
    public static let keyNotProvided = EtcdError(code: .invalidArgument, message: "etcdserver: key is not provided")
    public static let keyNotFound = EtcdError(code: .invalidArgument, message: "etcdserver: key not found")
    public static let valueProvided = EtcdError(code: .invalidArgument, message: "etcdserver: value is provided")
    public static let leaseProvided = EtcdError(code: .invalidArgument, message: "etcdserver: lease is provided")
    public static let tooManyOperations = EtcdError(
        code: .invalidArgument,
        message: "etcdserver: too many operations in txn request"
    )
    public static let duplicateKey = EtcdError(
        code: .invalidArgument,
        message: "etcdserver: duplicate key given in txn request"
    )
    public static let requestTooLarge = EtcdError(code: .invalidArgument, message: "etcdserver: request is too large")
    public static let compacted = EtcdError(
        code: .outOfRange,
        message: "etcdserver: mvcc: required revision has been compacted"
    )
    public static let futureRevision = EtcdError(
        code: .outOfRange,
        message: "etcdserver: mvcc: required revision is a future revision"
    )
    public static let databaseSpaceExceeded = EtcdError(
        code: .resourceExhausted,
        message: "etcdserver: mvcc: database space exceeded"
    )
    public static let tooManyRequests = EtcdError(code: .resourceExhausted, message: "etcdserver: too many requests")
    public static let leaseNotFound = EtcdError(code: .notFound, message: "etcdserver: requested lease not found")
    public static let leaseExists = EtcdError(code: .failedPrecondition, message: "etcdserver: lease already exists")
    public static let leaseTTLTooLarge = EtcdError(code: .outOfRange, message: "etcdserver: too large lease TTL")
    public static let watchCanceled = EtcdError(code: .cancelled, message: "etcdserver: watch canceled")
    public static let memberNotFound = EtcdError(code: .notFound, message: "etcdserver: member not found")
    public static let noLeader = EtcdError(code: .unavailable, message: "etcdserver: no leader")
    public static let notLeader = EtcdError(code: .failedPrecondition, message: "etcdserver: not leader")
    public static let leaderChanged = EtcdError(code: .unavailable, message: "etcdserver: leader changed")
    public static let notCapable = EtcdError(code: .unavailable, message: "etcdserver: not capable")
    public static let serverStopped = EtcdError(code: .unavailable, message: "etcdserver: server stopped")
    public static let requestTimeout = EtcdError(code: .unavailable, message: "etcdserver: request timed out")
    public static let timeoutDueToLeaderFail = EtcdError(
        code: .unavailable,
        message: "etcdserver: request timed out, possibly due to previous leader failure"
    )
    public static let timeoutDueToConnectionLost = EtcdError(
        code: .unavailable,
        message: "etcdserver: request timed out, possibly due to connection lost"
    )
    public static let timeoutWaitAppliedIndex = EtcdError(
        code: .unavailable,
        message: "etcdserver: request timed out, waiting for the applied index took too long"
    )
    public static let unhealthyCluster = EtcdError(code: .unavailable, message: "etcdserver: unhealthy cluster")
    public static let corrupt = EtcdError(code: .dataLoss, message: "etcdserver: corrupt cluster")
    public static let notSupportedForLearner = EtcdError(
        code: .unavailable,
        message: "etcdserver: rpc not supported for learner"
    )
}

// MARK: Membership and auth

extension EtcdError {
    public static let memberExists = EtcdError(
        code: .failedPrecondition, message: "etcdserver: member ID already exist")
    public static let peerURLExists = EtcdError(
        code: .failedPrecondition,
        message: "etcdserver: Peer URLs already exists"
    )
    public static let memberNotEnoughStarted = EtcdError(
        code: .failedPrecondition,
        message: "etcdserver: re-configuration failed due to not enough started members"
    )
    public static let memberBadURLs = EtcdError(
        code: .invalidArgument,
        message: "etcdserver: given member URLs are invalid"
    )
    public static let memberNotLearner = EtcdError(
        code: .failedPrecondition,
        message: "etcdserver: can only promote a learner member"
    )
    public static let learnerNotReady = EtcdError(
        code: .failedPrecondition,
        message: "etcdserver: can only promote a learner member which is in sync with leader"
    )
    public static let tooManyLearners = EtcdError(
        code: .failedPrecondition,
        message: "etcdserver: too many learner members in cluster"
    )
    public static let badLeaderTransferee = EtcdError(
        code: .failedPrecondition,
        message: "etcdserver: bad leader transferee"
    )
    public static let rootUserNotExist = EtcdError(
        code: .failedPrecondition,
        message: "etcdserver: root user does not exist"
    )
    public static let rootRoleNotExist = EtcdError(
        code: .failedPrecondition,
        message: "etcdserver: root user does not have root role"
    )
    public static let userAlreadyExists = EtcdError(
        code: .failedPrecondition,
        message: "etcdserver: user name already exists"
    )
    public static let userEmpty = EtcdError(code: .invalidArgument, message: "etcdserver: user name is empty")
    public static let userNotFound = EtcdError(code: .failedPrecondition, message: "etcdserver: user name not found")
    public static let roleAlreadyExists = EtcdError(
        code: .failedPrecondition,
        message: "etcdserver: role name already exists"
    )
    public static let roleNotFound = EtcdError(code: .failedPrecondition, message: "etcdserver: role name not found")
    public static let roleEmpty = EtcdError(code: .invalidArgument, message: "etcdserver: role name is empty")
    public static let authFailed = EtcdError(
        code: .invalidArgument,
        message: "etcdserver: authentication failed, invalid user ID or password"
    )
    public static let permissionDenied = EtcdError(code: .permissionDenied, message: "etcdserver: permission denied")
    public static let roleNotGranted = EtcdError(
        code: .failedPrecondition,
        message: "etcdserver: role is not granted to the user"
    )
    public static let permissionNotGranted = EtcdError(
        code: .failedPrecondition,
        message: "etcdserver: permission is not granted to the role"
    )
    public static let authNotEnabled = EtcdError(
        code: .failedPrecondition,
        message: "etcdserver: authentication is not enabled"
    )
    public static let invalidAuthToken = EtcdError(code: .unauthenticated, message: "etcdserver: invalid auth token")
    public static let invalidAuthManagement = EtcdError(
        code: .invalidArgument,
        message: "etcdserver: invalid auth management"
    )
    public static let authOldRevision = EtcdError(
        code: .invalidArgument,
        message: "etcdserver: revision of auth store is old"
    )
}

extension EtcdError {
    /// Every etcd error above, in the order of the spec's tables.
    public static let all: [EtcdError] = [
        keyNotProvided, keyNotFound, valueProvided, leaseProvided, tooManyOperations, duplicateKey, requestTooLarge,
        compacted, futureRevision, databaseSpaceExceeded, tooManyRequests, leaseNotFound, leaseExists,
        leaseTTLTooLarge, watchCanceled, memberNotFound, noLeader, notLeader, leaderChanged, notCapable,
        serverStopped, requestTimeout, timeoutDueToLeaderFail, timeoutDueToConnectionLost, timeoutWaitAppliedIndex,
        unhealthyCluster, corrupt, notSupportedForLearner, memberExists, peerURLExists, memberNotEnoughStarted,
        memberBadURLs, memberNotLearner, learnerNotReady, tooManyLearners, badLeaderTransferee, rootUserNotExist,
        rootRoleNotExist, userAlreadyExists, userEmpty, userNotFound, roleAlreadyExists, roleNotFound, roleEmpty,
        authFailed, permissionDenied, roleNotGranted, permissionNotGranted, authNotEnabled, invalidAuthToken,
        invalidAuthManagement, authOldRevision,
    ]
}
