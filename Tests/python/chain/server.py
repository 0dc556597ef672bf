#!/usr/bin/env python3
"""A local Ethereum node for tests: eth-tester + py-evm behind an HTTP JSON-RPC server.

Binds 127.0.0.1 only. Start with `--port 0 --port-file PATH`: the server writes the port it got
to PATH (atomically) once it accepts connections. It exits on its own when the process that
started it goes away, so a crashed test run leaves no orphan.

Wire format follows the Ethereum JSON-RPC spec: quantities are 0x-prefixed minimal hex, keys are
camelCase, batches are answered as arrays, and a revert is `{code: 3, message, data: 0x...}`.

Development accounts are funded at genesis; their private keys are 1, 2, ... (eth-tester's
defaults), so account i has the key `0x` + 63 zeros + `i`.
"""
import argparse
import http.server
import json
import os
import re
import socket
import sys
import threading

from eth.exceptions import Revert as EVMRevert
from eth.vm.spoof import SpoofTransaction as EVMSpoofTransaction
from eth_tester import EthereumTester, PyEVMBackend
from eth_tester.backends.pyevm import main as pyevm_main
from eth_tester.exceptions import (
    BlockNotFound,
    TransactionFailed,
    TransactionNotFound,
    ValidationError,
)
from eth_utils import decode_hex, encode_hex, keccak, to_canonical_address, to_checksum_address
from eth_utils.exceptions import ValidationError as EthUtilsValidationError

from lifecycle import serve

MAX_REQUEST_BYTES = 4 * 1024 * 1024
REVERT_CODE = 3


class RPCError(Exception):
    def __init__(self, code, message, data=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data


def quantity(value):
    return hex(int(value))


def parse_quantity(value, field):
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if not isinstance(value, str) or not value.startswith("0x") or len(value) < 3:
        raise RPCError(-32602, f"{field}: expected a 0x-prefixed hex quantity, got {value!r}")
    try:
        return int(value, 16)
    except ValueError:
        raise RPCError(-32602, f"{field}: not a hex quantity: {value!r}") from None


def parse_data(value, field):
    if not isinstance(value, str) or not value.startswith("0x") or len(value) % 2:
        raise RPCError(-32602, f"{field}: expected 0x-prefixed hex bytes, got {value!r}")
    try:
        return decode_hex(value)
    except ValueError:
        raise RPCError(-32602, f"{field}: not hex bytes: {value!r}") from None


def parse_address(value, field):
    if not isinstance(value, str) or len(value) != 42 or not value.startswith("0x"):
        raise RPCError(-32602, f"{field}: expected a 20-byte 0x address, got {value!r}")
    try:
        return to_checksum_address(value)
    except ValueError:
        raise RPCError(-32602, f"{field}: not an address: {value!r}") from None


def camel(key):
    head, *rest = key.split("_")
    return head + "".join(part.capitalize() for part in rest)


# Fields whose integer values are data (fixed-width), not quantities.
DATA_INT_FIELDS = {"logs_bloom": 256, "r": None, "s": None}


def to_wire(value, key=None):
    """eth-tester's snake_case, int-valued objects -> spec JSON (camelCase keys, hex quantities)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k == "state_root" and isinstance(v, bytes):
                continue  # post-Byzantium receipts carry status, not a state root
            if k in ("to", "contract_address") and v in ("", b"", "0x"):
                v = None  # contract creation has no callee
            out[camel(k)] = to_wire(v, k)
        return out
    if isinstance(value, (list, tuple)):
        return [to_wire(v) for v in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if key == "logs_bloom":
            return "0x" + value.to_bytes(256, "big").hex()
        return quantity(value)
    if isinstance(value, bytes):
        return encode_hex(value)
    return value


class Node:
    """The JSON-RPC method table over one EthereumTester."""

    def __init__(self, chain_id, accounts):
        genesis_state = PyEVMBackend.generate_genesis_state(num_accounts=accounts)
        self.backend = PyEVMBackend(genesis_state=genesis_state)
        self.backend.chain.chain_id = chain_id
        self.chain_id = chain_id
        self.tester = EthereumTester(backend=self.backend)
        self.lock = threading.Lock()
        self.time_offset = 0

    # -- helpers ---------------------------------------------------------------------------

    def block_tag(self, value, field="block"):
        if value is None:
            return "latest"
        if isinstance(value, dict):  # EIP-1898
            if "blockNumber" in value:
                return parse_quantity(value["blockNumber"], field + ".blockNumber")
            if "blockHash" in value:
                try:
                    block = self.tester.get_block_by_hash(value["blockHash"])
                except BlockNotFound:
                    raise RPCError(-32001, f"{field}: unknown block hash {value['blockHash']}") from None
                return block["number"]
            raise RPCError(-32602, f"{field}: expected blockNumber or blockHash")
        if value in ("latest", "earliest", "pending", "safe", "finalized"):
            return value
        number = parse_quantity(value, field)
        if number > self.latest_number():
            raise RPCError(-32001, f"{field}: block {number} is beyond the head {self.latest_number()}")
        return number

    def latest_number(self):
        return self.tester.get_block_by_number("latest")["number"]

    def call_object(self, obj, purpose):
        if not isinstance(obj, dict):
            raise RPCError(-32602, "transaction: expected an object")
        tx = {}
        if obj.get("from") is not None:
            tx["from"] = parse_address(obj["from"], "from")
        else:
            tx["from"] = "0x" + "00" * 20
        if obj.get("to") is not None:
            tx["to"] = parse_address(obj["to"], "to")
        elif purpose == "call":
            tx["to"] = ""
        for wire, name in (("gas", "gas"), ("value", "value"), ("gasPrice", "gas_price"),
                           ("maxFeePerGas", "max_fee_per_gas"),
                           ("maxPriorityFeePerGas", "max_priority_fee_per_gas"), ("nonce", "nonce")):
            if obj.get(wire) is not None:
                tx[name] = parse_quantity(obj[wire], wire)
        data = obj.get("input", obj.get("data"))
        tx["data"] = encode_hex(parse_data(data, "input")) if data is not None else "0x"
        if "gas_price" not in tx and "max_fee_per_gas" not in tx and "max_priority_fee_per_gas" not in tx:
            # An unpriced call pays the base fee with no tip; eth_call funds it (as geth skips the
            # fee check), eth_estimateGas needs a sender that can pay it.
            tx["max_fee_per_gas"] = self.backend.chain.get_block().header.base_fee_per_gas
            tx["max_priority_fee_per_gas"] = 0
            tx["unpriced"] = True
        if "max_fee_per_gas" in tx and "max_priority_fee_per_gas" not in tx:
            tx["max_priority_fee_per_gas"] = 0
        if "max_priority_fee_per_gas" in tx and "max_fee_per_gas" not in tx:
            tx["max_fee_per_gas"] = tx["max_priority_fee_per_gas"]
        return tx

    def raw_transaction(self, tx, block, base_fee=None):
        tx = dict(tx)
        if tx.pop("unpriced", False) and base_fee is not None:
            tx["max_fee_per_gas"] = base_fee
        raw = self.tester.normalizer.normalize_inbound_transaction(tx)
        if raw.get("to") == "":
            raw["to"] = b""
        raw_block = self.tester.normalizer.normalize_inbound_block_number(block)
        if "gas" not in raw:
            raw["gas"] = self.backend._max_available_gas()
        unsigned = self.backend._get_normalized_and_unsigned_evm_transaction(raw, raw_block)
        return raw, raw_block, EVMSpoofTransaction(unsigned, from_=raw["from"])

    @staticmethod
    def revert_error(error):
        data = error.args[0] if error.args and isinstance(error.args[0], bytes) else b""
        message = "execution reverted"
        if data[:4] == bytes.fromhex("08c379a0"):
            try:
                from eth_abi import decode as abi_decode
                message += ": " + abi_decode(["string"], data[4:])[0]
            except Exception:
                pass
        return RPCError(REVERT_CODE, message, encode_hex(data))

    def apply_overrides(self, state, overrides):
        if not isinstance(overrides, dict):
            raise RPCError(-32602, "stateOverride: expected an object")
        for address, spec in overrides.items():
            account = to_canonical_address(parse_address(address, "stateOverride address"))
            if not isinstance(spec, dict):
                raise RPCError(-32602, f"stateOverride[{address}]: expected an object")
            if "balance" in spec:
                state.set_balance(account, parse_quantity(spec["balance"], "balance"))
            if "nonce" in spec:
                state.set_nonce(account, parse_quantity(spec["nonce"], "nonce"))
            if "code" in spec:
                state.set_code(account, parse_data(spec["code"], "code"))
            if "state" in spec and "stateDiff" in spec:
                raise RPCError(-32602, f"stateOverride[{address}]: state and stateDiff are exclusive")
            slots = spec.get("state") or spec.get("stateDiff") or {}
            if "state" in spec:
                state.delete_storage(account)
            for slot, word in slots.items():
                key = int.from_bytes(parse_data(slot, "slot"), "big")
                state.set_storage(account, key, int.from_bytes(parse_data(word, "slot value"), "big"))

    # -- methods ---------------------------------------------------------------------------

    def web3_clientVersion(self):
        return "rebalancer-test-node/eth-tester+py-evm"

    def net_version(self):
        return str(self.chain_id)

    def eth_chainId(self):
        return quantity(self.chain_id)

    def eth_blockNumber(self):
        return quantity(self.latest_number())

    def eth_accounts(self):
        return self.tester.get_accounts()

    def eth_getBalance(self, address, block=None):
        return quantity(self.tester.get_balance(parse_address(address, "address"), self.block_tag(block)))

    def eth_getTransactionCount(self, address, block=None):
        return quantity(self.tester.get_nonce(parse_address(address, "address"), self.block_tag(block)))

    def eth_getCode(self, address, block=None):
        return self.tester.get_code(parse_address(address, "address"), self.block_tag(block))

    def eth_getStorageAt(self, address, slot, block=None):
        value = self.tester.get_storage_at(parse_address(address, "address"),
                                           parse_quantity(slot, "slot"), self.block_tag(block))
        return "0x" + decode_hex(value).rjust(32, b"\0").hex()

    def eth_call(self, obj, block=None, overrides=None):
        tx = self.call_object(obj, "call")
        unpriced = tx.get("unpriced", False)
        tag = self.block_tag(block)
        raw_block = self.tester.normalizer.normalize_inbound_block_number(tag)
        vm = pyevm_main._get_vm_for_block_number(self.backend.chain, raw_block)
        state = vm.state
        base_fee = state.execution_context.base_fee_per_gas
        raw, _, spoof = self.raw_transaction(tx, tag, base_fee)
        snapshot = state.snapshot()
        try:
            if overrides is not None:
                self.apply_overrides(state, overrides)
            if unpriced:
                state.delta_balance(raw["from"], raw["gas"] * base_fee)
            computation = state.apply_transaction(spoof)
        finally:
            state.revert(snapshot)
        if computation.is_error:
            error = computation.error
            if isinstance(error, EVMRevert):
                raise self.revert_error(error)
            raise RPCError(-32015, f"execution failed: {error!r}")
        return encode_hex(computation.output)

    def eth_estimateGas(self, obj, block=None):
        tx = self.call_object(obj, "estimate")
        tag = self.block_tag(block)
        if tag == "pending":
            tag = "latest"
        raw, raw_block, spoof = self.raw_transaction(tx, tag, self.backend.chain.get_block().header.base_fee_per_gas)
        chain = self.backend.chain
        header = None if raw_block in ("latest", "safe", "finalized") else (
            chain.get_canonical_block_header_by_number(0 if raw_block == "earliest" else raw_block))
        try:
            return quantity(chain.estimate_gas(spoof, header) if header else chain.estimate_gas(spoof))
        except EVMRevert as error:
            raise self.revert_error(error) from None

    def eth_gasPrice(self):
        pending = self.backend.chain.get_block().header.base_fee_per_gas
        return quantity(pending + 10**9)

    def eth_maxPriorityFeePerGas(self):
        return quantity(10**9)

    def eth_feeHistory(self, block_count, newest, percentiles=None):
        count = parse_quantity(block_count, "blockCount") if not isinstance(block_count, int) else block_count
        if not 1 <= count <= 1024:
            raise RPCError(-32602, f"blockCount: {count} is outside 1...1024")
        percentiles = percentiles or []
        if not isinstance(percentiles, list) or any(
                not isinstance(p, (int, float)) or not 0 <= p <= 100 for p in percentiles) or \
                percentiles != sorted(percentiles):
            raise RPCError(-32602, "rewardPercentiles: expected ascending numbers in 0...100")
        tag = self.block_tag(newest, "newestBlock")
        head = self.latest_number()
        newest_number = head if tag in ("latest", "pending", "safe", "finalized") else (
            0 if tag == "earliest" else tag)
        oldest = max(0, newest_number - count + 1)
        chain = self.backend.chain
        base_fees, ratios, rewards = [], [], []
        for number in range(oldest, newest_number + 1):
            block = chain.get_canonical_block_by_number(number)
            header = block.header
            base_fees.append(quantity(header.base_fee_per_gas))
            ratios.append(header.gas_used / header.gas_limit)
            if percentiles:
                rewards.append([quantity(r) for r in self.block_rewards(block, percentiles)])
        if newest_number + 1 <= head:
            next_fee = chain.get_canonical_block_by_number(newest_number + 1).header.base_fee_per_gas
        else:
            next_fee = chain.get_block().header.base_fee_per_gas
        base_fees.append(quantity(next_fee))
        result = {"oldestBlock": quantity(oldest), "baseFeePerGas": base_fees, "gasUsedRatio": ratios}
        if percentiles:
            result["reward"] = rewards
        return result

    def block_rewards(self, block, percentiles):
        """Effective tips at the gas-weighted percentiles, as geth computes them."""
        base_fee = block.header.base_fee_per_gas
        if not block.transactions:
            return [0 for _ in percentiles]
        receipts = block.get_receipts(self.backend.chain.chaindb)
        tips = []
        previous = 0
        for tx, receipt in zip(block.transactions, receipts):
            gas_used = receipt.gas_used - previous
            previous = receipt.gas_used
            if hasattr(tx, "max_priority_fee_per_gas"):
                tip = min(tx.max_priority_fee_per_gas, tx.max_fee_per_gas - base_fee)
            else:
                tip = tx.gas_price - base_fee
            tips.append((tip, gas_used))
        tips.sort()
        out = []
        for p in percentiles:
            threshold = block.header.gas_used * p / 100
            cumulative = 0
            chosen = tips[-1][0]
            for tip, gas in tips:
                cumulative += gas
                if cumulative >= threshold:
                    chosen = tip
                    break
            out.append(chosen)
        return out

    def eth_sendRawTransaction(self, raw):
        """Errors use geth's words: "already known", "nonce too low", "nonce too high"."""
        parse_data(raw, "transaction")
        tx_hash = "0x" + keccak(hexstr=raw).hex()
        try:
            self.tester.get_transaction_by_hash(tx_hash)
            raise RPCError(-32000, "already known")
        except TransactionNotFound:
            pass
        try:
            return self.tester.send_raw_transaction(raw)
        except (ValidationError, TransactionFailed, EthUtilsValidationError) as error:
            text = str(error)
            match = re.search(r"Invalid transaction nonce: Expected (\d+), but got (\d+)", text)
            if match:
                expected, got = int(match.group(1)), int(match.group(2))
                word = "low" if got < expected else "high"
                raise RPCError(-32000, f"nonce too {word}: next nonce {expected}, tx nonce {got}") from None
            raise RPCError(-32000, text) from None

    def eth_sendTransaction(self, obj):
        tx = self.call_object(obj, "send")
        if "gas" not in tx:
            tx["gas"] = 3_000_000
        if tx.pop("unpriced", False):
            tx["max_fee_per_gas"] = 2 * self.backend.chain.get_block().header.base_fee_per_gas + 10**9
            tx["max_priority_fee_per_gas"] = 10**9
        if "to" not in tx:
            tx["to"] = ""
        try:
            return self.tester.send_transaction(tx)
        except (ValidationError, TransactionFailed) as error:
            raise RPCError(-32000, str(error)) from None

    def eth_getTransactionByHash(self, tx_hash):
        parse_data(tx_hash, "hash")
        try:
            tx = self.tester.get_transaction_by_hash(tx_hash)
        except TransactionNotFound:
            return None
        wire = to_wire(tx)
        wire["input"] = wire.pop("data", "0x")
        wire.setdefault("chainId", quantity(self.chain_id))
        return wire

    def eth_getTransactionReceipt(self, tx_hash):
        parse_data(tx_hash, "hash")
        try:
            receipt = self.tester.get_transaction_receipt(tx_hash)
        except TransactionNotFound:
            return None
        if receipt.get("block_number") is None:
            return None
        wire = to_wire(receipt)
        for log in wire.get("logs", []):
            log.setdefault("removed", False)
            log["transactionHash"] = wire["transactionHash"]
        return wire

    def block(self, block):
        if block is None:
            return None
        wire = to_wire(block)
        for tx in wire.get("transactions", []):
            if isinstance(tx, dict):
                tx["input"] = tx.pop("data", "0x")
        return wire

    def eth_getBlockByNumber(self, tag, full=False):
        try:
            return self.block(self.tester.get_block_by_number(self.block_tag(tag), bool(full)))
        except (BlockNotFound, RPCError) as error:
            if isinstance(error, RPCError) and error.code != -32001:
                raise
            return None

    def eth_getBlockByHash(self, block_hash, full=False):
        parse_data(block_hash, "hash")
        try:
            return self.block(self.tester.get_block_by_hash(block_hash, bool(full)))
        except BlockNotFound:
            return None

    def eth_getLogs(self, spec):
        if not isinstance(spec, dict):
            raise RPCError(-32602, "filter: expected an object")
        from_block = self.block_tag(spec.get("fromBlock"), "fromBlock")
        to_block = self.block_tag(spec.get("toBlock"), "toBlock")
        head = self.latest_number()
        resolve = lambda t: head if isinstance(t, str) and t != "earliest" else (0 if t == "earliest" else t)
        logs = self.tester.get_logs(from_block=resolve(from_block), to_block=resolve(to_block),
                                    address=spec.get("address"), topics=spec.get("topics"))
        out = []
        for log in logs:
            wire = to_wire(log)
            wire.setdefault("removed", False)
            out.append(wire)
        return out

    def evm_mine(self, timestamp=None):
        if timestamp is not None:
            self.set_next_timestamp(parse_quantity(timestamp, "timestamp"))
        self.tester.mine_blocks(1)
        return "0x0"

    def set_next_timestamp(self, timestamp):
        chain = self.backend.chain
        chain.header = chain.header.copy(timestamp=timestamp)

    def evm_increaseTime(self, seconds):
        seconds = parse_quantity(seconds, "seconds") if not isinstance(seconds, int) else seconds
        chain = self.backend.chain
        self.set_next_timestamp(chain.header.timestamp + seconds)
        self.time_offset += seconds
        return quantity(self.time_offset)

    def evm_setAutomine(self, enabled):
        if enabled:
            self.tester.enable_auto_mine_transactions()
        else:
            self.tester.disable_auto_mine_transactions()
        return True

    def evm_snapshot(self):
        return quantity(self.tester.take_snapshot())

    def evm_revert(self, snapshot_id):
        try:
            self.tester.revert_to_snapshot(parse_quantity(snapshot_id, "snapshotId"))
        except Exception:
            return False
        return True

    # -- dispatch --------------------------------------------------------------------------

    def handle(self, request):
        if not isinstance(request, dict) or request.get("jsonrpc") != "2.0" or \
                not isinstance(request.get("method"), str):
            return {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "invalid request"}}
        request_id = request.get("id")
        method = request["method"]
        params = request.get("params", [])
        if not isinstance(params, list):
            return {"jsonrpc": "2.0", "id": request_id,
                    "error": {"code": -32602, "message": "params: expected an array"}}
        handler = getattr(self, method, None) if method.split("_")[0] in ("eth", "net", "web3", "evm") else None
        if handler is None:
            return {"jsonrpc": "2.0", "id": request_id,
                    "error": {"code": -32601, "message": f"the method {method} does not exist"}}
        try:
            with self.lock:
                result = handler(*params)
        except RPCError as error:
            body = {"code": error.code, "message": error.message}
            if error.data is not None:
                body["data"] = error.data
            return {"jsonrpc": "2.0", "id": request_id, "error": body}
        except TypeError as error:
            return {"jsonrpc": "2.0", "id": request_id,
                    "error": {"code": -32602, "message": f"invalid params: {error}"}}
        except (ValidationError, TransactionFailed, EthUtilsValidationError, ValueError) as error:
            return {"jsonrpc": "2.0", "id": request_id, "error": {"code": -32000, "message": str(error)}}
        except Exception as error:  # a node answers; it does not drop the connection
            return {"jsonrpc": "2.0", "id": request_id,
                    "error": {"code": -32603, "message": f"internal error: {type(error).__name__}: {error}"}}
        return {"jsonrpc": "2.0", "id": request_id, "result": result}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    node = None

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format, *args):
        pass

    def reply(self, status, body):
        payload = json.dumps(body, separators=(",", ":")).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self):
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if length < 0 or length > MAX_REQUEST_BYTES:
            self.reply(413, {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "request too large"}})
            return
        raw = self.rfile.read(length)
        try:
            request = json.loads(raw)
        except ValueError:
            self.reply(200, {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "parse error"}})
            return
        if isinstance(request, list):
            if not request:
                self.reply(200, {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "empty batch"}})
                return
            self.reply(200, [self.node.handle(item) for item in request])
        else:
            self.reply(200, self.node.handle(request))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--chain-id", type=int, default=31337)
    parser.add_argument("--accounts", type=int, default=10)
    parser.add_argument("--parent-pid", type=int, default=os.getppid())
    args = parser.parse_args(argv)

    Handler.node = Node(args.chain_id, args.accounts)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    serve(server, args.port_file, args.parent_pid)


if __name__ == "__main__":
    main()
