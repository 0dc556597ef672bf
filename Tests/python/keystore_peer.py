"""Keystore peer for the differential tests: eth-account (0.14.0) encrypts and decrypts
Web3 Secret Storage v3 files.

Reads one JSON request per line on stdin, writes one JSON answer per line on stdout.
  {"op": "encrypt", "key": "0x…", "password": "…", "kdf": "scrypt"|"pbkdf2", "iterations": N}
      -> {"keystore": {…}}
  {"op": "decrypt", "keystore": {…}, "password": "…"} -> {"key": "0x…"} or {"error": "…"}
"""
import json
import sys

from eth_account import Account


def handle(request):
    if request["op"] == "encrypt":
        keystore = Account.encrypt(request["key"], request["password"], kdf=request["kdf"], iterations=request["iterations"])
        return {"keystore": keystore}
    if request["op"] == "decrypt":
        try:
            key = Account.decrypt(request["keystore"], request["password"])
        except ValueError as error:
            return {"error": str(error)}
        return {"key": "0x" + bytes(key).hex()}
    raise SystemExit("unknown op " + request["op"])


def main():
    out = [json.dumps(handle(json.loads(line))) for line in sys.stdin if line.strip()]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
