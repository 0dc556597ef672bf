#!/usr/bin/env python3
"""Deploys the auction stand-in system (Tests/contracts/auction/*.vy) on a local EVM.

Library use (in-process eth-tester + py-evm, or any JSON-RPC node through web3):

    from auction_chain.deploy import Chain, deploy_system, deploy_token, create_set_token
    chain = Chain.in_process()                  # or Chain.connect("http://127.0.0.1:PORT")
    system = deploy_system(chain, protocol_fee=0)
    weth = deploy_token(chain, "Wrapped Ether", "WETH", 18)
    set_token = create_set_token(chain, system, [weth.address], [10**18], supply=10**18)

CLI (talks JSON-RPC to a running node, prints one JSON object):

    deploy.py --rpc-url http://127.0.0.1:PORT [--scenario none|9.1|9.2] [--protocol-fee WEI]

Everything is deterministic: fixed dev accounts (eth-tester's, keys 1, 2, ...), a fixed
deployment order from a fresh chain, hence fixed addresses. See README.md.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

from web3 import Web3

HERE = os.path.dirname(os.path.abspath(__file__))
CONTRACTS = os.path.normpath(os.path.join(HERE, "..", "..", "contracts", "auction"))

PRECISE_UNIT = 10 ** 18
MAX_UINT256 = 2 ** 256 - 1

CONTRACT_NAMES = (
    "MintableERC20", "Controller", "IntegrationRegistry", "SetToken", "AuctionRebalanceModuleV1",
    "ConstantPriceAdapter", "BoundedStepwiseLinearPriceAdapter", "BoundedStepwiseExponentialPriceAdapter",
    "BoundedStepwiseLogarithmicPriceAdapter",
)
# Registry names the module looks adapters up by (exact, case-sensitive, as on mainnet).
ADAPTER_NAMES = ("ConstantPriceAdapter", "BoundedStepwiseLinearPriceAdapter",
                 "BoundedStepwiseExponentialPriceAdapter", "BoundedStepwiseLogarithmicPriceAdapter")

# Dev account roles (indices into eth_accounts).
DEPLOYER, MANAGER, FEE_RECIPIENT, BIDDER, OTHER = 0, 1, 2, 3, 4


class DeployError(Exception):
    pass


def _vyper():
    candidate = os.path.join(os.path.dirname(sys.executable), "vyper")
    if not os.path.exists(candidate):
        raise DeployError(f"vyper not found next to {sys.executable}; run scripts/setup-test-env")
    return candidate


def compile_contract(name):
    """Returns {"abi": [...], "bytecode": "0x...", "method_identifiers": {...}} for NAME.vy
    (one of CONTRACT_NAMES), cached under the temp directory by the hash of all sources
    (contracts import FixedPointMath.vy) and the compiler path."""
    if name not in CONTRACT_NAMES:
        raise DeployError(f"unknown contract {name!r}; expected one of {', '.join(CONTRACT_NAMES)}")
    path = os.path.join(CONTRACTS, name + ".vy")
    vyper = _vyper()
    hasher = hashlib.sha256(vyper.encode())
    for source in sorted(os.listdir(CONTRACTS)):
        if source.endswith(".vy"):
            with open(os.path.join(CONTRACTS, source), "rb") as handle:
                hasher.update(source.encode() + b"\0" + handle.read())
    digest = hasher.hexdigest()[:32]
    cache_dir = os.path.join(tempfile.gettempdir(), "rebalancer-vyper-cache")
    cache = os.path.join(cache_dir, f"{name}-{digest}.json")
    if os.path.exists(cache):
        with open(cache) as handle:
            return json.load(handle)
    out = subprocess.run([vyper, "-f", "abi,bytecode,method_identifiers", path],
                         check=False, capture_output=True, text=True)
    if out.returncode != 0:
        raise DeployError(f"vyper failed on {path}:\n{out.stderr}")
    abi_line, bytecode_line, ids_line = out.stdout.strip().split("\n")
    artifact = {"abi": json.loads(abi_line), "bytecode": bytecode_line.strip(),
                "method_identifiers": json.loads(ids_line)}
    os.makedirs(cache_dir, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache_dir)
    with os.fdopen(fd, "w") as handle:
        json.dump(artifact, handle)
    os.replace(tmp, cache)
    return artifact


class Chain:
    """A web3 connection plus the time control the tests need."""

    def __init__(self, w3, tester=None):
        self.w3 = w3
        self.tester = tester
        self.accounts = list(w3.eth.accounts)
        if len(self.accounts) < 5:
            raise DeployError(f"the node exposes {len(self.accounts)} accounts; at least 5 are needed")

    @classmethod
    def in_process(cls):
        """A fresh eth-tester + py-evm chain inside this process."""
        from web3 import EthereumTesterProvider
        provider = EthereumTesterProvider()
        return cls(Web3(provider), provider.ethereum_tester)

    @classmethod
    def connect(cls, url):
        """A JSON-RPC node at URL (e.g. Tests/python/chain/server.py) with unlocked dev accounts."""
        w3 = Web3(Web3.HTTPProvider(url, request_kwargs={"timeout": 60}))
        if not w3.is_connected():
            raise DeployError(f"no JSON-RPC node at {url}")
        return cls(w3)

    def contract(self, name, address):
        return self.w3.eth.contract(address=address, abi=compile_contract(name)["abi"])

    def deploy(self, name, *args, sender=DEPLOYER):
        artifact = compile_contract(name)
        factory = self.w3.eth.contract(abi=artifact["abi"], bytecode=artifact["bytecode"])
        tx = factory.constructor(*args).transact({"from": self.accounts[sender], "gas": 15_000_000})
        receipt = self.w3.eth.wait_for_transaction_receipt(tx)
        if receipt["status"] != 1:
            raise DeployError(f"deploying {name} failed")
        return self.contract(name, receipt["contractAddress"])

    def send(self, function, sender, gas=8_000_000):
        """Sends a contract call as a transaction from account index `sender`; returns the
        receipt and raises DeployError if it reverted."""
        tx = function.transact({"from": self.accounts[sender], "gas": gas})
        receipt = self.w3.eth.wait_for_transaction_receipt(tx)
        if receipt["status"] != 1:
            raise DeployError(f"transaction {function.fn_name} reverted")
        return receipt

    def pending_timestamp(self):
        if self.tester is not None:
            return self.tester.get_block_by_number("pending")["timestamp"]
        return int(self.w3.eth.get_block("pending")["timestamp"])

    def set_next_block_timestamp(self, timestamp):
        """The next mined block (e.g. the next transaction's) gets exactly `timestamp`."""
        if self.tester is not None:
            self.tester.time_travel(timestamp)
            return
        delta = timestamp - self.pending_timestamp()
        if delta < 0:
            raise DeployError(f"cannot move the clock back to {timestamp}")
        self.w3.provider.make_request("evm_increaseTime", [delta])


    def mine_block_at(self, timestamp):
        """Mines an empty block with exactly `timestamp`; later calls at "latest" see it."""
        self.set_next_block_timestamp(timestamp)
        if self.tester is not None:
            self.tester.mine_blocks(1)
        else:
            self.w3.provider.make_request("evm_mine", [])


@dataclass
class System:
    """Addresses (checksummed) of the deployed protocol contracts."""
    controller: str
    integration_registry: str
    module: str
    adapters: dict = field(default_factory=dict)   # registry name -> address
    accounts: list = field(default_factory=list)

    def as_json(self):
        return {"controller": self.controller, "integrationRegistry": self.integration_registry,
                "auctionModule": self.module, "priceAdapters": self.adapters,
                "accounts": {"deployer": self.accounts[DEPLOYER], "manager": self.accounts[MANAGER],
                             "feeRecipient": self.accounts[FEE_RECIPIENT],
                             "bidder": self.accounts[BIDDER], "other": self.accounts[OTHER]}}


def deploy_system(chain, protocol_fee=0):
    """Deploys Controller, IntegrationRegistry (resource 0), the module (fee index 0 =
    `protocol_fee`, precise units) and the price adapters, registered under ADAPTER_NAMES."""
    controller = chain.deploy("Controller", chain.accounts[FEE_RECIPIENT])
    registry = chain.deploy("IntegrationRegistry")
    module = chain.deploy("AuctionRebalanceModuleV1", controller.address)
    chain.send(controller.functions.addResource(registry.address, 0), DEPLOYER)
    chain.send(controller.functions.addModule(module.address), DEPLOYER)
    chain.send(controller.functions.editFee(module.address, 0, protocol_fee), DEPLOYER)
    adapters = {}
    for name in ADAPTER_NAMES:
        adapter = chain.deploy(name)
        chain.send(registry.functions.addIntegration(module.address, name, adapter.address), DEPLOYER)
        adapters[name] = adapter.address
    return System(controller.address, registry.address, module.address, adapters, chain.accounts)


def deploy_token(chain, name, symbol, decimals):
    """Deploys a MintableERC20 and returns its contract object."""
    return chain.deploy("MintableERC20", name, symbol, decimals)


def create_set_token(chain, system, components, units, supply, name="Test Set", symbol="TSET"):
    """Deploys a SetToken (manager = MANAGER account, module pending), registers it with the
    Controller, funds it with ⌈unit·supply/1e18⌉ of each component, mints `supply` Sets to
    the manager and initializes the module. Returns the SetToken contract object."""
    if len(components) != len(units):
        raise DeployError("components and units differ in length")
    set_token = chain.deploy("SetToken", list(components), list(units), [system.module],
                             system.controller, chain.accounts[MANAGER], name, symbol)
    controller = chain.contract("Controller", system.controller)
    chain.send(controller.functions.addSet(set_token.address), DEPLOYER)
    for component, unit in zip(components, units):
        token = chain.contract("MintableERC20", component)
        chain.send(token.functions.mint(set_token.address, -(-unit * supply // PRECISE_UNIT)), DEPLOYER)
    chain.send(set_token.functions.mint(chain.accounts[MANAGER], supply), MANAGER)
    module = chain.contract("AuctionRebalanceModuleV1", system.module)
    chain.send(module.functions.initialize(set_token.address), MANAGER)
    return set_token


def encode_constant(price):
    """ConstantPriceAdapter config: abi.encode(uint256 price)."""
    return price.to_bytes(32, "big")


def encode_linear(initial, slope, bucket, decreasing, max_price, min_price):
    """BoundedStepwiseLinearPriceAdapter config: six words."""
    return b"".join(int(v).to_bytes(32, "big") for v in (initial, slope, bucket, int(decreasing), max_price, min_price))


def encode_curve(initial, scaling, time_coefficient, bucket, decreasing, max_price, min_price):
    """BoundedStepwiseExponential/LogarithmicPriceAdapter config: seven words."""
    return b"".join(int(v).to_bytes(32, "big")
                    for v in (initial, scaling, time_coefficient, bucket, int(decreasing), max_price, min_price))


def deploy_scenario_9_1(chain, protocol_fee=0):
    """auction-module.md §9.1: DAI 10000e18, WBTC 0.5e8, WETH 5e18 per Set, supply 1e18,
    pm 1e18. Returns (system, tokens {symbol: contract}, set_token). The rebalance is not
    started; bidder tokens are minted and approved to the module."""
    system = deploy_system(chain, protocol_fee)
    dai = deploy_token(chain, "Dai Stablecoin", "DAI", 18)
    wbtc = deploy_token(chain, "Wrapped BTC", "WBTC", 8)
    weth = deploy_token(chain, "Wrapped Ether", "WETH", 18)
    set_token = create_set_token(chain, system, [dai.address, wbtc.address, weth.address],
                                 [10000 * 10 ** 18, 5 * 10 ** 7, 5 * 10 ** 18], 10 ** 18)
    tokens = {"DAI": dai, "WBTC": wbtc, "WETH": weth}
    fund_bidder(chain, system, tokens.values(), 10 ** 30)
    return system, tokens, set_token


def accrue_streaming_fee(chain, set_token, new_position_multiplier, new_supply):
    """Simulates StreamingFeeModule.accrueFee: sets the position multiplier and mints the
    supply increase to FEE_RECIPIENT (both through the manager's test rights)."""
    minted = new_supply - set_token.functions.totalSupply().call()
    if minted < 0:
        raise DeployError(f"new supply {new_supply} is below the current supply")
    chain.send(set_token.functions.editPositionMultiplier(new_position_multiplier), MANAGER)
    if minted:
        chain.send(set_token.functions.mint(chain.accounts[FEE_RECIPIENT], minted), MANAGER)


def deploy_scenario_9_2(chain):
    """auction-module.md §9.2 setup: components A 3333333333333333333, B 707106781186547524,
    WETH 0.25e18 (all 18 decimals), 3141592653589793238 Sets issued, then 30 days of a 2 %
    streaming fee (pm 998357285091388446, supply 3146761886254193616), module fee 0.5 %.
    The new component N is deployed but not in the Set. Returns (system, tokens {"A", "B",
    "WETH", "N"}, set_token); the bidder holds and has approved every token."""
    system = deploy_system(chain, protocol_fee=5 * 10 ** 15)
    tokens = {symbol: deploy_token(chain, f"Token {symbol}", symbol, 18) for symbol in ("A", "B", "WETH", "N")}
    set_token = create_set_token(chain, system, [tokens["A"].address, tokens["B"].address, tokens["WETH"].address],
                                 [3333333333333333333, 707106781186547524, 250000000000000000],
                                 3141592653589793238)
    accrue_streaming_fee(chain, set_token, 998357285091388446, 3146761886254193616)
    fund_bidder(chain, system, tokens.values(), 10 ** 30)
    return system, tokens, set_token


def fund_bidder(chain, system, tokens, amount):
    """Mints `amount` of every token to BIDDER and approves the module for max-uint."""
    for token in tokens:
        chain.send(token.functions.mint(chain.accounts[BIDDER], amount), DEPLOYER)
        chain.send(token.functions.approve(system.module, MAX_UINT256), BIDDER)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Deploy the auction stand-in system over JSON-RPC.")
    parser.add_argument("--rpc-url", required=True)
    parser.add_argument("--scenario", choices=("none", "9.1", "9.2"), default="none")
    parser.add_argument("--protocol-fee", type=int, default=0, help="module fee, precise units (5e15 = 0.5 %%)")
    args = parser.parse_args(argv)
    if not 0 <= args.protocol_fee < PRECISE_UNIT:
        parser.error(f"--protocol-fee {args.protocol_fee} must be in [0, 1e18)")
    try:
        chain = Chain.connect(args.rpc_url)
        if args.scenario in ("9.1", "9.2"):
            if args.scenario == "9.1":
                system, tokens, set_token = deploy_scenario_9_1(chain, args.protocol_fee)
            else:
                if args.protocol_fee:
                    parser.error("--protocol-fee is fixed at 5e15 by scenario 9.2")
                system, tokens, set_token = deploy_scenario_9_2(chain)
            out = system.as_json()
            out["tokens"] = {symbol: token.address for symbol, token in tokens.items()}
            out["setToken"] = set_token.address
        else:
            out = deploy_system(chain, args.protocol_fee).as_json()
    except DeployError as error:
        print(f"deploy: {error}", file=sys.stderr)
        return 1
    print(json.dumps(out, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
