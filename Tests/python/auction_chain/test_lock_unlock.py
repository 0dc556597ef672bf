"""Locking rebalances on the stand-ins: lock semantics (§2.8), early unlock, unlock after
the duration, and the §2.9(1) case where unlock reverts forever with "SafeMath:
subtraction overflow" until the manager starts a new rebalance."""
import unittest

from support import (BIDDER, E, MANAGER, MAX_UINT256, OTHER, ChainTestCase, create_set_token, deploy_system,
                     deploy_token, encode_constant, fund_bidder)

CONST = "ConstantPriceAdapter"
LOCKED_EARLY = "Cannot unlock early unless all targets are met and raiseTargetPercentage is zero"


class LockingRebalance(ChainTestCase):
    """§2.9(1): A 2e18 and B 1e18 per Set, targets A 1e18 and B 2e18 at price 1, WETH quote
    that is not a component, lock = true."""

    @classmethod
    def build(cls):
        cls.system = deploy_system(cls.chain)
        cls.tokens = {symbol: deploy_token(cls.chain, f"Token {symbol}", symbol, 18) for symbol in ("A", "B", "WETH")}
        cls.addr = {symbol: token.address for symbol, token in cls.tokens.items()}
        cls.set_token = create_set_token(cls.chain, cls.system, [cls.addr["A"], cls.addr["B"]], [2 * E, E], E)
        fund_bidder(cls.chain, cls.system, cls.tokens.values(), 10 ** 30)
        cls.module = cls.chain.contract("AuctionRebalanceModuleV1", cls.system.module)

    def start(self, quote="WETH", targets=(E, 2 * E)):
        params = [(target, CONST, encode_constant(E)) for target in targets]
        receipt = self.chain.send(self.module.functions.startRebalance(
            self.set_token.address, self.addr[quote], [], [], params, True, 86400, E), MANAGER)
        self.chain.send(self.module.functions.setAnyoneBid(self.set_token.address, True), MANAGER)
        return self.chain.w3.eth.get_block(receipt["blockNumber"])["timestamp"]

    def fill_both(self):
        s = self.set_token.address
        self.chain.send(self.module.functions.bid(s, self.addr["A"], self.addr["WETH"], MAX_UINT256, MAX_UINT256, True), BIDDER)
        self.assertEqual(self.set_token.functions.getComponents().call(), [self.addr["A"], self.addr["B"], self.addr["WETH"]])
        self.chain.send(self.module.functions.bid(s, self.addr["B"], self.addr["WETH"], MAX_UINT256, 0, False), BIDDER)

    def test_lock_blocks_issuance_and_other_modules(self):
        self.start()
        s = self.set_token.functions
        self.assertTrue(s.isLocked().call())
        self.assertEqual(s.locker().call(), self.system.module)
        self.assertReverts(s.mint(self.chain.accounts[OTHER], 1), "When locked, only the locker can call", sender=MANAGER)
        self.assertReverts(s.editPositionMultiplier(E - 1), "When locked, only the locker can call", sender=MANAGER)
        # Starting again while holding the lock is a no-op for the lock.
        self.start()
        self.assertTrue(s.isLocked().call())

    def test_unlock_reverts_forever_when_quote_target_is_zero(self):
        start = self.start()
        self.fill_both()
        s = self.set_token.address
        self.assertEqual(self.set_token.functions.getComponents().call(), [self.addr["A"], self.addr["B"]])
        self.assertEqual([self.set_token.functions.getDefaultPositionRealUnit(self.addr[c]).call() for c in ("A", "B", "WETH")],
                         [E, 2 * E, 0])
        self.assertTrue(self.module.functions.allTargetsMet(s).call())
        for function in (self.module.functions.unlock(s), self.module.functions.canUnlockEarly(s),
                         self.module.functions.isQuoteAssetExcessOrAtTarget(s)):
            self.assertEqual(self.revert_reason(function, OTHER), "SafeMath: subtraction overflow")
        self.chain.mine_block_at(start + 86400 * 30)
        self.assertTrue(self.module.functions.isRebalanceDurationElapsed(s).call())
        self.assertReverts(self.module.functions.unlock(s), "SafeMath: subtraction overflow", sender=OTHER)
        self.assertTrue(self.set_token.functions.isLocked().call())
        # Recovery: a new rebalance whose quote asset (B) is at its target.
        self.start(quote="B", targets=(E, 2 * E))
        receipt = self.chain.send(self.module.functions.unlock(s), OTHER)
        self.assertEqual(len(self.module.events.LockedRebalanceEndedEarly().process_receipt(receipt)), 1)
        self.assertFalse(self.set_token.functions.isLocked().call())
        self.assertEqual(self.module.functions.rebalanceInfo(s).call()[2], 0)

    def test_early_unlock_and_unlock_after_duration(self):
        start = self.start(targets=(E, E))
        s = self.set_token.address
        self.assertReverts(self.module.functions.unlock(s), LOCKED_EARLY, sender=OTHER)
        self.chain.send(self.module.functions.bid(s, self.addr["A"], self.addr["WETH"], MAX_UINT256, MAX_UINT256, True), BIDDER)
        # All targets met and WETH (target 0) at 1e18 > 0: early unlock is allowed...
        self.chain.send(self.module.functions.setRaiseTargetPercentage(s, 10 ** 16), MANAGER)
        self.assertFalse(self.module.functions.canUnlockEarly(s).call())
        self.assertReverts(self.module.functions.unlock(s), LOCKED_EARLY, sender=OTHER)
        # ...only with raiseTargetPercentage zero; after the duration it is allowed anyway and resets it.
        self.chain.mine_block_at(start + 86400)
        receipt = self.chain.send(self.module.functions.unlock(s), OTHER)
        self.assertEqual(self.module.events.LockedRebalanceEndedEarly().process_receipt(receipt), ())
        self.assertFalse(self.set_token.functions.isLocked().call())
        self.assertEqual(self.module.functions.rebalanceInfo(s).call()[2:], [86400, E, 0])
        self.assertReverts(self.module.functions.unlock(s), "Must be locked", sender=OTHER)

    def test_early_unlock_ends_the_rebalance(self):
        self.start(targets=(E, E))
        s = self.set_token.address
        self.chain.send(self.module.functions.bid(s, self.addr["A"], self.addr["WETH"], MAX_UINT256, MAX_UINT256, True), BIDDER)
        self.assertTrue(self.module.functions.canUnlockEarly(s).call())
        receipt = self.chain.send(self.module.functions.unlock(s), OTHER)
        self.assertEqual(dict(self.module.events.LockedRebalanceEndedEarly().process_receipt(receipt)[0]["args"]),
                         {"setToken": s})
        self.assertEqual(self.module.functions.rebalanceInfo(s).call()[2], 0)
        self.assertReverts(self.module.functions.bid(s, self.addr["B"], self.addr["WETH"], 1, MAX_UINT256, True),
                           "Rebalance must be in progress")


if __name__ == "__main__":
    unittest.main()
