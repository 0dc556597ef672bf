"""auction-module.md §9.1 on the stand-ins: sizes, quotes, previews, post-bid units and
event fields (constant adapter), the 0.5 % fee variant, the linear-adapter variant at +5 h,
and the module's revert strings on the bid and startRebalance paths."""
import unittest

from support import (BIDDER, E, MANAGER, MAX_UINT256, OTHER, ChainTestCase, deploy_scenario_9_1,
                     encode_constant, encode_linear)

DURATION = 5 * 86400
TOPIC_REBALANCE_STARTED = "2ca831858de887d2ca1c692d1940334f1d3f6c80c9101a306201d66397cf9be6"
TOPIC_BID_EXECUTED = "96310ab47353685e74601a419fddb52db22b6ce0f72cb735c35ff494289dd642"


class Scenario91(ChainTestCase):
    protocol_fee = 0

    @classmethod
    def build(cls):
        cls.system, tokens, cls.set_token = deploy_scenario_9_1(cls.chain, cls.protocol_fee)
        cls.dai, cls.wbtc, cls.weth = tokens["DAI"].address, tokens["WBTC"].address, tokens["WETH"].address
        cls.tokens = tokens
        cls.module = cls.chain.contract("AuctionRebalanceModuleV1", cls.system.module)

    def params(self, linear=False):
        if linear:
            return [
                (9100 * E, "BoundedStepwiseLinearPriceAdapter",
                 encode_linear(55 * 10 ** 13, 10 ** 13, 3600, True, 55 * 10 ** 13, 49 * 10 ** 13)),
                (6 * 10 ** 7, "BoundedStepwiseLinearPriceAdapter",
                 encode_linear(14 * 10 ** 28, 10 ** 27, 3600, False, 15 * 10 ** 28, 14 * 10 ** 28)),
                (4 * E, "ConstantPriceAdapter", encode_constant(E)),
            ]
        return [
            (9100 * E, "ConstantPriceAdapter", encode_constant(5 * 10 ** 14)),
            (6 * 10 ** 7, "ConstantPriceAdapter", encode_constant(145 * 10 ** 27)),
            (4 * E, "ConstantPriceAdapter", encode_constant(E)),
        ]

    def start(self, linear=False, lock=False):
        function = self.module.functions.startRebalance(
            self.set_token.address, self.weth, [], [], self.params(linear), lock, DURATION, E)
        receipt = self.chain.send(function, MANAGER)
        self.chain.send(self.module.functions.setBidderStatus(self.set_token.address, [self.chain.accounts[BIDDER]], [True]), MANAGER)
        return receipt

    def unit(self, token):
        return self.set_token.functions.getDefaultPositionRealUnit(token).call()

    def test_rebalance_started_event_and_storage(self):
        receipt = self.start()
        log = receipt["logs"][-1]
        self.assertEqual(bytes(log["topics"][0]).hex(), TOPIC_REBALANCE_STARTED)
        event = self.module.events.RebalanceStarted().process_receipt(receipt)[0]["args"]
        self.assertEqual(event["setToken"], self.set_token.address)
        self.assertEqual(event["quoteAsset"], self.weth)
        self.assertEqual(event["isSetTokenLocked"], False)
        self.assertEqual(event["rebalanceDuration"], DURATION)
        self.assertEqual(event["initialPositionMultiplier"], E)
        self.assertEqual(event["componentsInvolved"], [self.dai, self.wbtc, self.weth])
        self.assertEqual([(p["targetUnit"], p["priceAdapterName"], p["priceAdapterConfigData"])
                          for p in event["auctionParameters"]], self.params())
        start = self.chain.w3.eth.get_block(receipt["blockNumber"])["timestamp"]
        self.assertEqual(self.module.functions.rebalanceInfo(self.set_token.address).call(),
                         [self.weth, start, DURATION, E, 0])
        self.assertEqual(self.module.functions.executionInfo(self.set_token.address, self.wbtc).call(),
                         [6 * 10 ** 7, "ConstantPriceAdapter", encode_constant(145 * 10 ** 27)])
        self.assertEqual(self.module.functions.getRebalanceComponents(self.set_token.address).call(),
                         [self.dai, self.wbtc, self.weth])

    def test_sizes_and_directions(self):
        self.start()
        size = self.module.functions.getAuctionSizeAndDirection
        self.assertEqual(size(self.set_token.address, self.dai).call(), [True, 900 * E])
        self.assertEqual(size(self.set_token.address, self.wbtc).call(), [False, 10 ** 7])
        # §2.9(2): the quote asset is not rejected here.
        self.assertEqual(size(self.set_token.address, self.weth).call(), [True, E])

    def test_bid_previews(self):
        self.start()
        constant = self.system.adapters["ConstantPriceAdapter"]
        preview = self.module.functions.getBidPreview(
            self.set_token.address, self.dai, self.weth, MAX_UINT256, MAX_UINT256, True).call()
        self.assertEqual(list(preview), [self.set_token.address, self.dai, self.weth, constant,
                                   encode_constant(5 * 10 ** 14), True, 900 * E, 5 * 10 ** 14,
                                   900 * E, 45 * 10 ** 16, 10000 * E, 5 * E, E])
        preview = self.module.functions.getBidPreview(
            self.set_token.address, self.wbtc, self.weth, 10 ** 7, 0, False).call()
        self.assertEqual(list(preview), [self.set_token.address, self.weth, self.wbtc, constant,
                                   encode_constant(145 * 10 ** 27), False, 10 ** 7 * E // (E - self.protocol_fee), 145 * 10 ** 27,
                                   145 * 10 ** 16, 10 ** 7, 5 * E, 5 * 10 ** 7, E])

    def test_dai_sell_then_wbtc_buy(self):
        self.start()
        bidder = self.chain.accounts[BIDDER]
        weth_before = self.tokens["WETH"].functions.balanceOf(bidder).call()
        receipt = self.chain.send(self.module.functions.bid(
            self.set_token.address, self.dai, self.weth, 900 * E, 45 * 10 ** 16, True), BIDDER)
        self.assertEqual(bytes(receipt["logs"][-1]["topics"][0]).hex(), TOPIC_BID_EXECUTED)
        event = self.module.events.BidExecuted().process_receipt(receipt)[0]["args"]
        self.assertEqual(dict(event), {
            "setToken": self.set_token.address, "sendToken": self.dai, "receiveToken": self.weth,
            "bidder": bidder, "priceAdapter": self.system.adapters["ConstantPriceAdapter"],
            "isSellAuction": True, "price": 5 * 10 ** 14, "netQuantitySentBySet": 900 * E,
            "netQuantityReceivedBySet": 45 * 10 ** 16, "protocolFee": 0, "setTotalSupply": E})
        self.assertEqual([self.unit(self.dai), self.unit(self.wbtc), self.unit(self.weth)],
                         [9100 * E, 5 * 10 ** 7, 545 * 10 ** 16])
        self.assertEqual(weth_before - self.tokens["WETH"].functions.balanceOf(bidder).call(), 45 * 10 ** 16)
        receipt = self.chain.send(self.module.functions.bid(
            self.set_token.address, self.wbtc, self.weth, MAX_UINT256, 145 * 10 ** 16, False), BIDDER)
        event = self.module.events.BidExecuted().process_receipt(receipt)[0]["args"]
        self.assertEqual((event["sendToken"], event["receiveToken"], event["price"],
                          event["netQuantitySentBySet"], event["netQuantityReceivedBySet"]),
                         (self.weth, self.wbtc, 145 * 10 ** 27, 145 * 10 ** 16, 10 ** 7))
        self.assertEqual([self.unit(self.dai), self.unit(self.wbtc), self.unit(self.weth)],
                         [9100 * E, 6 * 10 ** 7, 4 * E])
        self.assertTrue(self.module.functions.allTargetsMet(self.set_token.address).call())
        self.assertTrue(self.module.functions.isQuoteAssetExcessOrAtTarget(self.set_token.address).call())
        self.assertFalse(self.module.functions.canRaiseAssetTargets(self.set_token.address).call())
        self.assertReverts(self.module.functions.bid(self.set_token.address, self.dai, self.weth, 1, MAX_UINT256, True),
                           "Target already met")
        # A non-locking rebalance cannot be unlocked.
        self.assertReverts(self.module.functions.unlock(self.set_token.address), "Must be locked")

    def test_linear_variant_at_five_hours(self):
        receipt = self.start(linear=True)
        start = self.chain.w3.eth.get_block(receipt["blockNumber"])["timestamp"]
        self.chain.set_next_block_timestamp(start + 5 * 3600)
        receipt = self.chain.send(self.module.functions.bid(
            self.set_token.address, self.dai, self.weth, MAX_UINT256, MAX_UINT256, True), BIDDER)
        event = self.module.events.BidExecuted().process_receipt(receipt)[0]["args"]
        fee = 45 * 10 ** 16 * self.protocol_fee // E
        self.assertEqual((event["price"], event["netQuantityReceivedBySet"], event["priceAdapter"]),
                         (5 * 10 ** 14, 45 * 10 ** 16 - fee, self.system.adapters["BoundedStepwiseLinearPriceAdapter"]))
        self.chain.set_next_block_timestamp(start + 5 * 3600 + 1)
        receipt = self.chain.send(self.module.functions.bid(
            self.set_token.address, self.wbtc, self.weth, MAX_UINT256, 0, False), BIDDER)
        event = self.module.events.BidExecuted().process_receipt(receipt)[0]["args"]
        size = 10 ** 7 * E // (E - self.protocol_fee)
        self.assertEqual((event["price"], event["netQuantitySentBySet"]), (145 * 10 ** 27, size * 145 * 10 ** 27 // E))

    def test_bid_reverts_in_module_order(self):
        self.start()
        bid = self.module.functions.bid
        s = self.set_token.address
        self.assertReverts(bid(s, self.dai, self.weth, 1, MAX_UINT256, True), "Address not permitted to bid", sender=OTHER)
        self.assertReverts(bid(s, self.weth, self.weth, 1, MAX_UINT256, True), "Cannot bid explicitly on Quote Asset")
        self.assertReverts(bid(s, self.dai, self.dai, 1, MAX_UINT256, True), "Quote asset mismatch")
        self.assertReverts(bid(s, self.chain.accounts[OTHER], self.weth, 1, MAX_UINT256, True), "Component not part of rebalance")
        self.assertReverts(bid(s, self.dai, self.weth, 0, MAX_UINT256, True), "Component amount must be > 0")
        self.assertReverts(bid(s, self.dai, self.weth, 1, MAX_UINT256, False), "Auction direction mismatch")
        self.assertReverts(bid(s, self.dai, self.weth, 900 * E + 1, MAX_UINT256, True), "Bid size exceeds auction quantity")
        self.assertReverts(bid(s, self.dai, self.weth, 900 * E, 45 * 10 ** 16 - 1, True), "Quote asset quantity exceeds limit")
        self.assertReverts(bid(s, self.wbtc, self.weth, 10 ** 7, 145 * 10 ** 16 + 1, False), "Quote asset quantity below limit")
        # Buying needs quote balance: 4e7 WBTC would cost 5.8e18 WETH; the Set holds 5e18.
        start = self.module.functions.rebalanceInfo(s).call()[1]
        self.chain.mine_block_at(start + DURATION - 1)
        self.assertEqual(self.revert_reason(bid(s, self.dai, self.weth, 1, 0, True)), "Quote asset quantity exceeds limit")
        self.chain.mine_block_at(start + DURATION)
        self.assertReverts(bid(s, self.dai, self.weth, 1, MAX_UINT256, True), "Rebalance must be in progress")
        preview = self.module.functions.getBidPreview
        self.assertReverts(preview(s, self.dai, self.weth, 1, MAX_UINT256, True), "Rebalance must be in progress")

    def test_insufficient_quote_balance(self):
        params = self.params()
        params[1] = (10 * 10 ** 7, "ConstantPriceAdapter", encode_constant(145 * 10 ** 27))
        self.chain.send(self.module.functions.startRebalance(
            self.set_token.address, self.weth, [], [], params, False, DURATION, E), MANAGER)
        self.chain.send(self.module.functions.setAnyoneBid(self.set_token.address, True), MANAGER)
        self.assertEqual(self.module.functions.getAuctionSizeAndDirection(self.set_token.address, self.wbtc).call(),
                         [False, 5 * 10 ** 7 * E // (E - self.protocol_fee)])
        self.assertReverts(self.module.functions.bid(self.set_token.address, self.wbtc, self.weth, MAX_UINT256, 0, False),
                           "Insufficient quote asset balance", sender=OTHER)

    def test_start_rebalance_reverts(self):
        start = self.module.functions.startRebalance
        s = self.set_token.address
        old = self.params()
        new_param = (5 * 10 ** 16, "ConstantPriceAdapter", encode_constant(E))
        other = self.chain.accounts[OTHER]
        self.assertReverts(start(s, self.weth, [], [], old, False, DURATION, E), "Must be the SetToken manager", sender=OTHER)
        self.assertReverts(start(s, self.weth, [other], [], old, False, DURATION, E),
                           "New components and params length mismatch", sender=MANAGER)
        self.assertReverts(start(s, self.weth, [], [], old[:2], False, DURATION, E),
                           "Old components and params length mismatch", sender=MANAGER)
        self.assertReverts(start(s, self.weth, [self.dai], [new_param], old, False, DURATION, E),
                           "Cannot have duplicate components", sender=MANAGER)
        bad_name = [old[0], (old[1][0], "constantPriceAdapter", old[1][2]), old[2]]
        self.assertReverts(start(s, self.weth, [], [], bad_name, False, DURATION, E), "Must be valid adapter", sender=MANAGER)
        bad_config = [old[0], (old[1][0], "ConstantPriceAdapter", encode_constant(0)), old[2]]
        self.assertReverts(start(s, self.weth, [], [], bad_config, False, DURATION, E),
                           "Price adapter config data invalid", sender=MANAGER)
        zero_target = (0, "ConstantPriceAdapter", encode_constant(E))
        self.assertReverts(start(s, self.weth, [other], [zero_target], old, False, DURATION, E),
                           "New component target unit must be greater than 0", sender=MANAGER)

    def test_bidder_permissions(self):
        self.start()
        s = self.set_token.address
        accounts = self.chain.accounts
        set_status = self.module.functions.setBidderStatus
        self.assertReverts(set_status(s, [accounts[OTHER]], []), "Array length mismatch", sender=MANAGER)
        self.assertReverts(set_status(s, [], []), "Array length must be > 0", sender=MANAGER)
        self.assertReverts(set_status(s, [accounts[OTHER], accounts[OTHER]], [True, True]),
                           "Cannot duplicate addresses", sender=MANAGER)
        self.chain.send(set_status(s, [accounts[OTHER], accounts[0]], [True, True]), MANAGER)
        self.assertEqual(self.module.functions.getAllowedBidders(s).call(), [accounts[BIDDER], accounts[OTHER], accounts[0]])
        receipt = self.chain.send(set_status(s, [accounts[BIDDER]], [False]), MANAGER)
        self.assertEqual(dict(self.module.events.BidderStatusUpdated().process_receipt(receipt)[0]["args"]),
                         {"setToken": s, "bidder": accounts[BIDDER], "isBidderAllowed": False})
        # swap-and-pop: the last bidder moves into the freed slot.
        self.assertEqual(self.module.functions.getAllowedBidders(s).call(), [accounts[0], accounts[OTHER]])
        self.assertFalse(self.module.functions.isAllowedBidder(s, accounts[BIDDER]).call())
        self.assertFalse(self.module.functions.permissionInfo(s).call())
        self.chain.send(self.module.functions.setAnyoneBid(s, True), MANAGER)
        self.assertTrue(self.module.functions.isAllowedBidder(s, accounts[BIDDER]).call())
        self.assertTrue(self.module.functions.permissionInfo(s).call())


class Scenario91WithFee(Scenario91):
    protocol_fee = 5 * 10 ** 15

    def test_sizes_and_directions(self):
        self.start()
        size = self.module.functions.getAuctionSizeAndDirection
        self.assertEqual(size(self.set_token.address, self.dai).call(), [True, 900 * E])
        self.assertEqual(size(self.set_token.address, self.wbtc).call(), [False, 10 ** 7 * E // (995 * 10 ** 15)])

    def test_dai_sell_then_wbtc_buy(self):
        self.start()
        fee_recipient = self.chain.accounts[2]
        receipt = self.chain.send(self.module.functions.bid(
            self.set_token.address, self.dai, self.weth, MAX_UINT256, MAX_UINT256, True), BIDDER)
        event = self.module.events.BidExecuted().process_receipt(receipt)[0]["args"]
        fee = 45 * 10 ** 16 * 5 * 10 ** 15 // E
        self.assertEqual((event["netQuantitySentBySet"], event["netQuantityReceivedBySet"], event["protocolFee"]),
                         (900 * E, 45 * 10 ** 16 - fee, fee))
        self.assertEqual(self.tokens["WETH"].functions.balanceOf(fee_recipient).call(), fee)
        self.assertEqual(self.unit(self.weth), 5 * E + 45 * 10 ** 16 - fee)
        size = 10 ** 7 * E // (995 * 10 ** 15)
        receipt = self.chain.send(self.module.functions.bid(
            self.set_token.address, self.wbtc, self.weth, MAX_UINT256, 0, False), BIDDER)
        event = self.module.events.BidExecuted().process_receipt(receipt)[0]["args"]
        wbtc_fee = size * 5 * 10 ** 15 // E
        quote = size * 145 * 10 ** 27 // E
        self.assertEqual((event["netQuantitySentBySet"], event["netQuantityReceivedBySet"], event["protocolFee"]),
                         (quote, size - wbtc_fee, wbtc_fee))
        self.assertEqual(self.unit(self.wbtc), 5 * 10 ** 7 + size - wbtc_fee)
        self.assertEqual(self.tokens["WBTC"].functions.balanceOf(fee_recipient).call(), wbtc_fee)


if __name__ == "__main__":
    unittest.main()
