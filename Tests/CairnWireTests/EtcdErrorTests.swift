import CairnWire
import Testing

/// The etcd error table: exact strings, codes, and recognition of received statuses.
@Suite struct EtcdErrorTests {
    @Test func spotCheckStringsAndCodes() {
        #expect(
            EtcdError.keyNotProvided.status
                == GRPCStatus(code: .invalidArgument, message: "etcdserver: key is not provided"))
        #expect(EtcdError.compacted.code == .outOfRange)
        #expect(EtcdError.compacted.message == "etcdserver: mvcc: required revision has been compacted")
        #expect(EtcdError.futureRevision.message == "etcdserver: mvcc: required revision is a future revision")
        #expect(EtcdError.leaseNotFound.code == .notFound)
        #expect(EtcdError.leaseExists.code == .failedPrecondition)
        #expect(EtcdError.leaseTTLTooLarge.code == .outOfRange)
        #expect(EtcdError.databaseSpaceExceeded.code == .resourceExhausted)
        #expect(EtcdError.watchCanceled.code == .cancelled)
        #expect(EtcdError.corrupt.code == .dataLoss)
        #expect(EtcdError.invalidAuthToken.code == .unauthenticated)
        #expect(EtcdError.permissionDenied.code == .permissionDenied)
        #expect(EtcdError.peerURLExists.message == "etcdserver: Peer URLs already exists")
    }

    @Test func tableIsCompleteAndUnique() {
        #expect(EtcdError.all.count == 52)
        #expect(Set(EtcdError.all.map(\.message)).count == EtcdError.all.count)
        for error in EtcdError.all {
            #expect(error.message.hasPrefix("etcdserver: "))
            #expect(GRPCMessageCoding.percentEncode(error.message) == error.message)
        }
    }

    @Test func receivedStatusesAreRecognisedByExactMessage() {
        for error in EtcdError.all {
            #expect(EtcdError(status: error.status) == error)
        }
        #expect(EtcdError(status: GRPCStatus(code: .unknown, message: "etcdserver: key not found ")) == nil)
        #expect(EtcdError(status: GRPCStatus(code: .unavailable, message: "")) == nil)
    }

    @Test func statusCodesHaveTheirGRPCNumbers() {
        #expect(GRPCStatusCode.allCases.map(\.rawValue) == Array(0...16))
        #expect(GRPCStatusCode.internalError.rawValue == 13)
        #expect(GRPCStatusCode.unauthenticated.rawValue == 16)
    }
}
