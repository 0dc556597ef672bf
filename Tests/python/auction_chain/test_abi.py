"""The stand-ins expose the real ABIs: every function and event of `contracts-abi/*.json`
exists in the compiled Vyper ABI with the same input and output types (hence the same
selector) and the same indexed flags, and the selectors and topics equal the values
listed in auction-module.md §2.3, §2.4, §3 and §4."""
import json
import os
import unittest

from eth_utils import keccak

from support import compile_contract  # noqa: F401  (re-exported through support)

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))

# contract -> (reference ABI file, functions the stand-in adds for tests/deployment)
CONTRACTS = {
    "AuctionRebalanceModuleV1": ("AuctionRebalanceModuleV1.json", set()),
    "ConstantPriceAdapter": ("ConstantPriceAdapter.json", set()),
    "BoundedStepwiseLinearPriceAdapter": ("BoundedStepwiseLinearPriceAdapter.json", set()),
    "BoundedStepwiseExponentialPriceAdapter": ("BoundedStepwiseExponentialPriceAdapter.json", set()),
    "BoundedStepwiseLogarithmicPriceAdapter": ("BoundedStepwiseLogarithmicPriceAdapter.json", set()),
    "SetToken": ("ISetToken.json", set()),
    "Controller": ("IController.json", {"owner()", "addSet(address)", "addModule(address)",
                                        "addResource(address,uint256)", "editFee(address,uint256,uint256)",
                                        "editFeeRecipient(address)"}),
    "IntegrationRegistry": ("IntegrationRegistry.json", {"owner()", "addIntegration(address,string,address)",
                                                         "removeIntegration(address,string)"}),
    "MintableERC20": ("ERC20.json", {"mint(address,uint256)"}),
}

# auction-module.md §2.3 (module) and §3 (adapters), §4 (SetToken, Controller, registry).
SPEC_SELECTORS = {
    "AuctionRebalanceModuleV1": {
        "startRebalance": "8e0f7756", "bid": "6db4a262", "raiseAssetTargets": "ff0932a1", "unlock": "2f6c493c",
        "setRaiseTargetPercentage": "737531ba", "setBidderStatus": "b26faa0a", "setAnyoneBid": "f4787698",
        "initialize": "c4d66de8", "removeModule": "847ef08d", "isRebalanceDurationElapsed": "c2098812",
        "getRebalanceComponents": "d4f00532", "getAuctionSizeAndDirection": "0b2c85eb",
        "getQuoteAssetBalance": "8d50c6c1", "getBidPreview": "23ab55ec", "canUnlockEarly": "39a88f80",
        "canRaiseAssetTargets": "270e5590", "allTargetsMet": "dc7bc585", "isQuoteAssetExcessOrAtTarget": "41cefcd1",
        "isAllowedBidder": "c3824c48", "getAllowedBidders": "602ab35d", "executionInfo": "421dec4d",
        "permissionInfo": "45e3db3e", "rebalanceInfo": "dc8abe2e", "controller": "f77c4791",
    },
    "ConstantPriceAdapter": {"getPrice": "104b9b64", "isPriceAdapterConfigDataValid": "079f6bf4",
                             "getEncodedData": "fa5ab044"},
    "BoundedStepwiseLinearPriceAdapter": {"getPrice": "104b9b64", "isPriceAdapterConfigDataValid": "079f6bf4",
                                          "getEncodedData": "63dc2e6b", "areParamsValid": "bf160e25",
                                          "getDecodedData": "d3516db6"},
    "BoundedStepwiseExponentialPriceAdapter": {"getPrice": "104b9b64", "isPriceAdapterConfigDataValid": "079f6bf4",
                                               "getEncodedData": "a45f8c07", "areParamsValid": "777f4126",
                                               "getDecodedData": "d3516db6"},
    "BoundedStepwiseLogarithmicPriceAdapter": {"getPrice": "104b9b64", "isPriceAdapterConfigDataValid": "079f6bf4",
                                               "getEncodedData": "a45f8c07", "areParamsValid": "777f4126",
                                               "getDecodedData": "d3516db6"},
    "SetToken": {"getComponents": "99d50d5d", "getDefaultPositionRealUnit": "66cb8d2f",
                 "getTotalComponentRealUnits": "eaf993e1", "getExternalPositionModules": "a7bdad03",
                 "positionMultiplier": "5230c396", "totalSupply": "18160ddd", "getModules": "b2494df3",
                 "isLocked": "a4e2d634", "locker": "d7b96d4e", "manager": "481c6a75", "getPositions": "80275860",
                 "isInitializedModule": "d7f1b27c", "moduleStates": "35bc4e52"},
    "Controller": {"getModuleFee": "792aa04f", "feeRecipient": "46904840", "isSet": "74ebe3ec",
                   "isModule": "42f6e389", "resourceId": "e765ced6"},
    "IntegrationRegistry": {"getIntegrationAdapter": "a19ba6dc", "getIntegrationAdapterWithHash": "e6d642c5",
                            "isValidIntegration": "639a3978"},
    "MintableERC20": {"balanceOf": "70a08231", "allowance": "dd62ed3e", "approve": "095ea7b3", "transfer": "a9059cbb",
                      "transferFrom": "23b872dd", "decimals": "313ce567", "symbol": "95d89b41"},
}

# auction-module.md §2.4
SPEC_TOPICS = {
    "RebalanceStarted": "2ca831858de887d2ca1c692d1940334f1d3f6c80c9101a306201d66397cf9be6",
    "BidExecuted": "96310ab47353685e74601a419fddb52db22b6ce0f72cb735c35ff494289dd642",
    "AssetTargetsRaised": "e4c448aaaad94925b669914540bde1ea0123c0b2320e4cf6ea0ad7a1818a1c98",
    "RaiseTargetPercentageUpdated": "6a1e9ac0e71aa1dc7854a57bce846b04b1aae20dc994b832098200d9236d1d4a",
    "AnyoneBidUpdated": "1fed19c0eee5ddf8ef482a13e2f0c3ec5c1390b1e39160fe52eabd651ecc7dba",
    "BidderStatusUpdated": "4e771e3486d7afcce48115112ca75bc21bc33ac6d6261f7d273b9c5820606717",
    "LockedRebalanceEndedEarly": "7ebe07e0f6679ed2dd131ed9d9498112c84991ccae90b0568240bf0dbf680d5c",
}


def canonical(parameter):
    kind = parameter["type"]
    if kind.startswith("tuple"):
        return "(" + ",".join(canonical(c) for c in parameter["components"]) + ")" + kind[len("tuple"):]
    return kind


def signature(entry):
    return f"{entry['name']}({','.join(canonical(p) for p in entry['inputs'])})"


def functions(abi):
    return {signature(e): [canonical(o) for o in e.get("outputs", [])] for e in abi if e["type"] == "function"}


def events(abi):
    return {signature(e): [p["indexed"] for p in e["inputs"]] for e in abi if e["type"] == "event"}


def reference(file):
    with open(os.path.join(ROOT, "contracts-abi", file)) as handle:
        return json.load(handle)


class StandInABI(unittest.TestCase):
    def test_functions_match_reference_abi(self):
        for name, (file, extras) in CONTRACTS.items():
            with self.subTest(contract=name):
                mine = functions(compile_contract(name)["abi"])
                theirs = functions(reference(file))
                for sig, outputs in theirs.items():
                    self.assertIn(sig, mine, f"{name} lacks {sig}")
                    self.assertEqual(mine[sig], outputs, f"{name}.{sig} outputs")
                self.assertEqual(set(mine) - set(theirs), extras, f"{name} has functions beyond {file}")

    def test_events_match_reference_abi(self):
        for name, (file, _) in CONTRACTS.items():
            with self.subTest(contract=name):
                mine = events(compile_contract(name)["abi"])
                theirs = events(reference(file))
                self.assertEqual(mine, theirs)

    def test_selectors_match_spec(self):
        for name, table in SPEC_SELECTORS.items():
            ids = compile_contract(name)["method_identifiers"]
            ids = {sig: f"{int(selector, 16):08x}" for sig, selector in ids.items()}
            by_name = {sig.split("(")[0]: selector for sig, selector in ids.items()}
            for function, selector in table.items():
                with self.subTest(contract=name, function=function):
                    self.assertEqual(by_name[function], selector)
            for sig, selector in ids.items():
                self.assertEqual(keccak(text=sig)[:4].hex(), selector, sig)

    def test_event_topics_match_spec(self):
        abi = compile_contract("AuctionRebalanceModuleV1")["abi"]
        topics = {e["name"]: keccak(text=signature(e)).hex() for e in abi if e["type"] == "event"}
        self.assertEqual(topics, SPEC_TOPICS)


if __name__ == "__main__":
    unittest.main()
