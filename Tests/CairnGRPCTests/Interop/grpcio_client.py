"""grpcio as a client of Cairn's test echo service (test.Echo), with bytes serializers.

Usage: python3 grpcio_client.py PORT. Prints one line per check and exits non-zero on the first failure.
"""

import sys

import grpc


def identity(data):
    return data


def main():
    target = "127.0.0.1:%s" % sys.argv[1]
    with grpc.insecure_channel(target) as channel:
        unary = channel.unary_unary("/test.Echo/Unary", request_serializer=identity, response_deserializer=identity)
        assert unary(b"hello from grpcio", timeout=10) == b"hello from grpcio"
        big = bytes(range(256)) * 4096
        assert unary(big, timeout=10) == big
        print("unary ok")

        bidi = channel.stream_stream("/test.Echo/Bidi", request_serializer=identity, response_deserializer=identity)
        requests = [("message %d" % i).encode() for i in range(500)]
        responses = list(bidi(iter(requests), timeout=30))
        assert responses == requests, "bidi echo mismatch"
        print("bidi ok")

        fail = channel.unary_unary("/test.Echo/Fail", request_serializer=identity, response_deserializer=identity)
        try:
            fail("100% broken: é".encode(), timeout=10)
            raise AssertionError("Fail did not fail")
        except grpc.RpcError as error:
            assert error.code() == grpc.StatusCode.NOT_FOUND, error.code()
            assert error.details() == "100% broken: é", error.details()
        print("status ok")

        missing = channel.unary_unary("/test.Echo/Missing", request_serializer=identity, response_deserializer=identity)
        try:
            missing(b"", timeout=10)
            raise AssertionError("Missing did not fail")
        except grpc.RpcError as error:
            assert error.code() == grpc.StatusCode.UNIMPLEMENTED, error.code()
            assert error.details() == "unknown method Missing for service test.Echo", error.details()
        print("unimplemented ok")

        hang = channel.unary_unary("/test.Echo/Hang", request_serializer=identity, response_deserializer=identity)
        try:
            hang(b"", timeout=0.2)
            raise AssertionError("Hang did not time out")
        except grpc.RpcError as error:
            assert error.code() == grpc.StatusCode.DEADLINE_EXCEEDED, error.code()
        print("deadline ok")
    print("ALL OK")


if __name__ == "__main__":
    main()
