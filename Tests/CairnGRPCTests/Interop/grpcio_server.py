"""grpcio as a server (interop.Echo) that Cairn's client calls, with bytes serializers.

Prints "PORT <n>" once listening, then serves until its standard input closes.
Methods: /interop.Echo/Unary echoes; /interop.Echo/Bidi echoes every message; /interop.Echo/Fail aborts with
INVALID_ARGUMENT "bad: <request>"; /interop.Echo/Metadata returns the value of the "x-cairn" metadata.
"""

import sys
from concurrent import futures

import grpc


def unary(request, context):
    return request


def bidi(requests, context):
    for request in requests:
        yield request


def fail(request, context):
    context.abort(grpc.StatusCode.INVALID_ARGUMENT, "bad: " + request.decode())


def metadata(request, context):
    return dict(context.invocation_metadata()).get("x-cairn", "").encode()


def main():
    handlers = {
        "Unary": grpc.unary_unary_rpc_method_handler(unary),
        "Bidi": grpc.stream_stream_rpc_method_handler(bidi),
        "Fail": grpc.unary_unary_rpc_method_handler(fail),
        "Metadata": grpc.unary_unary_rpc_method_handler(metadata),
    }
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler("interop.Echo", handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print("PORT %d" % port, flush=True)
    sys.stdin.read()
    server.stop(grace=None)


if __name__ == "__main__":
    main()
