"""RLP peer for the differential tests: pyrlp (rlp==5.0.0) encodes and decodes.

Reads one request per line on stdin and writes one answer per line on stdout:
  enc <json>   -> hex of rlp.encode(item); the JSON item is a hex string (bytes) or a list of items
  dec <hex>    -> "ok <json>" with the strictly decoded item, or "err" when pyrlp refuses the bytes
"""
import json
import sys

import rlp
from rlp.exceptions import DecodingError


def from_json(value):
    if isinstance(value, str):
        return bytes.fromhex(value)
    return [from_json(child) for child in value]


def to_json(item):
    if isinstance(item, bytes):
        return item.hex()
    return [to_json(child) for child in item]


def main():
    out = []
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line:
            continue
        command, _, argument = line.partition(" ")
        if command == "enc":
            out.append(rlp.encode(from_json(json.loads(argument))).hex())
        elif command == "dec":
            try:
                item = rlp.decode(bytes.fromhex(argument), strict=True)
            except DecodingError:
                out.append("err")
            else:
                out.append("ok " + json.dumps(to_json(item), separators=(",", ":")))
        else:
            raise SystemExit("unknown command " + command)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
