#!/usr/bin/env python3
"""Start a server and time it until its first successful request.

  first_request.py KIT ENDPOINT KEY LOGFILE PIDFILE -- SERVER_COMMAND...

KIT is the shared bench kit directory (for grpc_body.py). grpcio is imported
before the server is started, so the import time does not count. The server
is started with its output in LOGFILE and its pid written to PIDFILE; it keeps
running after this script exits (the caller stops it). The clock starts right
before the server process is created and stops when a linearizable Range of
KEY answers with grpc-status 0 and one key; until then, every attempt opens a
new channel (so gRPC's reconnect back-off never delays the answer), polling
every 2 ms for at most 120 s.

Last line:  RESULT test=startup first_request_s=.. attempts=..
"""
import os
import socket
import subprocess
import sys
import time

import grpc


def main(argv):
    if "--" not in argv or argv.index("--") != 5:
        print(__doc__, file=sys.stderr)
        return 2
    kit, endpoint, key, logfile, pidfile = argv[:5]
    command = argv[6:]
    sys.path.insert(0, kit)
    import grpc_body as gb

    host, port = endpoint.rsplit(":", 1)
    body = gb.range_request(key.encode())
    with open(logfile, "ab") as log:
        start = time.monotonic()
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    with open(pidfile, "w") as f:
        f.write(f"{server.pid}\n")
    attempts = 0
    while time.monotonic() - start < 120:
        if server.poll() is not None:
            print(f"server exited with status {server.returncode} before answering", file=sys.stderr)
            return 1
        attempts += 1
        try:
            socket.create_connection((host, int(port)), timeout=0.5).close()
        except OSError:
            time.sleep(0.002)
            continue
        with grpc.insecure_channel(endpoint, options=[("grpc.enable_http_proxy", 0)]) as ch:
            call = ch.unary_unary(gb.METHODS["Range"], request_serializer=None, response_deserializer=None)
            try:
                reply = gb.decode_range_response(call(body, timeout=2))
            except grpc.RpcError:
                time.sleep(0.002)
                continue
        elapsed = time.monotonic() - start
        if server.poll() is not None:
            print("the server exited; something else answered on its port", file=sys.stderr)
            return 1
        if reply.get("count") != 1:
            print(f"first answer has count {reply.get('count')}, want 1", file=sys.stderr)
            return 1
        print(f"RESULT test=startup first_request_s={elapsed:.3f} attempts={attempts}")
        return 0
    print("no successful request within 120 s", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
