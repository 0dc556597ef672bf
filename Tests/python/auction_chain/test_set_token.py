"""The SetToken stand-in: virtual units with position-multiplier read-back (§2.6, rounding
toward −∞), the two unit-conversion reverts, append and swap-and-pop component lists,
module-only and lock rules, invoke, and the ERC20 surface. Two dev accounts act as
modules so every rule can be driven directly."""
import unittest

from support import (BIDDER, DEPLOYER, E, MANAGER, OTHER, ChainTestCase, deploy_system, deploy_token)


class SetTokenStandIn(ChainTestCase):
    @classmethod
    def build(cls):
        cls.system = deploy_system(cls.chain)
        cls.tokens = [deploy_token(cls.chain, f"Token {i}", f"T{i}", 18) for i in range(5)]
        cls.addr = [token.address for token in cls.tokens]
        accounts = cls.chain.accounts
        cls.set_token = cls.chain.deploy("SetToken", cls.addr[:4], [E, 2 * E, 3 * E, 4 * E],
                                         [accounts[OTHER], accounts[BIDDER]], cls.system.controller,
                                         accounts[MANAGER], "Stand-in Set", "SIS")
        cls.chain.send(cls.set_token.functions.initializeModule(), OTHER)
        cls.chain.send(cls.set_token.functions.initializeModule(), BIDDER)

    def real(self, index):
        return self.set_token.functions.getDefaultPositionRealUnit(self.addr[index]).call()

    def test_initial_state(self):
        s = self.set_token.functions
        self.assertEqual(s.getComponents().call(), self.addr[:4])
        self.assertEqual([self.real(i) for i in range(5)], [E, 2 * E, 3 * E, 4 * E, 0])
        self.assertEqual(s.positionMultiplier().call(), E)
        self.assertEqual(s.getModules().call(), [self.chain.accounts[OTHER], self.chain.accounts[BIDDER]])
        self.assertTrue(s.isInitializedModule(self.chain.accounts[OTHER]).call())
        self.assertEqual(s.moduleStates(self.chain.accounts[OTHER]).call(), 2)
        self.assertEqual(s.getExternalPositionModules(self.addr[0]).call(), [])
        self.assertEqual(s.manager().call(), self.chain.accounts[MANAGER])
        self.assertEqual([tuple(p) for p in s.getPositions().call()],
                         [(self.addr[i], "0x" + "00" * 20, (i + 1) * E, 0, b"") for i in range(4)])
        self.assertEqual((s.name().call(), s.symbol().call(), s.decimals().call()), ("Stand-in Set", "SIS", 18))

    def test_virtual_units_read_back(self):
        s = self.set_token.functions
        pm = 998357285091388446
        self.chain.send(s.editPositionMultiplier(pm), OTHER)
        self.assertEqual(self.real(0), E * pm // E)
        # §2.6: the model unit 2499999046188556799 reads back 1 wei lower at this multiplier.
        self.chain.send(s.editDefaultPositionUnit(self.addr[0], 2499999046188556799), OTHER)
        self.assertEqual(self.real(0), 2499999046188556798)
        # Negative units round toward −∞ both ways: ⌊−3e18/0.7e18⌋ = −5, ⌊−5·0.7⌋ = −4.
        self.chain.send(s.editPositionMultiplier(7 * 10 ** 17), OTHER)
        self.chain.send(s.editDefaultPositionUnit(self.addr[1], -3), OTHER)
        self.assertEqual(self.real(1), -4)

    def test_unit_conversion_reverts(self):
        s = self.set_token.functions
        self.chain.send(s.editPositionMultiplier(3 * E), OTHER)
        self.assertReverts(s.editDefaultPositionUnit(self.addr[0], 1), "Real to Virtual unit conversion invalid", sender=OTHER)
        self.chain.send(s.editPositionMultiplier(6 * 10 ** 17), OTHER)
        self.assertReverts(s.editDefaultPositionUnit(self.addr[0], 1), "Virtual to Real unit conversion invalid", sender=OTHER)
        self.chain.send(s.editPositionMultiplier(5 * 10 ** 17), OTHER)
        self.chain.send(s.editDefaultPositionUnit(self.addr[0], 1), OTHER)
        self.assertEqual(self.real(0), 1)
        self.assertReverts(s.editPositionMultiplier(10 ** 17), "New multiplier too small", sender=OTHER)
        self.assertReverts(s.editPositionMultiplier(0), "New multiplier too small", sender=OTHER)

    def test_component_list_append_and_swap_and_pop(self):
        s = self.set_token.functions
        self.chain.send(s.removeComponent(self.addr[1]), OTHER)
        self.assertEqual(s.getComponents().call(), [self.addr[0], self.addr[3], self.addr[2]])
        self.chain.send(s.addComponent(self.addr[4]), OTHER)
        self.assertEqual(s.getComponents().call(), [self.addr[0], self.addr[3], self.addr[2], self.addr[4]])
        self.chain.send(s.removeComponent(self.addr[4]), OTHER)
        self.assertEqual(s.getComponents().call(), [self.addr[0], self.addr[3], self.addr[2]])
        self.assertTrue(s.isComponent(self.addr[3]).call())
        self.assertFalse(s.isComponent(self.addr[1]).call())
        self.assertReverts(s.removeComponent(self.addr[1]), "Address not in array.", sender=OTHER)
        self.assertReverts(s.addComponent(self.addr[0]), "Must not be component", sender=OTHER)

    def test_module_only_and_lock_rules(self):
        s = self.set_token.functions
        for function in (s.addComponent(self.addr[4]), s.removeComponent(self.addr[0]),
                         s.editDefaultPositionUnit(self.addr[0], 1), s.lock(), s.unlock(),
                         s.invoke(self.addr[0], 0, b"")):
            with self.subTest(function=function.fn_name):
                self.assertReverts(function, "Only the module can call", sender=DEPLOYER)
        self.assertReverts(s.mint(self.chain.accounts[DEPLOYER], 1), "Only the module or manager can call", sender=DEPLOYER)
        self.assertReverts(s.unlock(), "Must be locked", sender=OTHER)
        self.chain.send(s.lock(), OTHER)
        self.assertEqual((s.isLocked().call(), s.locker().call()), (True, self.chain.accounts[OTHER]))
        self.assertReverts(s.lock(), "Must not be locked", sender=BIDDER)
        self.assertReverts(s.unlock(), "Must be locker", sender=BIDDER)
        self.assertReverts(s.addComponent(self.addr[4]), "When locked, only the locker can call", sender=BIDDER)
        self.assertReverts(s.mint(self.chain.accounts[MANAGER], 1), "When locked, only the locker can call", sender=MANAGER)
        self.chain.send(s.mint(self.chain.accounts[MANAGER], 5), OTHER)
        self.chain.send(s.unlock(), OTHER)
        self.assertEqual((s.isLocked().call(), s.locker().call()), (False, "0x" + "00" * 20))
        self.assertEqual(s.totalSupply().call(), 5)

    def test_invoke_transfers_and_bubbles_reverts(self):
        s = self.set_token.functions
        token = self.tokens[0]
        self.chain.send(token.functions.mint(self.set_token.address, 100), DEPLOYER)
        transfer = token.functions.transfer(self.chain.accounts[DEPLOYER], 40)._encode_transaction_data()
        self.assertEqual(s.invoke(token.address, 0, bytes.fromhex(transfer[2:])).call({"from": self.chain.accounts[OTHER]}),
                         (1).to_bytes(32, "big"))
        self.chain.send(s.invoke(token.address, 0, bytes.fromhex(transfer[2:])), OTHER)
        self.assertEqual(token.functions.balanceOf(self.set_token.address).call(), 60)
        too_much = token.functions.transfer(self.chain.accounts[DEPLOYER], 61)._encode_transaction_data()
        self.assertReverts(s.invoke(token.address, 0, bytes.fromhex(too_much[2:])),
                           "ERC20: transfer amount exceeds balance", sender=OTHER)

    def test_erc20_surface(self):
        s = self.set_token.functions
        accounts = self.chain.accounts
        self.chain.send(s.mint(accounts[MANAGER], 10 * E), MANAGER)
        self.chain.send(s.transfer(accounts[DEPLOYER], 3 * E), MANAGER)
        self.chain.send(s.approve(accounts[OTHER], 2 * E), DEPLOYER)
        self.assertEqual(s.allowance(accounts[DEPLOYER], accounts[OTHER]).call(), 2 * E)
        self.assertReverts(s.transferFrom(accounts[DEPLOYER], accounts[OTHER], 2 * E + 1),
                           "ERC20: transfer amount exceeds allowance", sender=OTHER)
        self.chain.send(s.transferFrom(accounts[DEPLOYER], accounts[OTHER], 2 * E), OTHER)
        self.assertEqual([s.balanceOf(accounts[i]).call() for i in (MANAGER, DEPLOYER, OTHER)], [7 * E, E, 2 * E])
        self.chain.send(s.burn(accounts[OTHER], E), MANAGER)
        self.assertEqual(s.totalSupply().call(), 9 * E)


if __name__ == "__main__":
    unittest.main()
