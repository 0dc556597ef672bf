"""Independent check of a plan document against its input files (Python ints and Decimal, eth-abi).

Usage: plan_peer.py <plan.json> <snapshot.json> <weights.json> <prices.json>
Recomputes the adapter-scale prices (auction-module §3.1, nearest, halves up), the set value, the
current weights and the target units of traded tokens, decodes every transaction's calldata with
eth-abi and compares the decoded arguments, selectors and adapter configs with the document.
Prints "ok <number of checks>"; exits non-zero with the first mismatch.
"""
import json
import sys
from decimal import Decimal, ROUND_HALF_UP, getcontext

from eth_abi import decode
from eth_utils import keccak, to_checksum_address

getcontext().prec = 120
E18 = 10**18
checks = 0


def check(cond, message):
    global checks
    if not cond:
        raise SystemExit("mismatch: " + message)
    checks += 1


def cast(value, typ):
    """Format a decoded value as the plan document does (cast style)."""
    if typ.endswith("]"):
        inner = typ[: typ.rindex("[")]
        return "[" + ", ".join(cast(v, inner) for v in value) + "]"
    if typ.startswith("("):
        parts = split_tuple(typ[1:-1])
        return "(" + ", ".join(cast(v, t) for v, t in zip(value, parts)) + ")"
    if typ == "address":
        return to_checksum_address(value)
    if typ == "bool":
        return "true" if value else "false"
    if typ == "bytes":
        return "0x" + value.hex()
    if typ == "string":
        return json.dumps(value)
    return str(value)


def split_tuple(body):
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(body):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return parts


def main():
    plan, snapshot, weights, prices = (json.load(open(p)) for p in sys.argv[1:5])
    quote = plan["quote_asset"]
    qd = quote["decimals"]
    by_address = {p["address"]: p for p in prices["prices"]}
    comps = {c["address"]: c for c in snapshot["components"]}
    # §3.1 prices.
    fair = {}
    for address, p in by_address.items():
        exponent = 18 + qd - p["decimals"]
        fair[address] = int((Decimal(p["quote"]) * Decimal(10) ** exponent).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    rows = {r["address"]: r for r in plan["components"]}
    for address, row in rows.items():
        check(int(row["fair_price"]) == fair[address], f"fair price of {row['symbol']}")
    # Set value and current weights.
    set_value = sum(int(c["real_unit"]) * fair[c["address"]] // E18 for c in snapshot["components"])
    check(int(plan["rebalance"]["set_value_per_set"]) == set_value, "set value")
    for c in snapshot["components"]:
        value = int(c["real_unit"]) * fair[c["address"]] // E18
        check(int(rows[c["address"]]["current_weight"]) == value * E18 // set_value, f"current weight of {c['symbol']}")
    # Target units of traded tokens: floor(setValue · w / p).
    wads = {w["address"]: int(Decimal(w["weight"]) * E18) for w in weights["weights"]}
    check(sum(wads.values()) == E18, "weights sum to 1e18")
    for address, row in rows.items():
        if row["action"] in ("buy", "sell", "add"):
            check(int(row["target_unit"]) == set_value * wads[address] // fair[address], f"target unit of {row['symbol']}")
        elif row["action"] == "remove":
            check(row["target_unit"] == "0" and address not in wads, f"removal of {row['symbol']}")
        elif row["action"] == "untouched":
            check(row["target_unit"] == comps[address]["real_unit"], f"untouched {row['symbol']} keeps its unit")
    # Transactions: selector, decoded arguments.
    for tx in plan["transactions"]:
        data = bytes.fromhex(tx["calldata"][2:])
        sig = tx["function"]
        check(data[:4] == keccak(text=sig)[:4], f"selector of {sig}")
        types = split_tuple(sig[sig.index("(") + 1 : -1])
        values = decode(types, data[4:])
        for arg, value, typ in zip(tx["arguments"], values, types):
            check(arg["type"] == typ, f"type of {sig} {arg['name']}")
            check(arg["value"] == cast(value, typ), f"{sig} argument {arg['name']}: {arg['value']} != {cast(value, typ)}")
        if sig.startswith("startRebalance("):
            set_token, quote_asset, new, new_params, old_params, lock, duration, pm = values
            check(to_checksum_address(set_token) == snapshot["set_token"]["address"], "startRebalance set token")
            for c, p in zip(snapshot["components"], old_params):
                check(str(p[0]) == rows[c["address"]]["target_unit"], f"old params target of {c['symbol']}")
            for a, p in zip(new, new_params):
                check(str(p[0]) == rows[to_checksum_address(a)]["target_unit"], "new params target")
            check(len(old_params) == len(snapshot["components"]), "one old params entry per component")
            check(pm == int(snapshot["set_token"]["position_multiplier"]), "initial position multiplier")
    # Adapter configs decode to the listed parameters.
    layouts = {
        "ConstantPriceAdapter": ["price"],
        "BoundedStepwiseLinearPriceAdapter": ["initialPrice", "slope", "bucketSize", "isDecreasing", "maxPrice", "minPrice"],
        "BoundedStepwiseExponentialPriceAdapter": ["initialPrice", "scalingFactor", "timeCoefficient", "bucketSize", "isDecreasing", "maxPrice", "minPrice"],
        "BoundedStepwiseLogarithmicPriceAdapter": ["initialPrice", "scalingFactor", "timeCoefficient", "bucketSize", "isDecreasing", "maxPrice", "minPrice"],
    }
    for p in plan["auction_params"]:
        names = layouts[p["price_adapter_name"]]
        types = ["bool" if n == "isDecreasing" else "uint256" for n in names]
        words = decode(types, bytes.fromhex(p["price_adapter_config_data"][2:]))
        check(len(bytes.fromhex(p["price_adapter_config_data"][2:])) == 32 * len(names), "config size")
        for n, w in zip(names, words):
            expected = w if isinstance(w, bool) else str(w)
            check(p["parameters"][n] == expected, f"{p['symbol']} {n}")
        if p["price_adapter_name"] == "ConstantPriceAdapter":
            check(int(p["parameters"]["price"]) == fair[p["component"]], f"constant adapter of {p['symbol']} at fair")
    print("ok", checks)


main()
