"""auction-module.md §9.2 on the stand-ins: module fee, streaming-fee drift before and
during the rebalance, a new component, the exponential, linear, logarithmic and constant
adapters, five bids at fixed elapsed times, every column of the table, the dust reverse
auction of §2.7, completion flags, component order and raiseAssetTargets."""
import unittest

from support import (BIDDER, MANAGER, MAX_UINT256, ChainTestCase, accrue_streaming_fee,
                     deploy_scenario_9_2, encode_constant, encode_curve, encode_linear)

E = 10 ** 18
EXP, LIN, LOG, CONST = ("BoundedStepwiseExponentialPriceAdapter", "BoundedStepwiseLinearPriceAdapter",
                        "BoundedStepwiseLogarithmicPriceAdapter", "ConstantPriceAdapter")

# (component, t, isSell, cu, tu, auction size, bid qty (None = max-uint), price, quote, fee,
#  net sent, net received, post unit (component), post unit (WETH))
ROWS = [
    ("A", 1234, True, 3327856347311824256, 2499999046188556799, 2605070796330493415, 1042028318532197366,
     1019894829081924353, 1062759293827920460, 5313796469139602, 1042028318532197366, 1057445497358780858,
     2996713426862517272, 585631523540455359),
    ("A", 4000, True, 2996713426862517272, 2499999046188556799, 1563042477798296045, None,
     1019650141192423997, 1593756483176788813, 7968782415883944, 1563042477798296045, 1585787700760904869,
     2499999046188556798, 1089574037485034039),
    ("B", 4507, False, 705944936999665624, 1099999580322964991, 1246227744523045081, None,
     987000000000000000, 1230026783844245494, 6231138722615225, 1230026783844245494, 1239996605800429856,
     1099999580322964990, 698687672701017479),
    ("N", 5000, False, 0, 49999980923771135, 158128738002723294, 52709579334241098,
     2028332133440562160, 106912533503775812, 263547896671205, 106912533503775812, 52446031437569893,
     16666660307923710, 664712273043027489),
    ("N", 5001, False, 16666660307923710, 49999980923771135, 105419158668482202, None,
     2028332133440562160, 213825067007551636, 527095793342411, 213825067007551636, 104892062875139791,
     49999980923771134, 596761473727047506),
]


class Scenario92(ChainTestCase):
    @classmethod
    def build(cls):
        cls.system, cls.tokens, cls.set_token = deploy_scenario_9_2(cls.chain)
        cls.addr = {symbol: token.address for symbol, token in cls.tokens.items()}
        cls.module = cls.chain.contract("AuctionRebalanceModuleV1", cls.system.module)

    def unit(self, symbol):
        return self.set_token.functions.getDefaultPositionRealUnit(self.addr[symbol]).call()

    def start(self):
        old = [
            (25 * 10 ** 17, EXP, encode_curve(102 * 10 ** 16, 10 ** 15, 5 * 10 ** 16, 600, True, 102 * 10 ** 16, 95 * 10 ** 16)),
            (11 * 10 ** 17, LIN, encode_linear(98 * 10 ** 16, 10 ** 15, 600, False, 105 * 10 ** 16, 98 * 10 ** 16)),
            (10 ** 17, CONST, encode_constant(E)),
        ]
        new = [(5 * 10 ** 16, LOG, encode_curve(2 * E, 10 ** 16, E, 300, False, 22 * 10 ** 17, 2 * E))]
        receipt = self.chain.send(self.module.functions.startRebalance(
            self.set_token.address, self.addr["WETH"], [self.addr["N"]], new, old, False, 86400,
            998357285091388446), MANAGER)
        self.chain.send(self.module.functions.setAnyoneBid(self.set_token.address, True), MANAGER)
        return self.chain.w3.eth.get_block(receipt["blockNumber"])["timestamp"]

    def test_setup_matches_spec(self):
        self.assertEqual(self.set_token.functions.positionMultiplier().call(), 998357285091388446)
        self.assertEqual(self.set_token.functions.totalSupply().call(), 3146761886254193616)

    def test_table_rows_dust_and_raise(self):
        start = self.start()
        self.chain.set_next_block_timestamp(start + 600)
        accrue_streaming_fee(self.chain, self.set_token, 998356904193547277, 3146763086821650115)
        s = self.set_token.address
        weth = self.addr["WETH"]
        fee_recipient = self.chain.accounts[2]
        for index, (symbol, t, is_sell, cu, tu, size, qty, price, quote, fee, sent, received, post, post_weth) \
                in enumerate(ROWS, start=1):
            with self.subTest(row=index):
                component = self.addr[symbol]
                self.assertEqual(self.unit(symbol), cu)
                execution_target = self.module.functions.executionInfo(s, component).call()[0]
                self.assertEqual(execution_target * 998356904193547277 // 998357285091388446, tu)
                self.assertEqual(self.module.functions.getAuctionSizeAndDirection(s, component).call(), [is_sell, size])
                fee_token = self.tokens["WETH" if is_sell else symbol]
                fees_before = fee_token.functions.balanceOf(fee_recipient).call()
                self.chain.set_next_block_timestamp(start + t)
                amount = MAX_UINT256 if qty is None else qty
                limit = MAX_UINT256 if is_sell else 0
                receipt = self.chain.send(self.module.functions.bid(s, component, weth, amount, limit, is_sell), BIDDER)
                event = self.module.events.BidExecuted().process_receipt(receipt)[0]["args"]
                sent_token, received_token = (component, weth) if is_sell else (weth, component)
                self.assertEqual(dict(event), {
                    "setToken": s, "sendToken": sent_token, "receiveToken": received_token,
                    "bidder": self.chain.accounts[BIDDER], "priceAdapter": self.system.adapters[
                        {"A": EXP, "B": LIN, "N": LOG}[symbol]],
                    "isSellAuction": is_sell, "price": price, "netQuantitySentBySet": sent,
                    "netQuantityReceivedBySet": received, "protocolFee": fee,
                    "setTotalSupply": 3146763086821650115})
                self.assertEqual(quote, received + fee if is_sell else sent)
                self.assertEqual(fee_token.functions.balanceOf(fee_recipient).call() - fees_before, fee)
                self.assertEqual((self.unit(symbol), self.unit("WETH")), (post, post_weth))
        # §2.7: A's read-back unit is 1 wei under its target, so a 4-wei reverse auction shows.
        self.assertEqual(self.module.functions.getAuctionSizeAndDirection(s, self.addr["A"]).call(), [False, 4])
        self.assertTrue(self.module.functions.allTargetsMet(s).call())
        self.assertTrue(self.module.functions.isQuoteAssetExcessOrAtTarget(s).call())
        self.assertTrue(self.module.functions.canRaiseAssetTargets(s).call())
        self.assertEqual(self.set_token.functions.getComponents().call(),
                         [self.addr["A"], self.addr["B"], self.addr["WETH"], self.addr["N"]])
        self.chain.send(self.module.functions.setRaiseTargetPercentage(s, 25 * 10 ** 14), MANAGER)
        self.assertFalse(self.module.functions.canUnlockEarly(s).call())
        receipt = self.chain.send(self.module.functions.raiseAssetTargets(s), BIDDER)
        event = self.module.events.AssetTargetsRaised().process_receipt(receipt)[0]["args"]
        self.assertEqual(dict(event), {"setToken": s, "newPositionMultiplier": 995867616051260295})
        self.assertEqual(self.module.functions.rebalanceInfo(s).call()[3:], [995867616051260295, 25 * 10 ** 14])
        size = self.module.functions.getAuctionSizeAndDirection
        self.assertEqual(size(s, self.addr["A"]).call(), [False, 19766092250340419])
        self.assertEqual(size(s, self.addr["B"]).call(), [False, 8697080590149786])
        self.assertEqual(size(s, self.addr["N"]).call(), [False, 395321845006813])

    def test_raise_requires_met_targets_and_bidder(self):
        self.start()
        s = self.set_token.address
        self.assertReverts(self.module.functions.raiseAssetTargets(s), "Targets not met or quote asset =~ 0")
        self.chain.send(self.module.functions.setAnyoneBid(s, False), MANAGER)
        self.assertReverts(self.module.functions.raiseAssetTargets(s), "Address not permitted to bid")


if __name__ == "__main__":
    unittest.main()
