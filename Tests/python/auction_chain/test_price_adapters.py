"""The four price adapters on chain reproduce auction-module.md §3.2–§3.5 and every
price vector of §3.7 through `getPrice`, plus the encodings of §9.3 and the validity and
decoding edge cases (trailing data ignored, short data and non-boolean flags revert)."""
import unittest

from eth_utils import keccak

from support import E, ChainTestCase, deploy_system, encode_constant, encode_curve, encode_linear

ZERO = "0x" + "00" * 20

LINEAR_VECTORS = [
    ((1162340294608501383, 5 * 10 ** 14, 600, True, 1162340294608501383, 1142340294608501383), [
        (0, 1162340294608501383), (599, 1162340294608501383), (600, 1161840294608501383),
        (1199, 1161840294608501383), (1200, 1161340294608501383), (6000, 1157340294608501383),
        (23999, 1142840294608501383), (24000, 1142340294608501383), (86399, 1142340294608501383)]),
    ((1037739826124765882, 3 * 10 ** 14, 600, False, 1051 * 10 ** 15, 1037739826124765882), [
        (600, 1038039826124765882), (26399, 1050639826124765882), (26400, 1050939826124765882),
        (27000, 1051 * 10 ** 15)]),
    ((100 * E, E, 3600, True, 100 * E, 90 * E), [
        (3600, 99 * E), (7200, 98 * E), (36000, 90 * E), (10 ** 9, 90 * E)]),
]

EXPONENTIAL_VECTORS = [
    ((100 * E, E, E, 3600, True, 100 * E, 90 * E), [
        (3599, 100 * E), (3600, 98281718171540954765), (7200, 93610943901069349773)]),
    ((100 * E, E, E, 3600, False, 110 * E, 100 * E), [
        (3600, 101718281828459045235), (7200, 106389056098930650227), (10800, 110 * E)]),
    ((E, 10 ** 16, 10 ** 17, 600, True, E, 9 * 10 ** 17), [
        (600, 998948290819243524), (1200, 997785972418398302), (6000, 982817181715409548),
        (12000, 936109439010693498), (18000, 9 * 10 ** 17)]),
    ((145 * 10 ** 27, 10 ** 28, 5 * 10 ** 16, 600, False, 16 * 10 ** 28, 145 * 10 ** 27), [
        (600, 145512710963760240390000000000), (6000, 151487212707001281460000000000),
        (36000, 16 * 10 ** 28)]),
]

LOGARITHMIC_VECTORS = [
    ((100 * E, E, 1718281828459045235, 3600, True, 100 * E, 90 * E), [
        (3600, 99000000000000000001), (7200, 98510119874355250024)]),
    ((100 * E, E, 1718281828459045235, 3600, False, 110 * E, 100 * E), [
        (3600, 100999999999999999999)]),
    ((E, 10 ** 16, E, 600, True, E, 9 * 10 ** 17), [
        (600, 993068528194400547), (1200, 989013877113318904), (6000, 976021047272016295),
        (60000, 953848794831587406)]),
    ((2 * E, 10 ** 16, E, 300, False, 22 * 10 ** 17, 2 * E), [
        (300, 2006931471805599453), (5000, 2028332133440562160), (5001, 2028332133440562160),
        (86400, 2056664266881124321)]),
]

# §9.3: the dsETH wstETH linear blob, word by word.
WSTETH_LINEAR_BLOB = bytes.fromhex(
    "00000000000000000000000000000000000000000000000010217656f0433a87"
    "0000000000000000000000000000000000000000000000000001c6bf52634000"
    "0000000000000000000000000000000000000000000000000000000000000258"
    "0000000000000000000000000000000000000000000000000000000000000001"
    "00000000000000000000000000000000000000000000000010217656f0433a87"
    "0000000000000000000000000000000000000000000000000fda687210c13a87")


class PriceAdapters(ChainTestCase):
    @classmethod
    def build(cls):
        cls.system = deploy_system(cls.chain)
        cls.adapters = {name: cls.chain.contract(name, address) for name, address in cls.system.adapters.items()}

    def price(self, name, config, elapsed):
        return self.adapters[name].functions.getPrice(ZERO, ZERO, 1, elapsed, 86400, config).call()

    def check_vectors(self, name, vectors, encode):
        for params, points in vectors:
            config = encode(*params)
            self.assertTrue(self.adapters[name].functions.isPriceAdapterConfigDataValid(config).call())
            for elapsed, expected in points:
                with self.subTest(adapter=name, params=params, t=elapsed):
                    self.assertEqual(self.price(name, config, elapsed), expected)

    def test_linear_vectors(self):
        self.check_vectors("BoundedStepwiseLinearPriceAdapter", LINEAR_VECTORS, encode_linear)

    def test_exponential_vectors(self):
        self.check_vectors("BoundedStepwiseExponentialPriceAdapter", EXPONENTIAL_VECTORS, encode_curve)

    def test_logarithmic_vectors(self):
        self.check_vectors("BoundedStepwiseLogarithmicPriceAdapter", LOGARITHMIC_VECTORS, encode_curve)

    def test_linear_overflow_guards(self):
        # bucket·slope overflows → the bound; initial + change overflows → maxPrice.
        huge = 2 ** 255
        decreasing = encode_linear(10, huge, 1, True, 10, 1)
        self.assertEqual(self.price("BoundedStepwiseLinearPriceAdapter", decreasing, 2), 1)
        increasing = encode_linear(10, huge, 1, False, 2 ** 256 - 1, 1)
        self.assertEqual(self.price("BoundedStepwiseLinearPriceAdapter", increasing, 1), 10 + huge)
        self.assertEqual(self.price("BoundedStepwiseLinearPriceAdapter", increasing, 2), 2 ** 256 - 1)
        near_max = encode_linear(2 ** 256 - 5, 10, 1, False, 2 ** 256 - 1, 1)
        self.assertEqual(self.price("BoundedStepwiseLinearPriceAdapter", near_max, 1), 2 ** 256 - 1)

    def test_curve_guards_return_bounds(self):
        exponential = encode_curve(100 * E, E, E, 1, True, 100 * E, 90 * E)
        # exponent 101e18 > MAX_EXP_ARG → minPrice.
        self.assertEqual(self.price("BoundedStepwiseExponentialPriceAdapter", exponential, 101), 90 * E)
        logarithmic = encode_curve(100 * E, 2 ** 250, E, 1, False, 2 ** 256 - 1, 100 * E)
        # ln(1 + 3)·2^250 overflows → maxPrice.
        self.assertEqual(self.price("BoundedStepwiseLogarithmicPriceAdapter", logarithmic, 3), 2 ** 256 - 1)
        huge_coefficient = encode_curve(100 * E, E, 2 ** 255, 1, True, 100 * E, 90 * E)
        self.assertEqual(self.price("BoundedStepwiseLogarithmicPriceAdapter", huge_coefficient, 2), 90 * E)
        self.assertEqual(self.price("BoundedStepwiseExponentialPriceAdapter", huge_coefficient, 2), 90 * E)

    def test_constant_adapter(self):
        constant = self.adapters["ConstantPriceAdapter"].functions
        self.assertEqual(constant.getEncodedData(5 * 10 ** 14).call().hex(),
                         "0000000000000000000000000000000000000000000000000001c6bf52634000")
        self.assertEqual(self.price("ConstantPriceAdapter", encode_constant(5 * 10 ** 14), 12345), 5 * 10 ** 14)
        # Trailing data is ignored: a linear blob decodes as its first word.
        self.assertEqual(self.price("ConstantPriceAdapter", WSTETH_LINEAR_BLOB, 0), 1162340294608501383)
        self.assertFalse(constant.isPriceAdapterConfigDataValid(encode_constant(0)).call())
        self.assertEqual(self.revert_reason(constant.getPrice(ZERO, ZERO, 1, 0, 1, encode_constant(0))),
                         "ConstantPriceAdapter: Price must be greater than 0")
        self.assertEqual(self.revert_reason(constant.isPriceAdapterConfigDataValid(b"\x01" * 31)), "")
        self.assertEqual(constant.getDecodedData(encode_constant(7)).call(), 7)

    def test_linear_encoding_validity_and_reverts(self):
        linear = self.adapters["BoundedStepwiseLinearPriceAdapter"].functions
        params = (1162340294608501383, 5 * 10 ** 14, 600, True, 1162340294608501383, 1142340294608501383)
        self.assertEqual(linear.getEncodedData(*params).call(), WSTETH_LINEAR_BLOB)
        self.assertEqual(encode_linear(*params), WSTETH_LINEAR_BLOB)
        self.assertEqual(tuple(linear.getDecodedData(WSTETH_LINEAR_BLOB + b"\x07" * 5).call()), params)
        self.assertTrue(linear.areParamsValid(1, 1, 1, 1, 1).call())
        for invalid in [(0, 1, 1, 5, 0), (1, 0, 1, 5, 0), (1, 1, 0, 5, 0), (6, 1, 1, 5, 0), (1, 1, 1, 5, 2)]:
            with self.subTest(params=invalid):
                self.assertFalse(linear.areParamsValid(*invalid).call())
                initial, slope, bucket, max_price, min_price = invalid
                config = encode_linear(initial, slope, bucket, True, max_price, min_price)
                self.assertFalse(linear.isPriceAdapterConfigDataValid(config).call())
                self.assertEqual(self.revert_reason(linear.getPrice(ZERO, ZERO, 1, 0, 1, config)),
                                 "BoundedStepwiseLinearPriceAdapter: Invalid params")
        flag_two = WSTETH_LINEAR_BLOB[:96] + (2).to_bytes(32, "big") + WSTETH_LINEAR_BLOB[128:]
        self.assertEqual(self.revert_reason(linear.isPriceAdapterConfigDataValid(flag_two)), "")
        self.assertEqual(self.revert_reason(linear.isPriceAdapterConfigDataValid(WSTETH_LINEAR_BLOB[:191])), "")

    def test_curve_encoding_validity_and_reverts(self):
        for name in ("BoundedStepwiseExponentialPriceAdapter", "BoundedStepwiseLogarithmicPriceAdapter"):
            functions = self.adapters[name].functions
            params = (100 * E, E, E, 3600, True, 100 * E, 90 * E)
            self.assertEqual(functions.getEncodedData(*params).call(), encode_curve(*params))
            self.assertEqual(tuple(functions.getDecodedData(encode_curve(*params)).call()), params)
            invalid = encode_curve(100 * E, E, 0, 3600, True, 100 * E, 90 * E)
            self.assertFalse(functions.isPriceAdapterConfigDataValid(invalid).call())
            self.assertFalse(functions.areParamsValid(100 * E, E, E, 3600, 99 * E, 90 * E).call())
            self.assertEqual(self.revert_reason(functions.getPrice(ZERO, ZERO, 1, 0, 1, invalid)),
                             f"{name}: Invalid params")

    def test_registry_lookups(self):
        registry = self.chain.contract("IntegrationRegistry", self.system.integration_registry).functions
        controller = self.chain.contract("Controller", self.system.controller).functions
        self.assertEqual(controller.resourceId(0).call(), self.system.integration_registry)
        for name, address in self.system.adapters.items():
            with self.subTest(adapter=name):
                self.assertEqual(registry.getIntegrationAdapter(self.system.module, name).call(), address)
                self.assertEqual(registry.getIntegrationAdapterWithHash(self.system.module, keccak(text=name)).call(),
                                 address)
                self.assertTrue(registry.isValidIntegration(self.system.module, name).call())
                self.assertFalse(registry.isValidIntegration(self.system.module, name.lower()).call())
                self.assertFalse(registry.isValidIntegration(self.system.controller, name).call())


if __name__ == "__main__":
    unittest.main()
