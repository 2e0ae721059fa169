import CairnClient
import CairnWire
import Testing

@Suite("key ranges, options and endpoint strings")
struct KeysAndConfigurationTests {
    @Test func prefixEnd() {
        #expect(EtcdKeys.prefixEnd(Array("a".utf8)) == Array("b".utf8))
        #expect(EtcdKeys.prefixEnd([0x61, 0xFF]) == [0x62])
        #expect(EtcdKeys.prefixEnd([0xFF, 0xFF]) == [0])
        #expect(EtcdKeys.prefixEnd([]) == [0])
        #expect(GetOptions.prefix(of: []).rangeEnd == [0])
        #expect(DeleteOptions.prefix(of: Array("fo".utf8)).rangeEnd == Array("fp".utf8))
        #expect(WatchOptions.prefix(of: Array("w".utf8)).rangeEnd == Array("x".utf8))
    }

    @Test func endpointStrings() throws {
        _ = try EtcdClient(endpoints: ["127.0.0.1:2379", "http://localhost:23790", "[::1]:2379", "example"])
        #expect(throws: EtcdClientError.invalidEndpoint("https://127.0.0.1:2379")) {
            try EtcdClient(endpoints: ["https://127.0.0.1:2379"])
        }
        #expect(throws: EtcdClientError.invalidEndpoint("host:0")) { try EtcdClient(endpoints: ["host:0"]) }
        #expect(throws: EtcdClientError.invalidEndpoint("")) { try EtcdClient(endpoints: []) }
    }

    @Test func errorTexts() {
        #expect(
            EtcdClientError.rpc(GRPCStatus(code: .deadlineExceeded, message: "timeout")).message
                == "context deadline exceeded")
        #expect(EtcdClientError.rpc(EtcdError.futureRevision.status).etcdError == .futureRevision)
        #expect(EtcdClientError.leaseExpired(id: 1).message == "etcdserver: requested lease not found")
        #expect(EtcdClientError.compacted(compactRevision: 3).code == .outOfRange)
    }

    @Test func txnBuilderRequest() {
        let txn = Txn().when(.version("k", .greater, 0)).then(.put("k", "v")).else(.get("k"), .delete("k"))
        #expect(txn.request.compare.first?.targetUnion == .version(0))
        #expect(txn.request.success.count == 1 && txn.request.failure.count == 2)
    }
}
