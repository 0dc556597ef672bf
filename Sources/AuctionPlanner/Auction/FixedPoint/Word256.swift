import ChainModel

/// The EVM's 256-bit word operations that the auction math needs, on top of ChainModel's
/// `UInt256` arithmetic: overflow-reporting addition, subtraction and multiplication, unsigned and
/// signed (`sdiv`) division, shifts (`shl`, `shr`, `sar`) and decimal text. Stack only.
///
/// These are the exact opcode semantics the contracts were compiled to (two's complement on the
/// same words for the signed ones); the Solidity layers above (`SafeMath`, `PreciseUnitMath`,
/// solady's `FixedPointMathLib`) are written against them.
@usableFromInline
enum Word256 {
    // MARK: Unsigned (ChainModel's UInt256 arithmetic)

    /// `a + b` mod 2²⁵⁶ and whether it wrapped.
    @inlinable
    static func add(_ a: UInt256, _ b: UInt256) -> (value: UInt256, overflow: Bool) {
        let (value, overflow) = a.addingReportingOverflow(b)
        return (value, overflow)
    }

    /// `a − b` mod 2²⁵⁶ and whether it borrowed (b > a).
    @inlinable
    static func sub(_ a: UInt256, _ b: UInt256) -> (value: UInt256, overflow: Bool) {
        let (value, overflow) = a.subtractingReportingOverflow(b)
        return (value, overflow)
    }

    /// The low 256 bits of `a · b` and whether the full product needed more.
    @inlinable
    static func mul(_ a: UInt256, _ b: UInt256) -> (value: UInt256, overflow: Bool) {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return (value, overflow)
    }

    /// `⌊a / b⌋` and `a mod b`. `b` must not be 0 (callers model the EVM's or SafeMath's
    /// behaviour for 0 themselves).
    @inlinable
    static func divMod(_ a: UInt256, _ b: UInt256) -> (quotient: UInt256, remainder: UInt256) {
        precondition(!b.isZero, "Word256.divMod by zero")
        let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
        return (quotient, remainder)
    }

    /// Division by a single 64-bit limb (schoolbook, top limb first; `d > 0`).
    @inlinable
    static func divMod(_ a: UInt256, small d: UInt64) -> (quotient: UInt256, remainder: UInt256) {
        var r: UInt64 = 0
        let (q3, r3) = d.dividingFullWidth((r, a.w3)); r = r3
        let (q2, r2) = d.dividingFullWidth((r, a.w2)); r = r2
        let (q1, r1) = d.dividingFullWidth((r, a.w1)); r = r1
        let (q0, r0) = d.dividingFullWidth((r, a.w0))
        return (UInt256(w0: q0, w1: q1, w2: q2, w3: q3), UInt256(r0))
    }

    /// `a << n` mod 2²⁵⁶ (0 for n ≥ 256), as the EVM's `shl`.
    @inlinable
    static func shl(_ a: UInt256, _ n: Int) -> UInt256 { n <= 0 ? a : a << n }

    /// `a >> n` (logical; 0 for n ≥ 256), as the EVM's `shr`.
    @inlinable
    static func shr(_ a: UInt256, _ n: Int) -> UInt256 { n <= 0 ? a : a >> n }

    // MARK: Signed (two's complement on the same words, ChainModel's Int256)

    /// `−a` mod 2²⁵⁶.
    @inlinable
    static func negate(_ a: UInt256) -> UInt256 { UInt256.zero &- a }

    /// The magnitude of a signed word (2²⁵⁵ for −2²⁵⁵).
    @inlinable
    static func magnitude(_ a: Int256) -> UInt256 { a.magnitude }

    /// Wrapping signed addition (`unchecked { a + b }`).
    @inlinable
    static func sadd(_ a: Int256, _ b: Int256) -> Int256 { a &+ b }

    /// Wrapping signed subtraction.
    @inlinable
    static func ssub(_ a: Int256, _ b: Int256) -> Int256 { a &- b }

    /// Wrapping signed multiplication (the low 256 bits of the two's-complement product).
    @inlinable
    static func smul(_ a: Int256, _ b: Int256) -> Int256 { a &* b }

    /// `sdiv`: signed division truncating toward zero; 0 for a zero divisor; −2²⁵⁵ / −1 = −2²⁵⁵.
    @inlinable
    static func sdiv(_ a: Int256, _ b: Int256) -> Int256 {
        if b.bitPattern.isZero { return .zero }
        return a.dividedReportingOverflow(by: b).partialValue
    }

    /// `sar`: arithmetic right shift, rounding toward −∞.
    @inlinable
    static func sar(_ a: Int256, _ n: Int) -> Int256 { a >> n }

    /// `shl` on a signed word (wraps: the bit pattern is shifted).
    @inlinable
    static func sshl(_ a: Int256, _ n: Int) -> Int256 { Int256(bitPattern: shl(a.bitPattern, n)) }

    // MARK: Decimal text

    /// Parses text as ``UInt256/init(_:)`` does (decimal, `0x` hex, exact scientific); nil when it
    /// is not a valid value of 0…2²⁵⁶ − 1.
    static func parse<S: StringProtocol>(_ text: S) -> UInt256? { try? UInt256(text) }

    /// The value in decimal.
    static func decimal(_ a: UInt256) -> String { a.description }

    /// A signed value in decimal.
    static func decimal(_ a: Int256) -> String { a.description }

    /// Parses an optionally `-`-prefixed value into a signed word (nil outside int256).
    static func parseSigned(_ text: String) -> Int256? { try? Int256(text) }
}
