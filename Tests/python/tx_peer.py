"""Transaction peer for the differential tests: eth-account (0.14.0) signs and decodes.

Reads one JSON request per line on stdin, writes one JSON answer per line on stdout.
  {"op": "sign", "key": "0x…", "tx": {eth-account transaction dict; ints as 0x-hex strings}}
      -> {"raw": "0x…", "hash": "0x…", "from": "0x…"}
  {"op": "recover", "raw": "0x…"} -> {"from": "0x…"}
  {"op": "personal", "key": "0x…", "message": "0x…"} -> {"signature": "0x…", "from": "0x…"}
"""
import json
import sys

from eth_account import Account
from eth_account.messages import encode_defunct

INT_FIELDS = ("chainId", "nonce", "gas", "gasPrice", "maxFeePerGas", "maxPriorityFeePerGas", "value", "type")


def transaction(fields):
    tx = {}
    for name, value in fields.items():
        if name in INT_FIELDS:
            tx[name] = int(value, 16)
        else:
            tx[name] = value
    return tx


def handle(request):
    op = request["op"]
    if op == "sign":
        account = Account.from_key(request["key"])
        signed = account.sign_transaction(transaction(request["tx"]))
        return {"raw": "0x" + signed.raw_transaction.hex(), "hash": "0x" + signed.hash.hex(), "from": account.address}
    if op == "recover":
        return {"from": Account.recover_transaction(request["raw"])}
    if op == "personal":
        account = Account.from_key(request["key"])
        message = encode_defunct(primitive=bytes.fromhex(request["message"][2:]))
        signed = account.sign_message(message)
        return {"signature": "0x" + signed.signature.hex(), "from": account.address}
    raise SystemExit("unknown op " + op)


def main():
    out = [json.dumps(handle(json.loads(line))) for line in sys.stdin if line.strip()]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
