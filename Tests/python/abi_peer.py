"""ABI peer for the Swift differential tests: eth-abi 6.0.0 encodes and decodes.

Reads JSON lines on stdin, writes one JSON line per input line on stdout:
  {"op": "encode", "types": ["uint8", "(bool,string)[]"], "values": [...]}  -> {"hex": "..."} | {"error": "..."}
  {"op": "decode", "types": [...], "hex": "..."}                           -> {"values": [...]} | {"error": "..."}

Value representation (the Swift test's own, independent of eth-abi's Python values):
  uintN, ufixedMxN: "0x..." hex of the (scaled) integer
  intN, fixedMxN:   "0x..." hex of the 256-bit two's-complement pattern of the (scaled) integer
  address:          "0x" + 40 lowercase hex digits
  bool:             true / false
  bytesN, bytes, function: "0x..." hex of the bytes
  string:           a JSON string
  arrays, tuples:   JSON arrays
"""
import json
import sys
from decimal import Decimal, localcontext

from eth_abi import decode, encode
from eth_abi.grammar import parse

MOD = 1 << 256


def to_python(node, value):
    if node.arrlist:
        item = node.item_type
        return [to_python(item, v) for v in value]
    if hasattr(node, "components"):
        return tuple(to_python(c, v) for c, v in zip(node.components, value))
    base, sub = node.base, node.sub
    if base in ("uint", "int"):
        n = int(value, 16)
        if base == "int" and n >= 1 << 255:
            n -= MOD
        return n
    if base in ("ufixed", "fixed"):
        n = int(value, 16)
        if base == "fixed" and n >= 1 << 255:
            n -= MOD
        with localcontext() as ctx:
            ctx.prec = 999
            return Decimal(n) / (Decimal(10) ** sub[1])
    if base == "address":
        return value
    if base == "bool":
        return value
    if base in ("bytes", "function"):
        return bytes.fromhex(value[2:])
    if base == "string":
        return value
    raise ValueError("unsupported type " + node.to_type_str())


def from_python(node, value):
    if node.arrlist:
        return [from_python(node.item_type, v) for v in value]
    if hasattr(node, "components"):
        return [from_python(c, v) for c, v in zip(node.components, value)]
    base, sub = node.base, node.sub
    if base in ("uint", "int"):
        return hex(value % MOD)
    if base in ("ufixed", "fixed"):
        with localcontext() as ctx:
            ctx.prec = 999
            scaled = value * (Decimal(10) ** sub[1])
        assert scaled == scaled.to_integral_value()
        return hex(int(scaled) % MOD)
    if base == "address":
        return value.lower()
    if base == "bool":
        return value
    if base in ("bytes", "function"):
        return "0x" + value.hex()
    if base == "string":
        return value
    raise ValueError("unsupported type " + node.to_type_str())


def handle(request):
    types = request["types"]
    nodes = [parse(t) for t in types]
    try:
        if request["op"] == "encode":
            values = [to_python(n, v) for n, v in zip(nodes, request["values"])]
            return {"hex": encode(types, values).hex()}
        data = bytes.fromhex(request["hex"])
        decoded = decode(types, data)
        return {"values": [from_python(n, v) for n, v in zip(nodes, decoded)]}
    except Exception as error:  # eth-abi raises many exception types; each one is a rejection
        return {"error": type(error).__name__ + ": " + str(error)[:200]}


def main():
    out = sys.stdout
    for line in sys.stdin:
        if line.strip():
            out.write(json.dumps(handle(json.loads(line))) + "\n")


if __name__ == "__main__":
    main()
