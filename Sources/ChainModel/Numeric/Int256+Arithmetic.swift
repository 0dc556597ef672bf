// Signed arithmetic with Solidity/EVM semantics: `/` truncates toward zero (`sdiv`), `%` takes the
// dividend's sign (`smod`), `>>` is arithmetic (floor). Reporting, wrapping, trapping and throwing forms.

extension Int256 {
    /// Returns `self + rhs` wrapped to 256 bits and whether the exact sum is outside the int256 range.
    @inlinable
    public func addingReportingOverflow(_ rhs: Int256) -> (partialValue: Int256, overflow: Bool) {
        let result = Int256(bitPattern: bitPattern &+ rhs.bitPattern)
        return (result, isNegative == rhs.isNegative && result.isNegative != isNegative)
    }

    /// Returns `self - rhs` wrapped to 256 bits and whether the exact difference is outside the int256 range.
    @inlinable
    public func subtractingReportingOverflow(_ rhs: Int256) -> (partialValue: Int256, overflow: Bool) {
        let result = Int256(bitPattern: bitPattern &- rhs.bitPattern)
        return (result, isNegative != rhs.isNegative && result.isNegative != isNegative)
    }

    /// Returns `self · rhs` wrapped to 256 bits and whether the exact product is outside the int256 range.
    @inlinable
    public func multipliedReportingOverflow(by rhs: Int256) -> (partialValue: Int256, overflow: Bool) {
        let (high, low) = magnitude.multipliedFullWidth(by: rhs.magnitude)
        let negative = isNegative != rhs.isNegative && !low.isZero
        let limit = Int256.min.bitPattern  // 2²⁵⁵
        let overflow = !high.isZero || (negative ? low > limit : low >= limit)
        // The low 256 bits of a two's-complement product do not depend on the signs.
        return (Int256(bitPattern: bitPattern &* rhs.bitPattern), overflow)
    }

    /// Returns the quotient truncated toward zero and the remainder with the dividend's sign
    /// (Solidity `/` and `%`), wrapping `min / -1` to `min` (EVM `sdiv`) and reporting that overflow.
    /// Traps when `rhs` is zero.
    public func dividedReportingOverflow(by rhs: Int256) -> (partialValue: Int256, overflow: Bool) {
        let (quotient, _) = magnitude.quotientAndRemainder(dividingBy: rhs.magnitude)
        let negative = isNegative != rhs.isNegative
        let result = Int256(bitPattern: negative ? UInt256.zero &- quotient : quotient)
        return (result, !negative && quotient.w3 >> 63 != 0)
    }

    /// Returns the quotient (truncated toward zero) and the remainder (sign of the dividend).
    /// Traps when `divisor` is zero or for `min / -1`, like Swift's signed division.
    public func quotientAndRemainder(dividingBy divisor: Int256) -> (quotient: Int256, remainder: Int256) {
        precondition(!divisor.bitPattern.isZero, "Int256 division by zero")
        let (quotient, overflow) = dividedReportingOverflow(by: divisor)
        precondition(!overflow, "Int256 arithmetic overflow in /")
        let remainder = magnitude.quotientAndRemainder(dividingBy: divisor.magnitude).remainder
        return (quotient, Int256(bitPattern: isNegative ? UInt256.zero &- remainder : remainder))
    }

    /// Returns the sum; traps outside the int256 range.
    @inlinable
    public static func + (lhs: Int256, rhs: Int256) -> Int256 {
        let (result, overflow) = lhs.addingReportingOverflow(rhs)
        precondition(!overflow, "Int256 arithmetic overflow in +")
        return result
    }

    /// Returns the difference; traps outside the int256 range.
    @inlinable
    public static func - (lhs: Int256, rhs: Int256) -> Int256 {
        let (result, overflow) = lhs.subtractingReportingOverflow(rhs)
        precondition(!overflow, "Int256 arithmetic overflow in -")
        return result
    }

    /// Returns the product; traps outside the int256 range.
    @inlinable
    public static func * (lhs: Int256, rhs: Int256) -> Int256 {
        let (result, overflow) = lhs.multipliedReportingOverflow(by: rhs)
        precondition(!overflow, "Int256 arithmetic overflow in *")
        return result
    }

    /// Returns the quotient truncated toward zero (Solidity `/`); traps on zero and for `min / -1`.
    @inlinable
    public static func / (lhs: Int256, rhs: Int256) -> Int256 { lhs.quotientAndRemainder(dividingBy: rhs).quotient }

    /// Returns the remainder with the dividend's sign (Solidity `%`); traps when `rhs` is zero.
    public static func % (lhs: Int256, rhs: Int256) -> Int256 {
        precondition(!rhs.bitPattern.isZero, "Int256 division by zero")
        let remainder = lhs.magnitude.quotientAndRemainder(dividingBy: rhs.magnitude).remainder
        return Int256(bitPattern: lhs.isNegative ? UInt256.zero &- remainder : remainder)
    }

    /// Returns the sum wrapped to 256 bits (EVM `ADD`).
    @inlinable
    public static func &+ (lhs: Int256, rhs: Int256) -> Int256 { Int256(bitPattern: lhs.bitPattern &+ rhs.bitPattern) }

    /// Returns the difference wrapped to 256 bits (EVM `SUB`).
    @inlinable
    public static func &- (lhs: Int256, rhs: Int256) -> Int256 { Int256(bitPattern: lhs.bitPattern &- rhs.bitPattern) }

    /// Returns the product wrapped to 256 bits (EVM `MUL`).
    @inlinable
    public static func &* (lhs: Int256, rhs: Int256) -> Int256 { Int256(bitPattern: lhs.bitPattern &* rhs.bitPattern) }

    /// Returns the negation; traps for ``min``.
    @inlinable
    public static prefix func - (operand: Int256) -> Int256 { Int256.zero - operand }

    /// Adds in place; traps on overflow.
    @inlinable
    public static func += (lhs: inout Int256, rhs: Int256) { lhs = lhs + rhs }
    /// Subtracts in place; traps on overflow.
    @inlinable
    public static func -= (lhs: inout Int256, rhs: Int256) { lhs = lhs - rhs }
    /// Multiplies in place; traps on overflow.
    @inlinable
    public static func *= (lhs: inout Int256, rhs: Int256) { lhs = lhs * rhs }
    /// Divides in place (truncating); traps on zero and for `min / -1`.
    @inlinable
    public static func /= (lhs: inout Int256, rhs: Int256) { lhs = lhs / rhs }
    /// Replaces `lhs` with the remainder; traps on zero.
    @inlinable
    public static func %= (lhs: inout Int256, rhs: Int256) { lhs = lhs % rhs }
    /// Adds in place, wrapping.
    @inlinable
    public static func &+= (lhs: inout Int256, rhs: Int256) { lhs = lhs &+ rhs }
    /// Subtracts in place, wrapping.
    @inlinable
    public static func &-= (lhs: inout Int256, rhs: Int256) { lhs = lhs &- rhs }
    /// Multiplies in place, wrapping.
    @inlinable
    public static func &*= (lhs: inout Int256, rhs: Int256) { lhs = lhs &* rhs }

    /// Returns `lhs · 2^rhs` wrapped to 256 bits (Solidity `<<` on int256); 0 when `rhs` ≥ 256; a
    /// negative `rhs` shifts right instead.
    @inlinable
    public static func << (lhs: Int256, rhs: Int) -> Int256 {
        if rhs < 0 { return lhs >> (rhs <= -256 ? 256 : -rhs) }
        return Int256(bitPattern: lhs.bitPattern << rhs)
    }

    /// Returns `lhs / 2^rhs` rounded toward negative infinity (EVM `SAR`, Solidity `>>` on int256):
    /// −1 or 0 when `rhs` ≥ 256; a negative `rhs` shifts left instead.
    @inlinable
    public static func >> (lhs: Int256, rhs: Int) -> Int256 {
        if rhs < 0 { return lhs << (rhs <= -256 ? 256 : -rhs) }
        guard lhs.isNegative else { return Int256(bitPattern: lhs.bitPattern >> rhs) }
        return Int256(bitPattern: ~(~lhs.bitPattern >> rhs))
    }

    /// Shifts left in place (see ``<<(_:_:)``).
    @inlinable
    public static func <<= (lhs: inout Int256, rhs: Int) { lhs = lhs << rhs }
    /// Shifts right in place, arithmetically (see ``>>(_:_:)``).
    @inlinable
    public static func >>= (lhs: inout Int256, rhs: Int) { lhs = lhs >> rhs }

    /// Returns `self + other`.
    /// - Throws: ``ArithmeticError/overflow`` when the sum is outside the int256 range.
    @inlinable
    public func adding(_ other: Int256) throws(ArithmeticError) -> Int256 {
        let (result, overflow) = addingReportingOverflow(other)
        if overflow { throw .overflow }
        return result
    }

    /// Returns `self - other`.
    /// - Throws: ``ArithmeticError/overflow`` when the difference is outside the int256 range.
    @inlinable
    public func subtracting(_ other: Int256) throws(ArithmeticError) -> Int256 {
        let (result, overflow) = subtractingReportingOverflow(other)
        if overflow { throw .overflow }
        return result
    }

    /// Returns `self · other`.
    /// - Throws: ``ArithmeticError/overflow`` when the product is outside the int256 range.
    @inlinable
    public func multiplied(by other: Int256) throws(ArithmeticError) -> Int256 {
        let (result, overflow) = multipliedReportingOverflow(by: other)
        if overflow { throw .overflow }
        return result
    }

    /// Returns `self / divisor` truncated toward zero (Solidity `/`).
    /// - Throws: ``ArithmeticError/divisionByZero`` when `divisor` is zero;
    ///   ``ArithmeticError/overflow`` for `min / -1` (Solidity 0.8 reverts there).
    public func divided(by divisor: Int256) throws(ArithmeticError) -> Int256 {
        if divisor.bitPattern.isZero { throw .divisionByZero }
        let (result, overflow) = dividedReportingOverflow(by: divisor)
        if overflow { throw .overflow }
        return result
    }

    /// Returns `-self`.
    /// - Throws: ``ArithmeticError/overflow`` for ``min``.
    @inlinable
    public func negated() throws(ArithmeticError) -> Int256 { try Int256.zero.subtracting(self) }
}
