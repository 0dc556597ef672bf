#!/usr/bin/env python3
"""A fault-injecting HTTP proxy between a JSON-RPC client and the local node (server.py).

Binds 127.0.0.1 only; `--port 0 --port-file PATH` as server.py. `--plan` is a JSON list of
rules, applied in order to each request whose JSON-RPC method matches (`"*"` matches any):

  {"method": "eth_sendRawTransaction", "action": "drop_before", "times": 1, "skip": 0}

actions:
  drop_before   close the connection without forwarding the request
  drop_after    forward the request, then close the connection without answering
  status        answer with HTTP `status` (and `Retry-After: retry_after` when given), not forwarding
  delay         forward, then wait `seconds` before answering (a response slower than the timeout)
  truncate      forward, answer with the first half of the node's body (malformed JSON)
  garbage       answer 200 with a body that is not JSON, not forwarding
  error         answer with a JSON-RPC error {code, message} (default -32000), not forwarding
  wrong_id      forward, answer with the id changed
  oversize      answer 200 with a body of `bytes` bytes (a JSON string that large), not forwarding
  chain_id      answer eth_chainId with `chain_id` instead of forwarding
  gzip          forward, answer with the body gzip-compressed (Content-Encoding: gzip)
  withhold      eth_sendRawTransaction only: keep the bytes, answer with their hash as a node
                would, and answer eth_getTransactionByHash for them as pending, never including
                them (a node that withholds inclusion). With `"release_on_next": true`, the
                withheld bytes are forwarded just before the next eth_sendRawTransaction.

`times` (default 1) bounds how often a rule fires; `skip` lets that many matches pass first.
`--mine-every SECONDS` mines a block on the node that often (so "K blocks later" happens).
`--log PATH` appends one JSON line per request: method, the action applied (or "forward") and
the client's TCP port (the same port on every line means one kept-alive connection).
"""
import argparse
import http.client
import http.server
import json
import os
import socket
import sys
import threading
import time

from eth_utils import keccak

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from lifecycle import serve  # noqa: E402


class Proxy:
    def __init__(self, upstream_port, plan, log_path):
        self.upstream_port = upstream_port
        self.rules = [dict(rule, fired=0, seen=0) for rule in plan]
        self.lock = threading.Lock()
        self.log_path = log_path
        self.withheld = {}  # hash hex -> raw hex
        self.release_queue = []

    def log(self, method, action, peer=None):
        if not self.log_path:
            return
        with self.lock, open(self.log_path, "a") as handle:
            handle.write(json.dumps({"method": method, "action": action, "peer": peer}) + "\n")

    def match(self, method):
        with self.lock:
            for rule in self.rules:
                if rule.get("method", "*") not in ("*", method):
                    continue
                rule["seen"] += 1
                if rule["seen"] <= rule.get("skip", 0):
                    continue
                if rule["fired"] >= rule.get("times", 1):
                    continue
                rule["fired"] += 1
                return rule
        return None

    def forward(self, body):
        connection = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=60)
        try:
            connection.request("POST", "/", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def rpc(self, method, params):
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()
        return json.loads(self.forward(body)[1])

    def pending_view(self, tx_hash):
        raw = self.withheld.get(tx_hash)
        if raw is None:
            return None
        from eth.vm.forks.prague.transactions import PragueTransactionBuilder
        tx = PragueTransactionBuilder.decode(bytes.fromhex(raw[2:]))
        return {"hash": tx_hash, "from": "0x" + tx.sender.hex(), "nonce": hex(tx.nonce),
                "blockNumber": None, "blockHash": None, "transactionIndex": None, "input": "0x" + tx.data.hex()}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    proxy = None

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format, *args):
        pass

    def reply(self, status, payload, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def do_POST(self):
        proxy = self.proxy
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        try:
            request = json.loads(body)
        except ValueError:
            request = None
        method = request.get("method", "") if isinstance(request, dict) else "(batch)"
        request_id = request.get("id") if isinstance(request, dict) else None

        if method == "eth_getTransactionByHash" and request.get("params"):
            view = proxy.pending_view(request["params"][0])
            if view is not None:
                proxy.log(method, "withheld_view")
                self.reply(200, json.dumps({"jsonrpc": "2.0", "id": request_id, "result": view}).encode())
                return

        if method == "eth_sendRawTransaction":
            while proxy.release_queue:
                raw = proxy.release_queue.pop(0)
                proxy.withheld.pop("0x" + keccak(hexstr=raw).hex(), None)
                proxy.rpc("eth_sendRawTransaction", [raw])
                proxy.log(method, "released")

        rule = proxy.match(method)
        action = rule["action"] if rule else "forward"
        proxy.log(method, action, self.client_address[1])

        if action == "drop_before":
            self.drop()
            return
        if action == "status":
            headers = [("Retry-After", str(rule["retry_after"]))] if "retry_after" in rule else []
            self.reply(rule["status"], b'{"error":"injected"}', headers)
            return
        if action == "error":
            error = {"code": rule.get("code", -32000), "message": rule.get("message", "injected error")}
            self.reply(200, json.dumps({"jsonrpc": "2.0", "id": request_id, "error": error}).encode())
            return
        if action == "garbage":
            self.reply(200, b"<html>502 Bad Gateway</html>")
            return
        if action == "oversize":
            size = int(rule.get("bytes", 40 << 20))
            payload = b'{"jsonrpc":"2.0","id":' + json.dumps(request_id).encode() + b',"result":"' + b"a" * size + b'"}'
            self.reply(200, payload)
            return
        if action == "chain_id":
            result = {"jsonrpc": "2.0", "id": request_id, "result": hex(rule["chain_id"])}
            self.reply(200, json.dumps(result).encode())
            return
        if action == "withhold":
            raw = request["params"][0]
            tx_hash = "0x" + keccak(hexstr=raw).hex()
            proxy.withheld[tx_hash] = raw
            if rule.get("release_on_next"):
                proxy.release_queue.append(raw)
            self.reply(200, json.dumps({"jsonrpc": "2.0", "id": request_id, "result": tx_hash}).encode())
            return

        status, payload = proxy.forward(body)
        if action == "drop_after":
            self.drop()
            return
        if action == "delay":
            time.sleep(float(rule.get("seconds", 5)))
        if action == "gzip":
            import gzip
            self.reply(status, gzip.compress(payload), [("Content-Encoding", "gzip")])
            return
        if action == "truncate":
            payload = payload[: max(1, len(payload) // 2)]
        if action == "wrong_id":
            answer = json.loads(payload)
            answer["id"] = (answer.get("id") or 0) + 1000
            payload = json.dumps(answer).encode()
        try:
            self.reply(status, payload)
        except (BrokenPipeError, ConnectionResetError):
            pass


def mine_forever(proxy, seconds):
    while True:
        time.sleep(seconds)
        try:
            proxy.rpc("evm_mine", [])
        except Exception:
            pass


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--upstream-port", type=int, required=True)
    parser.add_argument("--plan", default="[]")
    parser.add_argument("--log")
    parser.add_argument("--mine-every", type=float)
    parser.add_argument("--parent-pid", type=int, default=os.getppid())
    args = parser.parse_args(argv)

    plan = json.loads(args.plan)
    if not isinstance(plan, list):
        raise SystemExit("--plan must be a JSON list of rules")
    Handler.proxy = Proxy(args.upstream_port, plan, args.log)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    if args.mine_every:
        threading.Thread(target=mine_forever, args=(Handler.proxy, args.mine_every), daemon=True).start()
    serve(server, args.port_file, args.parent_pid)


if __name__ == "__main__":
    main()
