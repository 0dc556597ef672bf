"""Keccak-256 peer for the Swift differential test: pycryptodome (through eth-utils) hashes.

Reads one hex string (no prefix, possibly empty) per line on stdin and writes the hex digest of
its bytes, one per line.
"""
import sys

from eth_utils import keccak

for line in sys.stdin:
    sys.stdout.write(keccak(bytes.fromhex(line.strip())).hex() + "\n")
