#!/usr/bin/env python3
"""Independent reference for UInt256 / Int256 (Python's arbitrary-precision ints).

Reads one JSON object per line on stdin, {"op": ..., operands as 0x-hex bit patterns}, and writes one
JSON object per line with the expected results, every integer as a decimal string. Used by
Tests/ChainModelTests/NumericDifferentialTests.swift.
"""
import json
import re
import struct
import sys
from fractions import Fraction

MOD = 1 << 256
UMAX = MOD - 1
SMIN = -(1 << 255)
SMAX = (1 << 255) - 1


def signed(bits):
    return bits - MOD if bits >> 255 else bits


def wrap_signed(value):
    return signed(value % MOD)


def trunc_div(a, b):
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def trunc_mod(a, b):
    r = abs(a) % abs(b)
    return -r if a < 0 else r


def mul_div(a, b, c, up):
    if c == 0:
        return "divisionByZero"
    q, r = divmod(a * b, c)
    if up and r:
        q += 1
    return str(q) if q <= UMAX else "overflow"


def double_bits(value):
    return str(struct.unpack("<Q", struct.pack("<d", float(value)))[0])


HEX = re.compile(r"(-?)0[xX]([0-9a-fA-F]+)")
DECIMAL = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?(?: *([A-Za-z]+))?")
UNITS = {"wei": 0, "gwei": 9, "ether": 18}


def parse(text, is_signed):
    """The number grammar, written independently of the Swift parser. Returns (value, error kind)."""
    if text.startswith("-") and not is_signed:
        return None, "negative"
    match = HEX.fullmatch(text)
    if match:
        negative, value = match.group(1) == "-", int(match.group(2), 16)
    else:
        match = DECIMAL.fullmatch(text)
        if not match:
            return None, "syntax"
        sign, integer, fraction, exponent, unit = match.groups()
        negative = sign == "-"
        fraction = fraction or ""
        exponent = int(exponent or "0")
        if unit is not None:
            if unit.lower() not in UNITS:
                return None, "syntax"
            exponent += UNITS[unit.lower()]
        mantissa = int(integer + fraction)
        scale = exponent - len(fraction)
        if mantissa == 0:
            value = 0
        elif scale > 100:  # at least 10^101 > 2^256; avoids computing huge powers
            return None, "range"
        elif scale < -len(integer + fraction):  # mantissa < 10^digits cannot absorb the division
            return None, "notAnInteger"
        else:
            exact = Fraction(mantissa) * Fraction(10) ** scale
            if exact.denominator != 1:
                return None, "notAnInteger"
            value = int(exact)
    result = -value if negative else value
    if is_signed and not SMIN <= result <= SMAX:
        return None, "range"
    if not is_signed and result > UMAX:
        return None, "range"
    return str(result), None


def answer(request):
    # Operands arrive as 0x + 64 hex digits of the 256-bit pattern (independent of Swift's formatting);
    # signed operations read them as two's complement. Shift counts arrive as plain JSON integers.
    op = request["op"]
    a = int(request["a"], 16) if "a" in request else None
    b = int(request["b"], 16) if "b" in request else None
    if op in ("signed", "sshift"):
        a = signed(a)
        b = signed(b) if b is not None else None
    if op == "add":
        return {"wrap": str((a + b) % MOD), "overflow": a + b > UMAX}
    if op == "sub":
        return {"wrap": str((a - b) % MOD), "overflow": a - b < 0}
    if op == "mul":
        product = a * b
        return {"wrap": str(product % MOD), "overflow": product > UMAX,
                "high": str(product >> 256), "low": str(product % MOD)}
    if op == "divmod":
        return {"q": str(a // b), "r": str(a % b)}
    if op == "divwide":
        dividend = (a << 256) | b
        d = int(request["c"], 16)
        return {"q": str(dividend // d), "r": str(dividend % d)}
    if op == "muldiv":
        c = int(request["c"], 16)
        return {"floor": mul_div(a, b, c, False), "ceil": mul_div(a, b, c, True)}
    if op == "shift":
        n = request["n"]
        return {"shl": str((a << n) % MOD if n >= 0 else a >> -n),
                "shr": str(a >> n if n >= 0 else (a << -n) % MOD)}
    if op == "unary":
        return {"decimal": str(a), "hex": hex(a), "bitLength": a.bit_length(),
                "leadingZeros": 256 - a.bit_length(),
                "trailingZeros": 256 if a == 0 else (a & -a).bit_length() - 1,
                "not": str(UMAX ^ a), "double": double_bits(a),
                "and": str(a & b), "or": str(a | b), "xor": str(a ^ b)}
    if op == "signed":
        total, difference, product = a + b, a - b, a * b
        result = {"add": str(wrap_signed(total)), "addOverflow": not SMIN <= total <= SMAX,
                  "sub": str(wrap_signed(difference)), "subOverflow": not SMIN <= difference <= SMAX,
                  "mul": str(wrap_signed(product)), "mulOverflow": not SMIN <= product <= SMAX,
                  "decimal": str(a), "hex": ("-" + hex(-a)) if a < 0 else hex(a),
                  "double": double_bits(a)}
        if b != 0:
            quotient = trunc_div(a, b)
            result.update({"div": str(wrap_signed(quotient)), "divOverflow": quotient > SMAX,
                           "mod": str(trunc_mod(a, b))})
        return result
    if op == "sshift":
        n = request["n"]
        return {"sar": str(a >> n) if n >= 0 else str(wrap_signed(a << -n)),
                "shl": str(wrap_signed(a << n)) if n >= 0 else str(a >> -n)}
    if op == "parse":
        text = request["text"]
        unsigned_value, unsigned_error = parse(text, False)
        signed_value, signed_error = parse(text, True)
        return {"unsigned": unsigned_value, "unsignedError": unsigned_error,
                "signed": signed_value, "signedError": signed_error}
    raise ValueError(f"unknown op {op!r}")


def main():
    out = sys.stdout
    for line in sys.stdin:
        if line.strip():
            out.write(json.dumps(answer(json.loads(line)), separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
