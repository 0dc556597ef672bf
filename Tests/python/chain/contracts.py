#!/usr/bin/env python3
"""Compiles a test contract of `Tests/contracts/` with the pinned vyper and prints JSON
`{"abi": [...], "bytecode": "0x..."}`. Usage: contracts.py NAME (e.g. TestToken)."""
import json
import os
import subprocess
import sys

CONTRACTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "contracts")


def compile_contract(name):
    if not name.isidentifier():
        raise SystemExit(f"contract name {name!r} is not an identifier")
    path = os.path.join(CONTRACTS, name + ".vy")
    if not os.path.exists(path):
        raise SystemExit(f"no contract {path}")
    vyper = os.path.join(os.path.dirname(sys.executable), "vyper")
    out = subprocess.run([vyper, "-f", "abi,bytecode", path], check=True, capture_output=True, text=True)
    abi_line, bytecode_line = out.stdout.strip().split("\n")
    return {"abi": json.loads(abi_line), "bytecode": bytecode_line.strip()}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(json.dumps(compile_contract(sys.argv[1])))
