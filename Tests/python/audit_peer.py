"""Decode peer for the Swift `rebalancer decode` tests: eth-abi 6.0.0 and eth-utils.

Usage: audit_peer.py ABI_DIR 0xCALLDATA
Finds the function of ABI_DIR/*.json whose selector (eth-utils keccak of the canonical
signature) starts the calldata, decodes the arguments with eth-abi and prints one JSON object:
  {"function": "name(types)", "contracts": [...], "fields": [{"path": ..., "value": ...}, ...]}
Paths and values follow the Swift command's documented conventions: parameter names, ".name"
for tuple members, "[i]" for elements, ".length" before an array's elements, integers in
decimal, addresses EIP-55, bytes as 0x hex, strings in double quotes, booleans true/false; a
tuple with priceAdapterName and priceAdapterConfigData also gets the config decoded by eth-abi
with the adapter's own parameter list (names and types from the adapter contracts' getDecodedData).
"""
import json
import os
import sys

from eth_abi import decode
from eth_utils import keccak, to_checksum_address

ADAPTERS = {
    "ConstantPriceAdapter": [("price", "uint256")],
    "BoundedStepwiseLinearPriceAdapter": [
        ("initialPrice", "uint256"), ("slope", "uint256"), ("bucketSize", "uint256"),
        ("isDecreasing", "bool"), ("maxPrice", "uint256"), ("minPrice", "uint256")],
    "BoundedStepwiseExponentialPriceAdapter": [
        ("initialPrice", "uint256"), ("scalingFactor", "uint256"), ("timeCoefficient", "uint256"),
        ("bucketSize", "uint256"), ("isDecreasing", "bool"), ("maxPrice", "uint256"), ("minPrice", "uint256")],
    "BoundedStepwiseLogarithmicPriceAdapter": [
        ("initialPrice", "uint256"), ("scalingFactor", "uint256"), ("timeCoefficient", "uint256"),
        ("bucketSize", "uint256"), ("isDecreasing", "bool"), ("maxPrice", "uint256"), ("minPrice", "uint256")],
}


def canonical(param):
    kind = param["type"]
    if kind.startswith("tuple"):
        return "(" + ",".join(canonical(c) for c in param["components"]) + ")" + kind[len("tuple"):]
    return kind


def text(kind, value):
    if kind == "address":
        return to_checksum_address(value)
    if kind == "bool":
        return "true" if value else "false"
    if kind == "string":
        return json.dumps(value)
    if kind.startswith("bytes"):
        return "0x" + value.hex()
    return str(value)


def flatten(param, value, path, out):
    kind = param["type"]
    if kind.endswith("]"):
        element = dict(param, type=kind[: kind.rindex("[")])
        out.append({"path": path + ".length", "value": str(len(value))})
        for index, item in enumerate(value):
            flatten(element, item, "%s[%d]" % (path, index), out)
    elif kind == "tuple":
        members = param["components"]
        for index, (member, item) in enumerate(zip(members, value)):
            flatten(member, item, path + "." + (member["name"] or str(index)), out)
        names = [m["name"] for m in members]
        if "priceAdapterName" in names and "priceAdapterConfigData" in names:
            adapter = ADAPTERS[value[names.index("priceAdapterName")]]
            config = decode([t for _, t in adapter], value[names.index("priceAdapterConfigData")])
            for (name, t), item in zip(adapter, config):
                out.append({"path": path + ".priceAdapterConfigData." + name, "value": text(t, item)})
    else:
        out.append({"path": path, "value": text(kind, value)})


def main():
    directory, data = sys.argv[1], bytes.fromhex(sys.argv[2][2:])
    found, contracts = None, []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".json"):
            continue
        entries = json.load(open(os.path.join(directory, name)))
        entries = entries["abi"] if isinstance(entries, dict) else entries
        for entry in entries:
            if entry.get("type", "function") != "function":
                continue
            signature = entry["name"] + "(" + ",".join(canonical(p) for p in entry["inputs"]) + ")"
            if keccak(text=signature)[:4] == data[:4]:
                found = found or (signature, entry)
                contracts.append(name[:-5])
    signature, entry = found
    values = decode([canonical(p) for p in entry["inputs"]], data[4:])
    fields = []
    for index, (param, value) in enumerate(zip(entry["inputs"], values)):
        flatten(param, value, param["name"] or "arg%d" % index, fields)
    print(json.dumps({"function": signature, "contracts": contracts, "fields": fields}))


main()
