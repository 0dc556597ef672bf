import ChainModel

/// A revert of solady v0.0.107 `FixedPointMathLib` (custom errors, selector in the doc).
public enum FixedPointMathError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `ExpOverflow()` (`0xa37bfec9`): `expWad` of x ≥ 135305999368893231589.
    case expOverflow
    /// `LnWadUndefined()` (`0x1615e638`): `lnWad` of x ≤ 0.
    case lnWadUndefined
    /// `MulWadFailed()` (`0xbac65e5b`): `mulWad` whose product exceeds 256 bits.
    case mulWadFailed

    /// The custom error's signature.
    public var description: String {
        switch self {
        case .expOverflow: return "ExpOverflow()"
        case .lnWadUndefined: return "LnWadUndefined()"
        case .mulWadFailed: return "MulWadFailed()"
        }
    }
}

/// solady v0.0.107 `FixedPointMathLib` (`expWad`, `lnWad`, `mulWad`) ported literally: int256
/// truncating division, arithmetic right shifts, wrapping `unchecked` arithmetic, and the
/// unsigned final product of `expWad` (auction-module §3.6). No allocation.
public enum FixedPointMathLib {
    /// 1e18.
    public static let wad = UInt256(1_000_000_000_000_000_000)

    /// `⌊x·y / 1e18⌋`; throws `.mulWadFailed` when `y != 0 && x > (2²⁵⁶ − 1) / y`.
    @inlinable
    public static func mulWad(_ x: UInt256, _ y: UInt256) throws(FixedPointMathError) -> UInt256 {
        let (product, overflow) = Word256.mul(x, y)
        if overflow { throw .mulWadFailed }
        return Word256.divMod(product, small: 1_000_000_000_000_000_000).quotient
    }

    @usableFromInline static let expLowerBound = Word256.parseSigned("-42139678854452767551")!
    @usableFromInline static let expUpperBound = Word256.parseSigned("135305999368893231589")!
    @usableFromInline static let fivePow18 = Int256(3_814_697_265_625)
    @usableFromInline static let ln2Q96 = Word256.parseSigned("54916777467707473351141471128")!
    @usableFromInline static let twoPow95 = Int256(bitPattern: Word256.shl(.one, 95))
    @usableFromInline static let expY1 = Word256.parseSigned("1346386616545796478920950773328")!
    @usableFromInline static let expY2 = Word256.parseSigned("57155421227552351082224309758442")!
    @usableFromInline static let expP1 = Word256.parseSigned("94201549194550492254356042504812")!
    @usableFromInline static let expP2 = Word256.parseSigned("28719021644029726153956944680412240")!
    @usableFromInline static let expP3 = Word256.sshl(Word256.parseSigned("4385272521454847904659076985693276")!, 96)
    @usableFromInline static let expQ0 = Word256.parseSigned("2855989394907223263936484059900")!
    @usableFromInline static let expQ = [
        "50020603652535783019961831881945", "-533845033583426703283633433725380",
        "3604857256930695427073651918091429", "-14423608567350463180887372962807573",
        "26449188498355588339934803723976023",
    ].map { Word256.parseSigned($0)! }
    @usableFromInline static let expScale = Word256.parse("3822833074963236453042738258902158003155416615667")!

    /// e^(x/1e18)·1e18 as solady v0.0.107 computes it: 0 for x ≤ −42139678854452767551; throws
    /// `.expOverflow` for x ≥ 135305999368893231589.
    @inlinable
    public static func expWad(_ input: Int256) throws(FixedPointMathError) -> Int256 {
        if input <= expLowerBound { return .zero }
        if input >= expUpperBound { throw .expOverflow }
        var x = Word256.sdiv(Word256.sshl(input, 78), fivePow18)
        let k = Word256.sar(Word256.sadd(Word256.sdiv(Word256.sshl(x, 96), ln2Q96), twoPow95), 96)
        x = Word256.ssub(x, Word256.smul(k, ln2Q96))
        var y = Word256.sadd(x, expY1)
        y = Word256.sadd(Word256.sar(Word256.smul(y, x), 96), expY2)
        var p = Word256.ssub(Word256.sadd(y, x), expP1)
        p = Word256.sadd(Word256.sar(Word256.smul(p, y), 96), expP2)
        p = Word256.sadd(Word256.smul(p, x), expP3)
        var q = Word256.ssub(x, expQ0)
        for c in expQ {
            q = Word256.sadd(Word256.sar(Word256.smul(q, x), 96), c)
        }
        let r = Word256.sdiv(p, q)
        // k ∈ [−61, 195]: the shift 195 − k is a small non-negative number read from the low limb.
        let shift = 195 - Int(Int64(bitPattern: k.bitPattern.w0))
        let product = Word256.mul(r.bitPattern, expScale).value
        return Int256(bitPattern: Word256.shr(product, shift))
    }

    @usableFromInline static let lnP = [
        "3273285459638523848632254066296", "24828157081833163892658089445524",
        "43456485725739037958740375743393", "-11111509109440967052023855526967",
        "-45023709667254063763336534515857", "-14706773417378608786704636184526",
    ].map { Word256.parseSigned($0)! }
    @usableFromInline static let lnP7 = Word256.sshl(Word256.parseSigned("795164235651350426258249787498")!, 96)
    @usableFromInline static let lnQ = [
        "5573035233440673466300451813936", "71694874799317883764090561454958",
        "283447036172924575727196451306956", "401686690394027663651624208769553",
        "204048457590392012362485061816622", "31853899698501571402653359427138",
        "909429971244387300277376558375",
    ].map { Word256.parseSigned($0)! }
    @usableFromInline static let lnScale = Word256.parseSigned("1677202110996718588342820967067443963516166")!
    @usableFromInline static let lnLn2 = Word256.parseSigned("16597577552685614221487285958193947469193820559219878177908093499208371")!
    @usableFromInline static let lnOffset = Word256.parseSigned("600920179829731861736702779321621459595472258049074101567377883020018308")!

    /// ln(x/1e18)·1e18 as solady v0.0.107 computes it; throws `.lnWadUndefined` for x ≤ 0.
    @inlinable
    public static func lnWad(_ input: Int256) throws(FixedPointMathError) -> Int256 {
        if input.isNegative || input.bitPattern.isZero { throw .lnWadUndefined }
        let k = input.bitPattern.bitLength - 1 - 96
        let reduced = Word256.shl(input.bitPattern, 159 - k)
        let x = Int256(bitPattern: Word256.shr(reduced, 159))
        var p = Word256.sadd(x, lnP[0])
        for c in lnP.dropFirst() {
            p = Word256.sadd(Word256.sar(Word256.smul(p, x), 96), c)
        }
        p = Word256.ssub(Word256.smul(p, x), lnP7)
        var q = Word256.sadd(x, lnQ[0])
        for c in lnQ.dropFirst() {
            q = Word256.sadd(Word256.sar(Word256.smul(q, x), 96), c)
        }
        var r = Word256.sdiv(p, q)
        r = Word256.smul(r, lnScale)
        r = Word256.sadd(r, Word256.smul(lnLn2, Int256(Int64(k))))
        r = Word256.sadd(r, lnOffset)
        return Word256.sar(r, 174)
    }
}
