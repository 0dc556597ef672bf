"""Independent ABI encoder for the cast-syntax differential tests: eth-abi encodes the values.

Reads JSON lines on stdin, one case each: {"types": ["uint256", "(bool,string)[]", ...],
"values": [...]}, where a value is written by type: integers as decimal strings, addresses
and bytes as 0x hex strings, bools as JSON booleans, strings as JSON strings, arrays and
tuples as JSON arrays. Writes one line per case: 0x and the hex of eth_abi.encode(types, values).
"""
import json
import sys

from eth_abi import encode
from eth_abi.grammar import parse
from eth_utils import to_checksum_address


def convert(abi_type, value):
    if abi_type.is_array:
        return [convert(abi_type.item_type, item) for item in value]
    if hasattr(abi_type, "components"):
        assert len(abi_type.components) == len(value), (abi_type, value)
        return tuple(convert(component, item) for component, item in zip(abi_type.components, value))
    base = abi_type.base
    if base in ("uint", "int"):
        return int(value)
    if base == "address":
        return to_checksum_address(value)
    if base == "bool":
        assert isinstance(value, bool)
        return value
    if base == "bytes":
        return bytes.fromhex(value[2:])
    if base == "string":
        return value
    raise ValueError(f"unsupported type {abi_type}")


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        types = case["types"]
        values = [convert(parse(t), v) for t, v in zip(types, case["values"])]
        print("0x" + encode(types, values).hex())


if __name__ == "__main__":
    main()
