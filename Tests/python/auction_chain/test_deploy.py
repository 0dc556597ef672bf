"""The deployer is deterministic (fixed roles and addresses on a fresh chain, as README.md
documents) and its CLI fails with one clear line on bad input or an unreachable node."""
import os
import socket
import subprocess
import sys
import unittest

from support import Chain, deploy_scenario_9_1

DEPLOY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "deploy.py")

EXPECTED = {
    "controller": "0xF2E246BB76DF876Cef8b38ae84130F4F55De395b",
    "integrationRegistry": "0x2946259E0334f33A064106302415aD3391BeD384",
    "auctionModule": "0xDe09E74d4888Bc4e65F589e8c13Bce9F71DdF4c7",
    "priceAdapters": {
        "ConstantPriceAdapter": "0x5CF7F96627F3C9903763d128A1cc5D97556A6b99",
        "BoundedStepwiseLinearPriceAdapter": "0x63f58053c9499E1104a6f6c6d2581d6D83067EEB",
        "BoundedStepwiseExponentialPriceAdapter": "0x00De48310d77A4d56aa400248b0B1613508f5B73",
        "BoundedStepwiseLogarithmicPriceAdapter": "0xD30C8839c1145609E564b986F667b273Ddcb8496",
    },
    "accounts": {
        "deployer": "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf",
        "manager": "0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF",
        "feeRecipient": "0x6813Eb9362372EEF6200f3b1dbC3f819671cBA69",
        "bidder": "0x1efF47bc3a10a45D4B230B5d10E37751FE6AA718",
        "other": "0xe1AB8145F7E55DC933d51a18c793F901A3A0b276",
    },
}


def run_cli(*args):
    return subprocess.run([sys.executable, DEPLOY, *args], capture_output=True, text=True, timeout=120)


class Deployer(unittest.TestCase):
    def test_fresh_chain_gives_documented_addresses(self):
        chain = Chain.in_process()
        system, tokens, set_token = deploy_scenario_9_1(chain)
        self.assertEqual(system.as_json(), EXPECTED)
        self.assertEqual({s: t.address for s, t in tokens.items()}, {
            "DAI": "0x7758F98C1c487E5653795470eEab6C4698bE541b",
            "WBTC": "0x510C6297cC30A058F41eb4AF1BFC9953EaD8b577",
            "WETH": "0xcbD945E77ADB65651F503723aC322591f3435cC5"})
        self.assertEqual(set_token.functions.getComponents().call(), [t.address for t in tokens.values()])
        module = chain.contract("AuctionRebalanceModuleV1", system.module)
        self.assertEqual(module.functions.controller().call(), system.controller)
        self.assertEqual(set_token.functions.getModules().call(), [system.module])
        self.assertEqual(module.functions.rebalanceInfo(set_token.address).call()[3], 10 ** 18)
        self.assertEqual(module.functions.executionInfo(set_token.address, tokens["WBTC"].address).call()[0], 5 * 10 ** 7)

    def test_cli_reports_unreachable_node(self):
        with socket.socket() as probe:  # a port nobody listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        result = run_cli("--rpc-url", f"http://127.0.0.1:{port}")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr.strip(), f"deploy: no JSON-RPC node at http://127.0.0.1:{port}")

    def test_cli_rejects_bad_arguments(self):
        result = run_cli("--rpc-url", "http://127.0.0.1:1", "--protocol-fee", str(10 ** 18))
        self.assertEqual(result.returncode, 2)
        self.assertIn("--protocol-fee 1000000000000000000 must be in [0, 1e18)", result.stderr)
        result = run_cli("--rpc-url", "http://127.0.0.1:1", "--scenario", "9.3")
        self.assertEqual(result.returncode, 2)
        self.assertIn("invalid choice: '9.3'", result.stderr)


if __name__ == "__main__":
    unittest.main()
