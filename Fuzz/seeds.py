#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into Fuzz/seeds/<target>/.

Wire seeds are golden messages encoded by protoc from the schema in Protos/ (the same oracle the
CairnWire golden tests use); the other targets get hand-built gRPC frames, WAL records and HTTP/2
client conversations around such messages.
"""
import os
import struct
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
PROTOS = os.path.join(HERE, "..", "Protos")
SCHEMAS = ["etcdserverpb/rpc.proto", "mvccpb/kv.proto", "grpc/health/v1/health.proto"]

# Message names in the order of WireFuzz's decoder table (its first input byte indexes it).
WIRE_ORDER = """ResponseHeader mvccpb.KeyValue mvccpb.Event RangeRequest RangeResponse PutRequest PutResponse
DeleteRangeRequest DeleteRangeResponse RequestOp ResponseOp Compare TxnRequest TxnResponse CompactionRequest
CompactionResponse WatchRequest WatchCreateRequest WatchCancelRequest WatchProgressRequest WatchResponse
LeaseGrantRequest LeaseGrantResponse LeaseRevokeRequest LeaseRevokeResponse LeaseKeepAliveRequest
LeaseKeepAliveResponse LeaseTimeToLiveRequest LeaseTimeToLiveResponse LeaseLeasesRequest LeaseStatus
LeaseLeasesResponse Member MemberListRequest MemberListResponse AlarmRequest AlarmMember AlarmResponse
StatusRequest StatusResponse DefragmentRequest DefragmentResponse HashRequest HashResponse HashKVRequest
HashKVResponse SnapshotRequest SnapshotResponse MoveLeaderRequest MoveLeaderResponse
grpc.health.v1.HealthCheckRequest grpc.health.v1.HealthCheckResponse""".split()

HEADER = 'header { cluster_id: 14841639068965178418 member_id: 10276657743932975437 revision: 42 raft_term: 3 }'
KV = 'key: "foo" create_revision: 2 mod_revision: 5 version: 3 value: "bar" lease: 7587'

# Golden text-format messages, several per type.
GOLDEN = {
    "ResponseHeader": ["", "cluster_id: 1 member_id: 2 revision: 3 raft_term: 4", "revision: -1"],
    "mvccpb.KeyValue": ["", KV, 'key: "\\000" lease: -7'],
    "mvccpb.Event": ["type: DELETE kv { key: \"a\" mod_revision: 6 }", "kv { } prev_kv { key: \"p\" }", "type: 9"],
    "RangeRequest": ['key: "a" range_end: "b" limit: 10',
                     'key: "k" range_end: "\\000" limit: -1 revision: 9223372036854775807 sort_order: DESCEND '
                     'sort_target: MOD serializable: true keys_only: true count_only: true min_mod_revision: 1 '
                     'max_mod_revision: 2 min_create_revision: 3 max_create_revision: 4'],
    "RangeResponse": [HEADER + " kvs { " + KV + " } kvs { key: \"z\" } more: true count: 2"],
    "PutRequest": ['key: "foo" value: "bar"', 'key: "k" value: "" lease: 99 prev_kv: true ignore_value: true ignore_lease: true'],
    "PutResponse": [HEADER + " prev_kv { " + KV + " }"],
    "DeleteRangeRequest": ['key: "a" range_end: "z" prev_kv: true'],
    "DeleteRangeResponse": [HEADER + " deleted: 2 prev_kvs { key: \"a\" } prev_kvs { key: \"b\" }"],
    "RequestOp": ['request_range { key: "a" }', 'request_put { key: "b" value: "c" }',
                  'request_delete_range { key: "d" }', 'request_txn { success { request_put { key: "e" } } }'],
    "ResponseOp": ['response_range { count: 1 }', 'response_put { }', 'response_delete_range { deleted: 1 }',
                   'response_txn { succeeded: true }'],
    "Compare": ['result: EQUAL target: VALUE key: "k" value: "v"', 'result: GREATER target: MOD key: "k" mod_revision: 3 range_end: "l"',
                'result: LESS target: LEASE key: "k" lease: 5', 'result: NOT_EQUAL target: CREATE key: "k" create_revision: 0',
                'target: VERSION key: "k" version: 2'],
    "TxnRequest": ['compare { result: EQUAL target: VALUE key: "k" value: "v" } success { request_put { key: "k" value: "w" } } '
                   'failure { request_range { key: "k" } }'],
    "TxnResponse": [HEADER + " succeeded: true responses { response_put { } } responses { response_range { kvs { key: \"k\" } } }"],
    "CompactionRequest": ["revision: 10 physical: true"],
    "CompactionResponse": [HEADER],
    "WatchRequest": ['create_request { key: "a" range_end: "b" start_revision: 3 progress_notify: true filters: NOPUT '
                     'filters: NODELETE prev_kv: true watch_id: 7 fragment: true }',
                     "cancel_request { watch_id: 7 }", "progress_request { }"],
    "WatchCreateRequest": ['key: "a" filters: [NOPUT, NODELETE]'],
    "WatchCancelRequest": ["watch_id: 1"],
    "WatchProgressRequest": [""],
    "WatchResponse": [HEADER + ' watch_id: 1 created: true canceled: true compact_revision: 4 cancel_reason: "x" fragment: true '
                      'events { type: PUT kv { ' + KV + ' } } events { type: DELETE kv { key: "a" } prev_kv { key: "a" } }'],
    "LeaseGrantRequest": ["TTL: 60 ID: 7"],
    "LeaseGrantResponse": [HEADER + ' ID: 7 TTL: 60 error: "e"'],
    "LeaseRevokeRequest": ["ID: 7"],
    "LeaseRevokeResponse": [HEADER],
    "LeaseKeepAliveRequest": ["ID: 7"],
    "LeaseKeepAliveResponse": [HEADER + " ID: 7 TTL: 60"],
    "LeaseTimeToLiveRequest": ["ID: 7 keys: true"],
    "LeaseTimeToLiveResponse": [HEADER + ' ID: 7 TTL: 50 grantedTTL: 60 keys: "a" keys: "b"'],
    "LeaseLeasesRequest": [""],
    "LeaseStatus": ["ID: 9"],
    "LeaseLeasesResponse": [HEADER + " leases { ID: 1 } leases { ID: 2 }"],
    "Member": ['ID: 1 name: "default" peerURLs: "http://localhost:2380" clientURLs: "http://localhost:2379" isLearner: true'],
    "MemberListRequest": ["", "linearizable: true"],
    "MemberListResponse": [HEADER + ' members { ID: 1 name: "n" }'],
    "AlarmRequest": ["action: ACTIVATE memberID: 1 alarm: NOSPACE"],
    "AlarmMember": ["memberID: 1 alarm: CORRUPT"],
    "AlarmResponse": [HEADER + " alarms { memberID: 1 alarm: NOSPACE }"],
    "StatusRequest": [""],
    "StatusResponse": [HEADER + ' version: "3.5.0" dbSize: 100 leader: 1 raftIndex: 5 raftTerm: 2 raftAppliedIndex: 5 '
                       'errors: "e" dbSizeInUse: 50 isLearner: true'],
    "DefragmentRequest": [""],
    "DefragmentResponse": [HEADER],
    "HashRequest": [""],
    "HashResponse": [HEADER + " hash: 3735928559"],
    "HashKVRequest": ["revision: 5"],
    "HashKVResponse": [HEADER + " hash: 1 compact_revision: 2"],
    "SnapshotRequest": [""],
    "SnapshotResponse": [HEADER + ' remaining_bytes: 10 blob: "abc"'],
    "MoveLeaderRequest": ["targetID: 2"],
    "MoveLeaderResponse": [HEADER],
    "grpc.health.v1.HealthCheckRequest": ['service: "etcd"'],
    "grpc.health.v1.HealthCheckResponse": ["status: SERVING", "status: NOT_SERVING"],
}


def full_name(name):
    return name if "." in name else "etcdserverpb." + name


def protoc_encode(name, text):
    result = subprocess.run(
        ["protoc", "-I", PROTOS, "--encode=" + full_name(name)] + SCHEMAS,
        input=text.encode(), capture_output=True, check=True, cwd=PROTOS)
    return result.stdout


def write_seeds(target, seeds):
    directory = os.path.join(HERE, "seeds", target)
    os.makedirs(directory, exist_ok=True)
    for number, seed in enumerate(seeds):
        with open(os.path.join(directory, "seed-%03d" % number), "wb") as handle:
            handle.write(seed)


def grpc_frame(message, compressed=False):
    return bytes([1 if compressed else 0]) + struct.pack(">I", len(message)) + message


# WAL records: the layout RecordFormat documents, built by the harness's structured mode.
def wal_chunk(control, payload):
    return bytes([control, len(payload)]) + payload


# HTTP/2 frames (RFC 9113) with HPACK literal header fields without indexing, no Huffman coding.
def frame(kind, flags, stream, payload):
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload


def hpack_string(text):
    data = text.encode()
    assert len(data) < 127
    return bytes([len(data)]) + data


def hpack(headers):
    return b"".join(b"\x00" + hpack_string(name) + hpack_string(value) for name, value in headers)


def request_headers(path, extra=()):
    return hpack([(":method", "POST"), (":scheme", "http"), (":path", path), (":authority", "localhost"),
                  ("content-type", "application/grpc"), ("te", "trailers")] + list(extra))


SETTINGS = frame(4, 0, 0, struct.pack(">HI", 3, 100) + struct.pack(">HI", 4, 65535))
SETTINGS_ACK = frame(4, 1, 0, b"")
END_STREAM, END_HEADERS = 1, 4


def main():
    encoded = {name: [protoc_encode(name, text) for text in texts] for name, texts in GOLDEN.items()}
    wire = []
    for index, name in enumerate(WIRE_ORDER):
        for message in encoded[name]:
            wire.append(bytes([index]) + message)
    wire.append(bytes([len(WIRE_ORDER)]) + b"1S")
    wire.append(bytes([len(WIRE_ORDER)]) + b"100m")
    wire.append(bytes([len(WIRE_ORDER) + 1]) + b"a%20b%zz%E2%82%AC")
    write_seeds("WireFuzz", wire)

    put = encoded["PutRequest"][0]
    watch = encoded["WatchRequest"][0]
    deframer = [
        bytes([6, 0, 0, 0]) + grpc_frame(put),
        bytes([6, 1, 4, 200]) + grpc_frame(put) + grpc_frame(watch) + grpc_frame(b""),
        bytes([4, 2, 2, 2]) + grpc_frame(watch),
        bytes([5, 0, 0, 0]) + grpc_frame(b"", compressed=True) + grpc_frame(put)[:7],
        bytes([6, 0, 0, 0]) + b"\x02\x00\x00\x00\x00",
    ]
    write_seeds("DeframerFuzz", deframer)

    records = [wal_chunk(0, put), wal_chunk(0, watch), wal_chunk(0, b"")]
    wal = [
        bytes([1]) + b"".join(records),
        bytes([1]) + b"".join(records) + wal_chunk(8 | 0x30, put),
        bytes([1]) + records[0] + wal_chunk(4, put) + records[1],
        bytes([1]) + records[0] + wal_chunk(1, put),
        bytes([3]) + b"".join(records),
        bytes([0x11]) + b"".join(records) + b"".join(records),
        bytes([0]) + b"\x00" * 64,
    ]
    write_seeds("WALFuzz", wal)

    unary = (frame(1, END_HEADERS, 1, request_headers("/fuzz.Echo/Unary", [("grpc-timeout", "1S")]))
             + frame(0, END_STREAM, 1, grpc_frame(put)))
    server = (frame(1, END_HEADERS, 3, request_headers("/fuzz.Echo/Server"))
              + frame(0, END_STREAM, 3, grpc_frame(encoded["RangeRequest"][0])))
    stream = (frame(1, END_HEADERS, 5, request_headers("/fuzz.Echo/Stream"))
              + frame(0, 0, 5, grpc_frame(watch) + grpc_frame(watch)) + frame(0, END_STREAM, 5, b""))
    http2 = [
        bytes([0]) + SETTINGS + SETTINGS_ACK + unary,
        bytes([2]) + SETTINGS + unary + server + stream,
        bytes([4]) + SETTINGS + stream + frame(3, 0, 5, struct.pack(">I", 8)),
        bytes([0]) + SETTINGS + frame(6, 0, 0, b"12345678") + frame(8, 0, 0, struct.pack(">I", 1000))
        + frame(1, END_HEADERS | END_STREAM, 7, request_headers("/nope/Missing"))
        + frame(7, 0, 0, struct.pack(">II", 0, 0)),
        bytes([0]) + SETTINGS + frame(1, END_HEADERS, 1, request_headers("/fuzz.Echo/Unary",
                                                                          [("grpc-encoding", "gzip")]))
        + frame(0, END_STREAM, 1, grpc_frame(put, compressed=True)),
        bytes([1]) + b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
    ]
    write_seeds("HTTP2Fuzz", http2)


if __name__ == "__main__":
    main()
