#!/usr/bin/env python3
"""Python-level smoke check of server.py (and proxy.py when present): starts the node on port 0,
deploys the Vyper TestToken, and asserts the wire format of the methods the client uses.
Exits non-zero with a message on the first failure."""
import json
import os
import subprocess
import sys
import tempfile
import time
import http.client
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from contracts import compile_contract  # noqa: E402


def start(script, *args):
    directory = tempfile.mkdtemp()
    port_file = os.path.join(directory, "port")
    process = subprocess.Popen([sys.executable, os.path.join(HERE, script), "--port", "0",
                                "--port-file", port_file, *args])
    deadline = time.time() + 20
    while not os.path.exists(port_file):
        if time.time() > deadline or process.poll() is not None:
            raise SystemExit(f"{script} did not start")
        time.sleep(0.02)
    return process, int(open(port_file).read())


def rpc(port, method, *params):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}", body, {"Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(request, timeout=10).read())


def check(condition, what):
    if not condition:
        raise SystemExit(f"smoke check failed: {what}")


def main():
    started = time.time()
    node, port = start("server.py", "--chain-id", "31337")
    try:
        print(f"node up in {time.time() - started:.2f}s on {port}")
        check(rpc(port, "eth_chainId")["result"] == "0x7a69", "eth_chainId is 0x7a69")
        accounts = rpc(port, "eth_accounts")["result"]
        check(accounts[0] == "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", "first dev account (key 1)")
        token = compile_contract("TestToken")
        from eth_abi import encode
        ctor = encode(["string", "string", "uint8"], ["Test USD", "TUSD", 6]).hex()
        deploy = rpc(port, "eth_sendTransaction", {"from": accounts[0], "input": token["bytecode"] + ctor,
                                                    "gas": "0x200000"})
        receipt = rpc(port, "eth_getTransactionReceipt", deploy["result"])["result"]
        check(receipt["status"] == "0x1", f"deploy succeeded: {receipt}")
        address = receipt["contractAddress"]
        decimals = rpc(port, "eth_call", {"to": address, "input": "0x313ce567"}, "latest")["result"]
        check(int(decimals, 16) == 6, "decimals() is 6")
        # transfer from an empty account reverts with Error(string) as code 3
        transfer = "0xa9059cbb" + encode(["address", "uint256"], [accounts[1], 5]).hex()
        error = rpc(port, "eth_call", {"from": accounts[2], "to": address, "input": transfer})["error"]
        check(error["code"] == 3 and error["data"].startswith("0x08c379a0")
              and "exceeds balance" in error["message"], f"revert shape: {error}")
        error = rpc(port, "eth_estimateGas", {"from": accounts[2], "to": address, "input": transfer})["error"]
        check(error["code"] == 3 and error["data"].startswith("0x08c379a0"), f"estimate revert: {error}")
        history = rpc(port, "eth_feeHistory", "0xa", "latest", [20, 50])["result"]
        check(len(history["baseFeePerGas"]) == len(history["gasUsedRatio"]) + 1, "baseFeePerGas has n+1 entries")
        check(len(history["reward"]) == len(history["gasUsedRatio"]), "one reward row per block")
        check(history["oldestBlock"] == "0x0", f"oldest block {history['oldestBlock']}")
        # batch
        body = json.dumps([{"jsonrpc": "2.0", "id": 7, "method": "eth_blockNumber", "params": []},
                           {"jsonrpc": "2.0", "id": 8, "method": "eth_nope", "params": []}]).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}", body, {"Content-Type": "application/json"})
        batch = json.loads(urllib.request.urlopen(request, timeout=10).read())
        check(batch[0]["id"] == 7 and batch[0]["result"] == "0x1", f"batch result {batch}")
        check(batch[1]["error"]["code"] == -32601, "unknown method is -32601")
        snapshot = rpc(port, "evm_snapshot")["result"]
        rpc(port, "evm_mine")
        check(rpc(port, "eth_blockNumber")["result"] == "0x2", "evm_mine mines")
        check(rpc(port, "evm_revert", snapshot)["result"] is True, "evm_revert")
        check(rpc(port, "eth_blockNumber")["result"] == "0x1", "reverted to the snapshot")
        before = int(rpc(port, "eth_getBlockByNumber", "latest", False)["result"]["timestamp"], 16)
        rpc(port, "evm_increaseTime", 3600)
        rpc(port, "evm_mine")
        after = int(rpc(port, "eth_getBlockByNumber", "latest", False)["result"]["timestamp"], 16)
        check(after - before >= 3600, f"evm_increaseTime moved the clock by {after - before}")
        overridden = rpc(port, "eth_call", {"to": address, "input": "0x313ce567"}, "latest",
                         {address: {"stateDiff": {"0x" + "00" * 31 + "02": "0x" + "00" * 31 + "12"}}})
        check("result" in overridden, f"state override accepted: {overridden}")
        print("server smoke check passed")
        plan = json.dumps([{"method": "eth_chainId", "action": "chain_id", "chain_id": 1},
                           {"method": "eth_blockNumber", "action": "status", "status": 429, "retry_after": 2},
                           {"method": "eth_gasPrice", "action": "drop_before"},
                           {"method": "eth_getBalance", "action": "wrong_id"}])
        proxy, proxy_port = start("proxy.py", "--upstream-port", str(port), "--plan", plan)
        try:
            check(rpc(proxy_port, "eth_chainId")["result"] == "0x1", "proxy rewrites the chain id")
            check(rpc(proxy_port, "eth_chainId")["result"] == "0x7a69", "rules fire once by default")
            try:
                rpc(proxy_port, "eth_blockNumber")
                check(False, "429 expected")
            except urllib.error.HTTPError as error:
                check(error.code == 429 and error.headers["Retry-After"] == "2", "429 with Retry-After")
            try:
                rpc(proxy_port, "eth_gasPrice")
                check(False, "dropped connection expected")
            except (urllib.error.URLError, ConnectionError, http.client.RemoteDisconnected):
                pass
            check(rpc(proxy_port, "eth_getBalance", accounts[0])["id"] == 1001, "wrong id injected")
            print("proxy smoke check passed")
        finally:
            proxy.terminate()
            proxy.wait()
    finally:
        node.terminate()
        node.wait()


if __name__ == "__main__":
    main()
