# pragma version 0.4.3
"""
@title FixedPointMath
@notice Literal integer port of solady v0.0.107 FixedPointMathLib `expWad`, `lnWad` and
        `mulWad` (auction-module.md §3.6): int256 division truncates toward zero (sdiv),
        int256 `>>` is arithmetic, products wrap like the assembly original. Reverts with
        the solady custom errors ExpOverflow(), LnWadUndefined() and MulWadFailed().
"""

WAD: constant(uint256) = 10 ** 18


@pure
@internal
def mulWad(x: uint256, y: uint256) -> uint256:
    if y != 0 and x > max_value(uint256) // y:
        raw_revert(method_id("MulWadFailed()"))
    return unsafe_mul(x, y) // WAD


@pure
@internal
def expWad(x_: int256) -> int256:
    x: int256 = x_
    if x <= -42139678854452767551:
        return 0
    if x >= 135305999368893231589:
        raw_revert(method_id("ExpOverflow()"))
    x = unsafe_div(x << 78, 3814697265625)
    k: int256 = unsafe_add(unsafe_div(x << 96, 54916777467707473351141471128), 2 ** 95) >> 96
    x = unsafe_sub(x, unsafe_mul(k, 54916777467707473351141471128))
    y: int256 = unsafe_add(x, 1346386616545796478920950773328)
    y = unsafe_add(unsafe_mul(y, x) >> 96, 57155421227552351082224309758442)
    p: int256 = unsafe_sub(unsafe_add(y, x), 94201549194550492254356042504812)
    p = unsafe_add(unsafe_mul(p, y) >> 96, 28719021644029726153956944680412240)
    p = unsafe_add(unsafe_mul(p, x), 4385272521454847904659076985693276 << 96)
    q: int256 = unsafe_sub(x, 2855989394907223263936484059900)
    q = unsafe_add(unsafe_mul(q, x) >> 96, 50020603652535783019961831881945)
    q = unsafe_sub(unsafe_mul(q, x) >> 96, 533845033583426703283633433725380)
    q = unsafe_add(unsafe_mul(q, x) >> 96, 3604857256930695427073651918091429)
    q = unsafe_sub(unsafe_mul(q, x) >> 96, 14423608567350463180887372962807573)
    q = unsafe_add(unsafe_mul(q, x) >> 96, 26449188498355588339934803723976023)
    r: int256 = unsafe_div(p, q)
    scaled: uint256 = unsafe_mul(convert(convert(r, bytes32), uint256), 3822833074963236453042738258902158003155416615667)
    return convert(convert(scaled >> convert(unsafe_sub(195, k), uint256), bytes32), int256)


@pure
@internal
def lnWad(x_: int256) -> int256:
    if x_ <= 0:
        raw_revert(method_id("LnWadUndefined()"))
    ux: uint256 = convert(x_, uint256)
    bits: int256 = 0
    probe: uint256 = ux
    for i: uint256 in range(256):
        if probe == 0:
            break
        probe = probe >> 1
        bits += 1
    k: int256 = bits - 1 - 96
    ux = (ux << convert(159 - k, uint256)) >> 159
    x: int256 = convert(ux, int256)
    p: int256 = unsafe_add(x, 3273285459638523848632254066296)
    p = unsafe_add(unsafe_mul(p, x) >> 96, 24828157081833163892658089445524)
    p = unsafe_add(unsafe_mul(p, x) >> 96, 43456485725739037958740375743393)
    p = unsafe_sub(unsafe_mul(p, x) >> 96, 11111509109440967052023855526967)
    p = unsafe_sub(unsafe_mul(p, x) >> 96, 45023709667254063763336534515857)
    p = unsafe_sub(unsafe_mul(p, x) >> 96, 14706773417378608786704636184526)
    p = unsafe_sub(unsafe_mul(p, x), 795164235651350426258249787498 << 96)
    q: int256 = unsafe_add(x, 5573035233440673466300451813936)
    q = unsafe_add(unsafe_mul(q, x) >> 96, 71694874799317883764090561454958)
    q = unsafe_add(unsafe_mul(q, x) >> 96, 283447036172924575727196451306956)
    q = unsafe_add(unsafe_mul(q, x) >> 96, 401686690394027663651624208769553)
    q = unsafe_add(unsafe_mul(q, x) >> 96, 204048457590392012362485061816622)
    q = unsafe_add(unsafe_mul(q, x) >> 96, 31853899698501571402653359427138)
    q = unsafe_add(unsafe_mul(q, x) >> 96, 909429971244387300277376558375)
    r: int256 = unsafe_div(p, q)
    r = unsafe_mul(r, 1677202110996718588342820967067443963516166)
    r = unsafe_add(r, unsafe_mul(16597577552685614221487285958193947469193820559219878177908093499208371, k))
    r = unsafe_add(r, 600920179829731861736702779321621459595472258049074101567377883020018308)
    return r >> 174
