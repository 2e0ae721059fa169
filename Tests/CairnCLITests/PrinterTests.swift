import CairnCLI
import CairnWire
import Testing

/// Expected texts below are etcdctl 3.4.23's output, byte for byte.
@Suite("ResponsePrinter matches etcdctl 3.4 output")
struct PrinterTests {
    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func getInEveryFormat() throws {
        let response = Fixtures.fooRange
        #expect(text(try ResponsePrinter(format: .simple).get(response)) == "foo\nbar\n")
        #expect(text(try ResponsePrinter(format: .simple, valueOnly: true).get(response)) == "bar\n")
        #expect(
            text(try ResponsePrinter(format: .simple, hex: true).get(response)) == "\\x66\\x6f\\x6f\n\\x62\\x61\\x72\n")
        #expect(
            text(try ResponsePrinter(format: .json).get(response))
                == #"{"header":{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":3,"raft_term":2},"kvs":[{"key":"Zm9v","create_revision":2,"mod_revision":2,"version":1,"value":"YmFy"}],"count":1}"#
                + "\n")
        #expect(
            text(try ResponsePrinter(format: .fields).get(response)) == """
                "ClusterID" : 14841639068965178418
                "MemberID" : 10276657743932975437
                "Revision" : 3
                "RaftTerm" : 2
                "Key" : "foo"
                "CreateRevision" : 2
                "ModRevision" : 2
                "Version" : 1
                "Value" : "bar"
                "Lease" : 0
                "More" : false
                "Count" : 1

                """)
        #expect(throws: CLIError("table not supported as output format", exitCode: 4)) {
            try ResponsePrinter(format: .table).get(response)
        }
    }

    @Test func rawBytesAreWrittenUnaltered() throws {
        var response = RangeResponse()
        var kv = KeyValue()
        kv.key = [0x01, 0xFE, 0xFF]
        kv.value = [0x80]
        response.kvs = [kv]
        #expect(try ResponsePrinter(format: .simple).get(response) == [0x01, 0xFE, 0xFF, 0x0A, 0x80, 0x0A])
        #expect(text(try ResponsePrinter(format: .fields).get(response)).contains(#""Key" : "\x01\xfe\xff""#))
    }

    @Test func putAndDeleteWithPrevKv() throws {
        var put = PutResponse()
        put.header = Fixtures.header(revision: 4)
        put.prevKv = Fixtures.kv("foo", "bar", create: 2, mod: 2, version: 1)
        #expect(text(try ResponsePrinter(format: .simple).put(put)) == "OK\nfoo\nbar\n")
        #expect(
            text(try ResponsePrinter(format: .fields).put(put)) == """
                "ClusterID" : 14841639068965178418
                "MemberID" : 10276657743932975437
                "Revision" : 4
                "RaftTerm" : 2
                "PrevKey" : "foo"
                "PrevCreateRevision" : 2
                "PrevModRevision" : 2
                "PrevVersion" : 1
                "PrevValue" : "bar"
                "PrevLease" : 0

                """)
        var delete = DeleteRangeResponse()
        delete.header = Fixtures.header(revision: 5)
        #expect(
            text(try ResponsePrinter(format: .json).delete(delete))
                == #"{"header":{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":5,"raft_term":2}}"#
                + "\n")
        delete.deleted = 1
        delete.prevKvs = [Fixtures.kv("foo", "baz", create: 2, mod: 4, version: 2)]
        #expect(text(try ResponsePrinter(format: .simple).delete(delete)) == "1\nfoo\nbaz\n")
    }

    @Test func txnSimpleAndJSON() throws {
        var response = TxnResponse()
        response.header = Fixtures.header(revision: 11)
        response.succeeded = true
        var putHeader = ResponseHeader()
        putHeader.revision = 11
        var put = PutResponse()
        put.header = putHeader
        var delete = DeleteRangeResponse()
        delete.header = putHeader
        delete.deleted = 1
        delete.prevKvs = [Fixtures.kv("k1", "v1", create: 3, mod: 3, version: 1)]
        var first = ResponseOp()
        first.response = .put(put)
        var second = ResponseOp()
        second.response = .deleteRange(delete)
        response.responses = [first, second]
        #expect(
            text(try ResponsePrinter(format: .json).txn(response))
                == #"{"header":{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":11,"raft_term":2},"succeeded":true,"responses":[{"Response":{"ResponsePut":{"header":{"revision":11}}}},{"Response":{"ResponseDeleteRange":{"header":{"revision":11},"deleted":1,"prev_kvs":[{"key":"azE=","create_revision":3,"mod_revision":3,"version":1,"value":"djE="}]}}}]}"#
                + "\n")
        #expect(text(try ResponsePrinter(format: .simple).txn(response)) == "SUCCESS\n\nOK\n\n1\nk1\nv1\n")
        response.succeeded = false
        response.responses = []
        #expect(text(try ResponsePrinter(format: .simple).txn(response)) == "FAILURE\n")
    }

    @Test func watchInEveryFormat() throws {
        var response = WatchResponse()
        response.header = Fixtures.header(revision: 10)
        var event = Event()
        event.type = .delete
        var deleted = KeyValue()
        deleted.key = Array("w1".utf8)
        deleted.modRevision = 10
        event.kv = deleted
        response.events = [event]
        #expect(
            text(try ResponsePrinter(format: .json).watch(response))
                == #"{"Header":{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":10,"raft_term":2},"Events":[{"type":1,"kv":{"key":"dzE=","mod_revision":10}}],"CompactRevision":0,"Canceled":false,"Created":false}"#
                + "\n")
        #expect(text(try ResponsePrinter(format: .simple).watch(response)) == "DELETE\nw1\n\n")
        #expect(text(try ResponsePrinter(format: .simple, hex: true).watch(response)) == "DELETE\n\\x77\\x31\n\n")
        event.type = .put
        event.prevKv = Fixtures.kv("w1", "a", create: 8, mod: 8, version: 1)
        event.kv = Fixtures.kv("w1", "b", create: 8, mod: 9, version: 2)
        response.events = [event]
        response.header = Fixtures.header(revision: 9)
        #expect(
            text(try ResponsePrinter(format: .fields).watch(response)) == """
                "ClusterID" : 14841639068965178418
                "MemberID" : 10276657743932975437
                "Revision" : 9
                "RaftTerm" : 2
                "Type" : PUT
                "PrevKey" : "w1"
                "PrevCreateRevision" : 8
                "PrevModRevision" : 8
                "PrevVersion" : 1
                "PrevValue" : "a"
                "PrevLease" : 0
                "Key" : "w1"
                "CreateRevision" : 8
                "ModRevision" : 9
                "Version" : 2
                "Value" : "b"
                "Lease" : 0

                """)
    }

    @Test func leaseOutputs() throws {
        let id: Int64 = 7_587_899_177_918_903_062
        var grant = LeaseGrantResponse()
        grant.header = Fixtures.header(revision: 5)
        grant.id = id
        grant.ttl = 100
        #expect(
            text(try ResponsePrinter(format: .simple).leaseGrant(grant))
                == "lease 694da2199355b316 granted with TTL(100s)\n")
        #expect(
            text(try ResponsePrinter(format: .json).leaseGrant(grant))
                == #"{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":5,"raft_term":2,"ID":7587899177918903062,"TTL":100,"Error":""}"#
                + "\n")

        var ttl = LeaseTimeToLiveResponse()
        ttl.header = Fixtures.header(revision: 6)
        ttl.id = id
        ttl.ttl = 99
        ttl.grantedTTL = 100
        #expect(
            text(try ResponsePrinter(format: .json).leaseTimeToLive(ttl, keys: false))
                == #"{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":6,"raft_term":2,"id":7587899177918903062,"ttl":99,"granted-ttl":100,"keys":null}"#
                + "\n")
        ttl.keys = [Array("lk".utf8), Array("lk2".utf8)]
        #expect(
            text(try ResponsePrinter(format: .simple).leaseTimeToLive(ttl, keys: true))
                == "lease 694da2199355b316 granted with TTL(100s), remaining(99s), attached keys([lk lk2])\n")
        ttl.ttl = -1
        ttl.grantedTTL = 0
        #expect(
            text(try ResponsePrinter(format: .simple).leaseTimeToLive(ttl, keys: true))
                == "lease 694da2199355b316 already expired\n")

        var list = LeaseLeasesResponse()
        list.header = Fixtures.header(revision: 6)
        var status = LeaseStatus()
        status.id = id
        list.leases = [status]
        #expect(text(try ResponsePrinter(format: .simple).leaseLeases(list)) == "found 1 leases\n694da2199355b316\n")
        #expect(
            text(try ResponsePrinter(format: .json).leaseLeases(list))
                == #"{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":6,"raft_term":2,"leases":[{"id":7587899177918903062}]}"#
                + "\n")

        var keepAlive = LeaseKeepAliveResponse()
        keepAlive.header = Fixtures.header(revision: 6)
        keepAlive.id = id
        keepAlive.ttl = 100
        #expect(
            text(try ResponsePrinter(format: .simple).leaseKeepAlive(keepAlive))
                == "lease 694da2199355b316 keepalived with TTL(100)\n")
        #expect(
            text(try ResponsePrinter(format: .fields).leaseKeepAlive(keepAlive)) == """
                "ClusterID" : 14841639068965178418
                "MemberID" : 10276657743932975437
                "Revision" : 6
                "RaftTerm" : 2
                "ID" : 7587899177918903062
                "TTL" : 100

                """)
        var revoke = LeaseRevokeResponse()
        revoke.header = Fixtures.header(revision: 7)
        #expect(
            text(try ResponsePrinter(format: .simple).leaseRevoke(id: 0x1234, revoke))
                == "lease 0000000000001234 revoked\n")
    }

    @Test func memberListInEveryFormat() {
        let response = Fixtures.memberList
        #expect(
            text(ResponsePrinter(format: .simple).memberList(response))
                == "8e9e05c52164694d, started, default, http://localhost:2380, http://127.0.0.1:23790, false\n")
        #expect(
            text(ResponsePrinter(format: .json).memberList(response))
                == #"{"header":{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"raft_term":2},"members":[{"ID":10276657743932975437,"name":"default","peerURLs":["http://localhost:2380"],"clientURLs":["http://127.0.0.1:23790"]}]}"#
                + "\n")
        #expect(
            text(ResponsePrinter(format: .table).memberList(response)) == """
                +------------------+---------+---------+-----------------------+------------------------+------------+
                |        ID        | STATUS  |  NAME   |      PEER ADDRS       |      CLIENT ADDRS      | IS LEARNER |
                +------------------+---------+---------+-----------------------+------------------------+------------+
                | 8e9e05c52164694d | started | default | http://localhost:2380 | http://127.0.0.1:23790 |      false |
                +------------------+---------+---------+-----------------------+------------------------+------------+

                """)
        #expect(
            text(ResponsePrinter(format: .fields).memberList(response)) == """
                "ClusterID" : 14841639068965178418
                "MemberID" : 10276657743932975437
                "Revision" : 0
                "RaftTerm" : 2
                "ID" : 10276657743932975437
                "Name" : "default"
                "PeerURL" : "http://localhost:2380"
                "ClientURL" : "http://127.0.0.1:23790"
                "IsLearner" : false


                """)
    }

    @Test func endpointStatusInEveryFormat() {
        let reports = [EndpointStatusReport(endpoint: "127.0.0.1:23790", status: Fixtures.status)]
        #expect(
            text(ResponsePrinter(format: .simple).endpointStatus(reports))
                == "127.0.0.1:23790, 8e9e05c52164694d, 3.4.23, 20 kB, true, false, 2, 6, 6, \n")
        #expect(
            text(ResponsePrinter(format: .json).endpointStatus(reports))
                == #"[{"Endpoint":"127.0.0.1:23790","Status":{"header":{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":3,"raft_term":2},"version":"3.4.23","dbSize":20480,"leader":10276657743932975437,"raftIndex":6,"raftTerm":2,"raftAppliedIndex":6,"dbSizeInUse":16384}}]"#
                + "\n")
        #expect(
            text(ResponsePrinter(format: .table).endpointStatus(reports)) == """
                +-----------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
                |    ENDPOINT     |        ID        | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | RAFT INDEX | RAFT APPLIED INDEX | ERRORS |
                +-----------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+
                | 127.0.0.1:23790 | 8e9e05c52164694d |  3.4.23 |   20 kB |      true |      false |         2 |          6 |                  6 |        |
                +-----------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------+

                """)
        #expect(
            text(ResponsePrinter(format: .fields).endpointStatus(reports)) == """
                "ClusterID" : 14841639068965178418
                "MemberID" : 10276657743932975437
                "Revision" : 3
                "RaftTerm" : 2
                "Version" : "3.4.23"
                "DBSize" : 20480
                "Leader" : 10276657743932975437
                "IsLearner" : false
                "RaftIndex" : 6
                "RaftTerm" : 2
                "RaftAppliedIndex" : 6
                "Errors" : []
                "Endpoint" : "127.0.0.1:23790"


                """)
    }

    @Test func endpointHealthInEveryFormat() {
        let reports = [EndpointHealthReport(endpoint: "127.0.0.1:23790", healthy: true, took: "1.084148ms", error: "")]
        let simple = ResponsePrinter(format: .simple).endpointHealth(reports)
        #expect(simple.stdout.isEmpty)
        #expect(
            text(simple.stderr) == "127.0.0.1:23790 is healthy: successfully committed proposal: took = 1.084148ms\n")
        #expect(
            text(ResponsePrinter(format: .json).endpointHealth(reports).stdout)
                == #"[{"endpoint":"127.0.0.1:23790","health":true,"took":"1.084148ms"}]"# + "\n")
        #expect(
            text(ResponsePrinter(format: .table).endpointHealth(reports).stdout) == """
                +-----------------+--------+------------+-------+
                |    ENDPOINT     | HEALTH |    TOOK    | ERROR |
                +-----------------+--------+------------+-------+
                | 127.0.0.1:23790 |   true | 1.084148ms |       |
                +-----------------+--------+------------+-------+

                """)
        #expect(
            text(ResponsePrinter(format: .fields).endpointHealth(reports).stdout)
                == "\"Endpoint\" : \"127.0.0.1:23790\"\n\"Health\" : true\n\"Took\" : 1.084148ms\n\"Error\" : \n\n")
    }

    @Test func emptyAlarmList() throws {
        #expect(text(try ResponsePrinter(format: .json).alarm(AlarmResponse())) == "{}\n")
        #expect(try ResponsePrinter(format: .simple).alarm(AlarmResponse()).isEmpty)
    }
}
