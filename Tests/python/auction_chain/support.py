"""Shared helpers for the auction stand-in tests (unittest, run with the pinned venv)."""
import ast
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from eth_tester.exceptions import TransactionFailed  # noqa: E402
from web3.exceptions import ContractLogicError  # noqa: E402

from auction_chain.deploy import (  # noqa: E402,F401
    BIDDER, DEPLOYER, accrue_streaming_fee, deploy_scenario_9_2, FEE_RECIPIENT, MANAGER, MAX_UINT256, OTHER, PRECISE_UNIT, Chain, DeployError, compile_contract,
    create_set_token, deploy_scenario_9_1, deploy_system, deploy_token, encode_constant, encode_curve, encode_linear,
    fund_bidder,
)

E = PRECISE_UNIT


class ChainTestCase(unittest.TestCase):
    """Each test runs from the same deployed state: setUpClass builds it (`build`), every
    test starts from a snapshot of it."""

    @classmethod
    def setUpClass(cls):
        cls.chain = Chain.in_process()
        cls.build()
        cls.snapshot = cls.chain.tester.take_snapshot()

    @classmethod
    def build(cls):
        raise NotImplementedError

    def setUp(self):
        self.chain.tester.revert_to_snapshot(self.snapshot)

    def revert_reason(self, function, sender=BIDDER):
        """The Error(string) reason of calling `function` from account `sender` ("" for a
        revert without data, 0x-hex for other revert data); fails the test if the call
        succeeds."""
        try:
            function.call({"from": self.chain.accounts[sender]})
        except ContractLogicError as error:
            return str(error.message).removeprefix("execution reverted: ")
        except TransactionFailed as error:
            # py-evm's backend raises TransactionFailed with the decoded Error(string) reason,
            # or with str() of the raw revert bytes ("b'...'") for any other revert data;
            # web3's provider re-raises it prefixed with "execution reverted: ".
            detail = str(error.args[0] if error.args else "").removeprefix("execution reverted: ")
            if detail.startswith(("b'", 'b"')):
                data = ast.literal_eval(detail)
                return "0x" + data.hex() if data else ""
            return detail
        self.fail(f"{function.fn_name} did not revert")

    def assertReverts(self, function, reason, sender=BIDDER):
        """Asserts that calling `function` from account `sender` reverts with `reason`
        (an Error(string) message) and that sending it as a transaction fails."""
        self.assertEqual(self.revert_reason(function, sender), reason)
        with self.assertRaises(Exception):
            self.chain.send(function, sender)
