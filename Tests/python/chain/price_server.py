"""A static HTTP server for the keeper's reference price source tests.

Serves GET /<name> with the bytes of <directory>/<name> (status 200, application/json), 404 for a
missing file, and GET /status/<code> with an empty body and that status. Files are read on every
request, so a test can change them between requests. Binds 127.0.0.1 only. Start with
`--directory DIR --port 0 --port-file PATH`: the server writes the port it got to PATH (atomically)
and exits when `--parent-pid` dies.
"""
import argparse
import http.server
import os

from lifecycle import serve


class Handler(http.server.BaseHTTPRequestHandler):
    directory = "."
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def reply(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path.startswith("/status/"):
            self.reply(int(path[len("/status/"):]), b"")
            return
        name = os.path.basename(path)
        full = os.path.join(self.directory, name)
        if not name or not os.path.isfile(full):
            self.reply(404, b'{"error": "not found"}')
            return
        with open(full, "rb") as handle:
            self.reply(200, handle.read())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--directory", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--parent-pid", type=int, default=os.getppid())
    args = parser.parse_args(argv)

    Handler.directory = args.directory
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    serve(server, args.port_file, args.parent_pid)


if __name__ == "__main__":
    main()
