import ChainModel

/// Set Protocol's `PreciseUnitMath` (index-protocol `contracts/lib/PreciseUnitMath.sol`) over
/// SafeMath: 18-decimal fixed point with the contract's rounding and reverts.
public enum PreciseUnitMath {
    /// 1e18, the precise unit.
    public static let preciseUnit = UInt256(1_000_000_000_000_000_000)

    /// `⌊a·b / 1e18⌋`; throws `.multiplicationOverflow` when `a·b` exceeds 256 bits.
    @inlinable
    public static func preciseMul(_ a: UInt256, _ b: UInt256) throws(SafeMathError) -> UInt256 {
        Word256.divMod(try SafeMath.mul(a, b), small: 1_000_000_000_000_000_000).quotient
    }

    /// 0 when `a` or `b` is 0, else `⌊(a·b − 1) / 1e18⌋ + 1` (rounds up); throws
    /// `.multiplicationOverflow` when `a·b` exceeds 256 bits.
    @inlinable
    public static func preciseMulCeil(_ a: UInt256, _ b: UInt256) throws(SafeMathError) -> UInt256 {
        if a.isZero || b.isZero { return .zero }
        let product = try SafeMath.mul(a, b)
        let floor = Word256.divMod(Word256.sub(product, .one).value, small: 1_000_000_000_000_000_000).quotient
        return try SafeMath.add(floor, .one)
    }

    /// `⌊a·1e18 / b⌋`; throws `.multiplicationOverflow` when `a·1e18` exceeds 256 bits and
    /// `.divisionByZero` when `b == 0`.
    @inlinable
    public static func preciseDiv(_ a: UInt256, _ b: UInt256) throws(SafeMathError) -> UInt256 {
        try SafeMath.div(try SafeMath.mul(a, preciseUnit), b)
    }

    /// `conservativePreciseDiv` for the non-negative values SetToken stores: `⌊a·1e18 / b⌋`
    /// (floor is toward zero here); throws like ``preciseDiv(_:_:)``.
    @inlinable
    public static func conservativePreciseDiv(_ a: UInt256, _ b: UInt256) throws(SafeMathError) -> UInt256 {
        try preciseDiv(a, b)
    }

    /// `a <= b + range && a >= b − range`. Throws `.subtractionOverflow` when `range > b`
    /// (the contract's `b.sub(range)` reverts, auction-module §2.9(1)) and `.additionOverflow`
    /// when `b + range` exceeds 256 bits. Both bounds are evaluated, as in Solidity, only when
    /// the first holds: `&&` short-circuits.
    @inlinable
    public static func approximatelyEquals(_ a: UInt256, _ b: UInt256, _ range: UInt256) throws(SafeMathError) -> Bool {
        guard a <= (try SafeMath.add(b, range)) else { return false }
        return a >= (try SafeMath.sub(b, range))
    }
}
