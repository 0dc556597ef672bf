"""Times the pinned Python peers (eth-abi, eth-account) on the same inputs as the Swift benchmarks.

Prints one JSON object: benchmark name -> nanoseconds per operation (best of 5 repeats).
Run by scripts/bench with the test venv's python.
"""
import json
import sys
import timeit

from eth_abi import decode, encode
from eth_account import Account

TYPES = ["address", "address", "address[]", "(uint256,string,bytes)[]", "(uint256,string,bytes)[]",
         "bool", "uint256", "uint256"]
SELECTOR = bytes.fromhex("8e0f7756")
WORDS = [1162340294608501383, 500000000000000, 600, 1, 1162340294608501383, 1142340294608501383]
LINEAR = b"".join(w.to_bytes(32, "big") for w in WORDS)


def arguments(count):
    params = [(9100000000000000000 + i, "BoundedStepwiseLinearPriceAdapter", LINEAR) for i in range(count)]
    return ["0x" + "11" * 20, "0x" + "22" * 20, [], [], params, False, 86400, 998357285091388446]


def best_ns(function, number):
    return min(timeit.repeat(function, number=number, repeat=5)) / number * 1e9


results = {}
for count in (10, 100):
    args = arguments(count)
    data = SELECTOR + encode(TYPES, args)
    number = 200 if count == 10 else 20
    results[f"ABI encode startRebalance {count} components"] = best_ns(lambda: SELECTOR + encode(TYPES, args), number)
    results[f"ABI decode startRebalance {count} components"] = best_ns(lambda: decode(TYPES, data[4:]), number)
KEY = bytes(range(1, 33))
CALLDATA = bytes((i * 7) & 0xFF for i in range(4096))
TX = {"type": 2, "chainId": 1, "nonce": 42, "gas": 2_000_000, "maxPriorityFeePerGas": 1_500_000_000,
      "maxFeePerGas": 60_000_000_000, "to": "0x59D55D53a715b3B4581c52098BCb4075C2941DBa", "value": 0,
      "data": CALLDATA, "accessList": []}
RAW = Account.sign_transaction(TX, KEY).raw_transaction
results["Sign EIP-1559 tx with 4 KiB calldata"] = best_ns(lambda: Account.sign_transaction(TX, KEY), 20)
results["Recover sender of EIP-1559 tx with 4 KiB calldata"] = best_ns(lambda: Account.recover_transaction(RAW), 20)
if len(sys.argv) > 1:  # scipy timings of the optimizer problems (methodology_peer.py time)
    seconds = json.load(open(sys.argv[1]))["seconds"]
    results["scipy"] = {"Minimum volatility solve only (same problem as scipy)": seconds[0] * 1e9,
                        "Maximum Sharpe solve only (same problem as scipy)": seconds[1] * 1e9}
print(json.dumps(results))
