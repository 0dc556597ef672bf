"""Answers eth_calls against the §9.1 stand-in system on a fresh in-process chain.

Deploys auction-module §9.1 (DAI 10000e18, WBTC 0.5e8, WETH 5e18 per Set, supply 1e18) with a
0.5 % protocol fee through the deterministic deployer, so every run has the same addresses.
Prints one JSON line with the deployment, then, for each stdin line "<to> <0xdata>", one line with
the call's return data as 0x hex (or "revert" when it reverts), all at the latest block.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from auction_chain.deploy import Chain, MANAGER, deploy_scenario_9_1  # noqa: E402

chain = Chain.in_process()
system, tokens, set_token = deploy_scenario_9_1(chain, protocol_fee=5 * 10**15)
print(json.dumps({"set_token": set_token.address, "module": system.module, "manager": chain.accounts[MANAGER],
                  "tokens": {s: t.address for s, t in tokens.items()}}), flush=True)
for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    to, data = line.split()
    try:
        result = chain.w3.eth.call({"to": chain.w3.to_checksum_address(to), "data": data})
        print("0x" + bytes(result).hex(), flush=True)
    except Exception as error:  # a revert: the reader must report it
        print("revert " + str(error).replace("\n", " "), flush=True)
