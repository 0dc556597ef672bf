"""Module administration and edge paths on the stand-ins: initialize checks, removeModule
(clears permissions and rebalance info, keeps execution info), an adapter removed from the
registry after startRebalance, calls on a Set the Controller does not know, and airdropped
balances staying out of post-bid units (§2.6)."""
import unittest

from support import (BIDDER, DEPLOYER, E, MANAGER, MAX_UINT256, OTHER, ChainTestCase, deploy_scenario_9_1,
                     encode_constant)

DURATION = 86400


class ModuleAdministration(ChainTestCase):
    @classmethod
    def build(cls):
        cls.system, cls.tokens, cls.set_token = deploy_scenario_9_1(cls.chain)
        cls.addr = {symbol: token.address for symbol, token in cls.tokens.items()}
        cls.module = cls.chain.contract("AuctionRebalanceModuleV1", cls.system.module)
        cls.registry = cls.chain.contract("IntegrationRegistry", cls.system.integration_registry)

    def start(self):
        params = [(9100 * E, "ConstantPriceAdapter", encode_constant(5 * 10 ** 14)),
                  (6 * 10 ** 7, "ConstantPriceAdapter", encode_constant(145 * 10 ** 27)),
                  (4 * E, "ConstantPriceAdapter", encode_constant(E))]
        self.chain.send(self.module.functions.startRebalance(
            self.set_token.address, self.addr["WETH"], [], [], params, False, DURATION, E), MANAGER)
        self.chain.send(self.module.functions.setBidderStatus(
            self.set_token.address, [self.chain.accounts[BIDDER]], [True]), MANAGER)

    def test_initialize_checks(self):
        accounts = self.chain.accounts
        unknown = self.chain.deploy("SetToken", [self.addr["WETH"]], [E], [self.system.module], self.system.controller,
                                    accounts[MANAGER], "Unknown", "UNK")
        initialize = self.module.functions.initialize
        self.assertReverts(initialize(unknown.address), "Must be the SetToken manager", sender=OTHER)
        self.assertReverts(initialize(unknown.address), "Must be controller-enabled SetToken", sender=MANAGER)
        self.assertReverts(initialize(self.set_token.address), "Must be pending initialization", sender=MANAGER)
        for function in (self.module.functions.getAuctionSizeAndDirection(unknown.address, self.addr["WETH"]),
                         self.module.functions.getRebalanceComponents(unknown.address),
                         self.module.functions.getBidPreview(unknown.address, self.addr["WETH"], self.addr["WETH"], 1, 0, True),
                         self.module.functions.isAllowedBidder(unknown.address, accounts[BIDDER])):
            with self.subTest(function=function.fn_name):
                self.assertReverts(function, "Must be a valid and initialized SetToken")
        self.assertReverts(self.module.functions.startRebalance(unknown.address, self.addr["WETH"], [], [], [], False, 1, E),
                           "Must be a valid and initialized SetToken", sender=MANAGER)

    def test_remove_module_clears_permissions_and_rebalance(self):
        self.start()
        s = self.set_token.address
        self.chain.send(self.module.functions.setAnyoneBid(s, True), MANAGER)
        self.chain.send(self.set_token.functions.removeModule(self.system.module), MANAGER)
        self.assertEqual(self.set_token.functions.getModules().call(), [])
        self.assertEqual(self.module.functions.rebalanceInfo(s).call(), ["0x" + "00" * 20, 0, 0, 0, 0])
        self.assertFalse(self.module.functions.permissionInfo(s).call())
        self.assertEqual(self.module.functions.executionInfo(s, self.addr["DAI"]).call()[0], 9100 * E)
        self.assertReverts(self.module.functions.getAllowedBidders(s), "Must be a valid and initialized SetToken")
        self.assertReverts(self.module.functions.bid(s, self.addr["DAI"], self.addr["WETH"], 1, MAX_UINT256, True),
                           "Address not permitted to bid")

    def test_adapter_removed_after_start(self):
        self.start()
        self.chain.send(self.registry.functions.removeIntegration(self.system.module, "ConstantPriceAdapter"), DEPLOYER)
        self.assertReverts(self.module.functions.bid(self.set_token.address, self.addr["DAI"], self.addr["WETH"], 1,
                                                     MAX_UINT256, True), "Must be valid adapter")

    def test_airdrop_stays_out_of_units(self):
        self.start()
        s = self.set_token.address
        self.chain.send(self.tokens["WETH"].functions.mint(s, 7 * 10 ** 17), DEPLOYER)
        self.chain.send(self.tokens["DAI"].functions.mint(s, 3 * E), DEPLOYER)
        receipt = self.chain.send(self.module.functions.bid(s, self.addr["DAI"], self.addr["WETH"], MAX_UINT256,
                                                            MAX_UINT256, True), BIDDER)
        event = self.module.events.BidExecuted().process_receipt(receipt)[0]["args"]
        self.assertEqual((event["netQuantitySentBySet"], event["netQuantityReceivedBySet"]), (900 * E, 45 * 10 ** 16))
        unit = self.set_token.functions.getDefaultPositionRealUnit
        self.assertEqual((unit(self.addr["DAI"]).call(), unit(self.addr["WETH"]).call()), (9100 * E, 545 * 10 ** 16))
        self.assertEqual(self.tokens["WETH"].functions.balanceOf(s).call(), 545 * 10 ** 16 + 7 * 10 ** 17)


if __name__ == "__main__":
    unittest.main()
