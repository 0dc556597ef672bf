// Bitwise operators, shifts and bit counts.

extension UInt256 {
    /// Returns the bitwise AND.
    @inlinable
    public static func & (lhs: UInt256, rhs: UInt256) -> UInt256 {
        UInt256(w0: lhs.w0 & rhs.w0, w1: lhs.w1 & rhs.w1, w2: lhs.w2 & rhs.w2, w3: lhs.w3 & rhs.w3)
    }

    /// Returns the bitwise OR.
    @inlinable
    public static func | (lhs: UInt256, rhs: UInt256) -> UInt256 {
        UInt256(w0: lhs.w0 | rhs.w0, w1: lhs.w1 | rhs.w1, w2: lhs.w2 | rhs.w2, w3: lhs.w3 | rhs.w3)
    }

    /// Returns the bitwise exclusive OR.
    @inlinable
    public static func ^ (lhs: UInt256, rhs: UInt256) -> UInt256 {
        UInt256(w0: lhs.w0 ^ rhs.w0, w1: lhs.w1 ^ rhs.w1, w2: lhs.w2 ^ rhs.w2, w3: lhs.w3 ^ rhs.w3)
    }

    /// Returns the bitwise complement (2²⁵⁶ − 1 − value).
    @inlinable
    public static prefix func ~ (value: UInt256) -> UInt256 {
        UInt256(w0: ~value.w0, w1: ~value.w1, w2: ~value.w2, w3: ~value.w3)
    }

    /// ANDs in place.
    @inlinable
    public static func &= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs & rhs }
    /// ORs in place.
    @inlinable
    public static func |= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs | rhs }
    /// Exclusive-ORs in place.
    @inlinable
    public static func ^= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs ^ rhs }

    /// Shifts left by 0 ≤ `count` < 256 bits, dropping bits shifted past the top.
    @inlinable
    func shiftedLeft(by count: Int) -> UInt256 {
        let limbs = count >> 6, bits = UInt64(count & 63)
        @inline(__always)
        func source(_ index: Int) -> UInt64 {
            let from = index - limbs
            guard from >= 0 else { return 0 }
            let low = from >= 1 && bits != 0 ? limb(from - 1) >> (64 - bits) : 0
            return (limb(from) << bits) | low
        }
        return UInt256(w0: source(0), w1: source(1), w2: source(2), w3: source(3))
    }

    /// Shifts right by 0 ≤ `count` < 256 bits, filling with zeros.
    @inlinable
    func shiftedRight(by count: Int) -> UInt256 {
        let limbs = count >> 6, bits = UInt64(count & 63)
        @inline(__always)
        func source(_ index: Int) -> UInt64 {
            let from = index + limbs
            guard from <= 3 else { return 0 }
            let high = from <= 2 && bits != 0 ? limb(from + 1) << (64 - bits) : 0
            return (limb(from) >> bits) | high
        }
        return UInt256(w0: source(0), w1: source(1), w2: source(2), w3: source(3))
    }

    /// Returns `lhs · 2^rhs` modulo 2²⁵⁶: 0 when `rhs` ≥ 256; a negative `rhs` shifts right instead
    /// (Swift's smart-shift rule).
    @inlinable
    public static func << (lhs: UInt256, rhs: Int) -> UInt256 {
        if rhs < 0 { return rhs <= -256 ? .zero : lhs.shiftedRight(by: -rhs) }
        return rhs >= 256 ? .zero : lhs.shiftedLeft(by: rhs)
    }

    /// Returns `lhs / 2^rhs` rounded down: 0 when `rhs` ≥ 256; a negative `rhs` shifts left instead.
    @inlinable
    public static func >> (lhs: UInt256, rhs: Int) -> UInt256 {
        if rhs < 0 { return rhs <= -256 ? .zero : lhs.shiftedLeft(by: -rhs) }
        return rhs >= 256 ? .zero : lhs.shiftedRight(by: rhs)
    }

    /// Shifts left in place (see ``<<(_:_:)``).
    @inlinable
    public static func <<= (lhs: inout UInt256, rhs: Int) { lhs = lhs << rhs }
    /// Shifts right in place (see ``>>(_:_:)``).
    @inlinable
    public static func >>= (lhs: inout UInt256, rhs: Int) { lhs = lhs >> rhs }

    /// The number of zero bits above the highest set bit (256 for 0).
    @inlinable
    public var leadingZeroBitCount: Int { 256 - bitLength }

    /// The number of zero bits below the lowest set bit (256 for 0).
    @inlinable
    public var trailingZeroBitCount: Int {
        if w0 != 0 { return w0.trailingZeroBitCount }
        if w1 != 0 { return 64 + w1.trailingZeroBitCount }
        if w2 != 0 { return 128 + w2.trailingZeroBitCount }
        if w3 != 0 { return 192 + w3.trailingZeroBitCount }
        return 256
    }

    /// The number of set bits.
    @inlinable
    public var nonzeroBitCount: Int {
        w0.nonzeroBitCount + w1.nonzeroBitCount + w2.nonzeroBitCount + w3.nonzeroBitCount
    }
}
