"""Independent big-integer peer for the auction math tests.

Reads lines "op a b" (decimal integers) or "<adapter> t config-words…" on stdin, writes one decimal
result (or "revert:<reason>") per line. Python integers are exact, so this checks the Swift 256-bit
arithmetic, the literal solady v0.0.107 ports (expWad, lnWad) and the three bounded stepwise
adapters, whose overflow guards are written here as the source writes them (with divisions).
"""
import sys

M = 1 << 256


def to_signed(v):
    v %= M
    return v - M if v >> 255 else v


def sdiv(a, b):
    if b == 0:
        return 0
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def sar(a, n):
    return a >> n  # Python >> on negative ints floors, as EVM sar does


def wrap(v):
    return to_signed(v)


def exp_wad(x):
    if x <= -42139678854452767551:
        return 0
    if x >= 135305999368893231589:
        raise ValueError("ExpOverflow")
    x = sdiv(wrap(x << 78), 5 ** 18)
    k = sar(wrap(sdiv(wrap(x << 96), 54916777467707473351141471128) + 2 ** 95), 96)
    x = wrap(x - k * 54916777467707473351141471128)
    y = wrap(x + 1346386616545796478920950773328)
    y = wrap(sar(wrap(y * x), 96) + 57155421227552351082224309758442)
    p = wrap(y + x - 94201549194550492254356042504812)
    p = wrap(sar(wrap(p * y), 96) + 28719021644029726153956944680412240)
    p = wrap(p * x + (4385272521454847904659076985693276 << 96))
    q = wrap(x - 2855989394907223263936484059900)
    for c in (50020603652535783019961831881945, -533845033583426703283633433725380,
              3604857256930695427073651918091429, -14423608567350463180887372962807573,
              26449188498355588339934803723976023):
        q = wrap(sar(wrap(q * x), 96) + c)
    r = sdiv(p, q)
    return to_signed(((r % M) * 3822833074963236453042738258902158003155416615667 % M) >> (195 - k))


def ln_wad(x):
    if x <= 0:
        raise ValueError("LnWadUndefined")
    k = x.bit_length() - 1 - 96
    x = ((x << (159 - k)) % M) >> 159
    p = x + 3273285459638523848632254066296
    for c in (24828157081833163892658089445524, 43456485725739037958740375743393,
              -11111509109440967052023855526967, -45023709667254063763336534515857,
              -14706773417378608786704636184526):
        p = wrap(sar(wrap(p * x), 96) + c)
    p = wrap(p * x - (795164235651350426258249787498 << 96))
    q = x + 5573035233440673466300451813936
    for c in (71694874799317883764090561454958, 283447036172924575727196451306956,
              401686690394027663651624208769553, 204048457590392012362485061816622,
              31853899698501571402653359427138, 909429971244387300277376558375):
        q = wrap(sar(wrap(q * x), 96) + c)
    r = sdiv(p, q)
    r = wrap(r * 1677202110996718588342820967067443963516166)
    r = wrap(r + 16597577552685614221487285958193947469193820559219878177908093499208371 * k)
    r = wrap(r + 600920179829731861736702779321621459595472258049074101567377883020018308)
    return sar(r, 174)


MAX = 2 ** 256 - 1
WAD = 10 ** 18


def clamp(initial, change, dec, max_p, min_p):
    if dec:
        return min_p if change > initial else max(initial - change, min_p)
    return max_p if change > MAX - initial else min(initial + change, max_p)


def linear(t, initial, slope, bucket, dec, max_p, min_p):
    """auction-module §3.3, with the guards written as in the source (division)."""
    if not (initial > 0 and slope > 0 and bucket > 0 and min_p <= initial <= max_p):
        raise ValueError("BoundedStepwiseLinearPriceAdapter: Invalid params")
    b = t // bucket
    if b > MAX // slope:
        return min_p if dec else max_p
    return clamp(initial, b * slope, dec, max_p, min_p)


def exponential(t, initial, sf, tc, bucket, dec, max_p, min_p):
    """auction-module §3.4."""
    if not (initial > 0 and sf > 0 and tc > 0 and bucket > 0 and min_p <= initial <= max_p):
        raise ValueError("BoundedStepwiseExponentialPriceAdapter: Invalid params")
    bound = min_p if dec else max_p
    tb = t // bucket
    if tb > (2 ** 255 - 1) // tc:
        return bound
    x = tc * tb
    if x > 100 * WAD:
        return bound
    e = exp_wad(x)
    if sf > MAX // e:
        return bound
    return clamp(initial, sf * (e - WAD) // WAD, dec, max_p, min_p)


def logarithmic(t, initial, sf, tc, bucket, dec, max_p, min_p):
    """auction-module §3.5."""
    if not (initial > 0 and sf > 0 and tc > 0 and bucket > 0 and min_p <= initial <= max_p):
        raise ValueError("BoundedStepwiseLogarithmicPriceAdapter: Invalid params")
    bound = min_p if dec else max_p
    tb = t // bucket
    if tb > (2 ** 255 - 1) // tc:
        return bound
    a = tb * tc
    if a > 2 ** 254 - 1:
        return bound
    l = ln_wad(a + WAD)
    if l > MAX // sf:
        return bound
    return clamp(initial, sf * l // WAD, dec, max_p, min_p)


ADAPTERS = {"linear": linear, "exponential": exponential, "logarithmic": logarithmic}

OPS = {
    "add": lambda a, b: (a + b) % M,
    "sub": lambda a, b: (a - b) % M,
    "mul": lambda a, b: (a * b) % M,
    "mulhi": lambda a, b: (a * b) >> 256,
    "div": lambda a, b: a // b,
    "mod": lambda a, b: a % b,
    "sdiv": lambda a, b: sdiv(a, b),
    "sar": lambda a, b: sar(a, b),
    "exp": lambda a, b: exp_wad(a),
    "ln": lambda a, b: ln_wad(a),
}

# Lines: "op a b" for OPS, or "<adapter> t w0 w1 … " (the config words) for ADAPTERS.
for line in sys.stdin:
    op, *args = line.split()
    try:
        if op in ADAPTERS:
            print(ADAPTERS[op](*[int(v) for v in args]))
        else:
            print(OPS[op](int(args[0]), int(args[1])))
    except ValueError as e:
        print("revert:" + str(e))
