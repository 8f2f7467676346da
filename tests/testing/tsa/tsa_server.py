#!/usr/bin/env python3
"""A tiny RFC 3161 time-stamping authority over HTTP, for tests.

Each POST body (Content-Type: application/timestamp-query) is a DER TimeStampReq; the answer is
what `openssl ts -reply` makes of it with the config from make_tsa.sh.
Usage: tsa_server.py TSA_DIR PORT_FILE   (listens on 127.0.0.1, a free port written to PORT_FILE)
"""
import http.server
import os
import subprocess
import sys
import tempfile

TSA_DIR = sys.argv[1]
PORT_FILE = sys.argv[2]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        if self.headers.get("Content-Type") != "application/timestamp-query":
            self.send_error(415, "expected application/timestamp-query")
            return
        query = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with tempfile.TemporaryDirectory() as work:
            query_file = os.path.join(work, "query.tsq")
            reply_file = os.path.join(work, "reply.tsr")
            with open(query_file, "wb") as out:
                out.write(query)
            done = subprocess.run(
                ["openssl", "ts", "-reply", "-config", os.path.join(TSA_DIR, "tsa.cnf"),
                 "-queryfile", query_file, "-out", reply_file],
                capture_output=True, check=False)
            if done.returncode != 0:
                self.send_error(500, done.stderr.decode(errors="replace")[:200])
                return
            with open(reply_file, "rb") as reply:
                body = reply.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w") as port:
    port.write(str(server.server_address[1]))
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
