import CairnGRPC
import CairnServer
import CairnWire
import Testing

@Suite struct InstrumentedRoutesTests {
    @Test func everyCallIsCountedWithItsStatusCode() async throws {
        try await withFixture { fixture in
            let put: PutResponse = try await fixture.client.unary(
                path: "/etcdserverpb.KV/Put", request: PutRequest(key: Array("k".utf8), value: [1]))
            #expect(put.header?.revision == 2)
            await #expect(throws: EtcdError.keyNotProvided.status) {
                let _: PutResponse = try await fixture.client.unary(path: "/etcdserverpb.KV/Put", request: PutRequest())
            }
            let exposition = String(decoding: fixture.services.metrics.exposition(), as: UTF8.self)
            let labels = #"grpc_method="Put",grpc_service="etcdserverpb.KV",grpc_type="unary"}"#
            #expect(exposition.contains(#"grpc_server_started_total{"# + labels + " 2"))
            #expect(exposition.contains(#"grpc_server_handled_total{grpc_code="OK","# + labels + " 1"))
            #expect(exposition.contains(#"grpc_server_handled_total{grpc_code="InvalidArgument","# + labels + " 1"))
            #expect(exposition.contains("etcd_mvcc_put_total 1"))
        }
    }
}
