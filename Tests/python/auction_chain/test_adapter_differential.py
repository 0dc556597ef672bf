"""Differential fuzz of the on-chain price adapters against the independent big-integer
peer `Tests/python/auction_math_peer.py` (§3.3–§3.6): random and edge-value configs and
elapsed times, random config lengths and flag words. Each case must give the peer's price
or its revert reason; data the ABI decoder rejects (too short, a flag word other than 0/1)
must revert without data. Deterministic seed."""
import os
import random
import subprocess
import sys
import unittest

from support import ChainTestCase, deploy_system

PEER = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "auction_math_peer.py"))
ZERO = "0x" + "00" * 20
E = 10 ** 18
MAX = 2 ** 256 - 1
CASES = 150

ADAPTERS = {  # peer name -> (registry name, config words, index of the bool flag)
    "linear": ("BoundedStepwiseLinearPriceAdapter", 6, 3),
    "exponential": ("BoundedStepwiseExponentialPriceAdapter", 7, 4),
    "logarithmic": ("BoundedStepwiseLogarithmicPriceAdapter", 7, 4),
}


def peer(lines):
    if not os.path.exists(PEER):
        raise AssertionError(f"peer {PEER} is missing")
    out = subprocess.run([sys.executable, PEER], input="\n".join(lines) + "\n", capture_output=True, text=True,
                         check=True)
    return out.stdout.split("\n")[:len(lines)]


def interesting(rng):
    return rng.choice([
        0, 1, 2, 599, 600, E, 10 ** 17, 5 * 10 ** 16, 1718281828459045235, 100 * E, 2 ** 128, 2 ** 254 - 1,
        2 ** 255, MAX, MAX - 1, rng.randrange(1, 10 ** 6), rng.randrange(1, 10 ** 20), rng.randrange(1, 10 ** 30),
        rng.randrange(0, 2 ** 256),
    ])


def curve_config(rng, words):
    """Mostly plausible curves (valid bounds around the initial price), some wild ones."""
    if rng.random() < 0.3:
        values = [interesting(rng) for _ in range(words)]
    else:
        initial = rng.choice([E, 100 * E, 145 * 10 ** 27, rng.randrange(1, 10 ** 30)])
        spread = rng.randrange(0, initial + 1)
        step = rng.choice([rng.randrange(1, 10 ** 16), rng.randrange(1, E), interesting(rng) or 1])
        coefficient = rng.choice([E, 10 ** 17, 5 * 10 ** 16, rng.randrange(1, 3 * E), interesting(rng) or 1])
        bucket = rng.choice([1, 60, 300, 600, 3600, rng.randrange(1, 10 ** 5)])
        bounds = [initial + spread, initial - spread]
        values = ([initial, step, bucket, 0] if words == 6 else [initial, step, coefficient, bucket, 0]) + bounds
    flag = words - 3
    values[flag] = rng.randrange(2)
    return values


def encode(values):
    return b"".join((v % 2 ** 256).to_bytes(32, "big") for v in values)


class AdapterDifferential(ChainTestCase):
    @classmethod
    def build(cls):
        system = deploy_system(cls.chain)
        cls.adapters = {name: cls.chain.contract(name, address) for name, address in system.adapters.items()}

    def on_chain(self, name, config, elapsed):
        try:
            return str(self.adapters[name].functions.getPrice(ZERO, ZERO, 1, elapsed, 86400, config).call())
        except Exception:  # noqa: BLE001 -- the reason is recovered below
            return "revert:" + self.revert_reason(self.adapters[name].functions.getPrice(ZERO, ZERO, 1, elapsed, 86400, config))

    def test_prices_match_peer(self):
        rng = random.Random(20261122)
        for kind, (name, words, _) in ADAPTERS.items():
            cases = []
            for _ in range(CASES):
                values = curve_config(rng, words)
                elapsed = rng.choice([0, rng.randrange(0, 86400), rng.randrange(0, 10 ** 7), interesting(rng)])
                cases.append((values, elapsed))
            expected = peer([f"{kind} {t} " + " ".join(str(v) for v in values) for values, t in cases])
            for (values, elapsed), want in zip(cases, expected):
                with self.subTest(adapter=kind, values=values, t=elapsed):
                    self.assertEqual(self.on_chain(name, encode(values), elapsed), want)

    def test_decoder_rejects_short_data_and_bad_flags(self):
        rng = random.Random(7)
        for kind, (name, words, flag) in ADAPTERS.items():
            functions = self.adapters[name].functions
            for _ in range(40):
                values = curve_config(rng, words)
                data = encode(values)
                choice = rng.randrange(3)
                if choice == 0:
                    data = data[:rng.randrange(0, len(data))]
                elif choice == 1:
                    data = data[:32 * flag] + encode([rng.randrange(2, 2 ** 256)]) + data[32 * (flag + 1):]
                else:
                    data = data + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200)))
                with self.subTest(adapter=kind, data=data.hex()):
                    if choice == 2:
                        self.assertEqual(self.on_chain(name, data, 600), peer([f"{kind} 600 " + " ".join(map(str, values))])[0])
                    else:
                        self.assertEqual(self.revert_reason(functions.isPriceAdapterConfigDataValid(data)), "")
                        self.assertEqual(self.on_chain(name, data, 600), "revert:")
        constant = self.adapters["ConstantPriceAdapter"].functions
        for length in range(0, 32):
            self.assertEqual(self.revert_reason(constant.getPrice(ZERO, ZERO, 1, 0, 1, b"\x05" * length)), "")


if __name__ == "__main__":
    unittest.main()
