// Addition, subtraction and multiplication on four 64-bit limbs: reporting, wrapping, trapping and
// throwing forms. No heap allocation.

extension UInt256 {
    /// Limb `index` (0 = least significant).
    @inlinable
    func limb(_ index: Int) -> UInt64 {
        switch index {
        case 0: return w0
        case 1: return w1
        case 2: return w2
        default: return w3
        }
    }

    /// `a + b + carry` as (sum, carry out); `carry` must be 0 or 1.
    @inlinable
    static func addWithCarry(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
        let (partial, overflow1) = a.addingReportingOverflow(b)
        let (sum, overflow2) = partial.addingReportingOverflow(carry)
        return (sum, (overflow1 || overflow2) ? 1 : 0)
    }

    /// `a - b - borrow` as (difference, borrow out); `borrow` must be 0 or 1.
    @inlinable
    static func subtractWithBorrow(_ a: UInt64, _ b: UInt64, _ borrow: UInt64) -> (UInt64, UInt64) {
        let (partial, overflow1) = a.subtractingReportingOverflow(b)
        let (difference, overflow2) = partial.subtractingReportingOverflow(borrow)
        return (difference, (overflow1 || overflow2) ? 1 : 0)
    }

    /// Returns `self + rhs` modulo 2²⁵⁶ and whether the exact sum exceeded 2²⁵⁶ − 1.
    @inlinable
    public func addingReportingOverflow(_ rhs: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        let (r0, c0) = UInt256.addWithCarry(w0, rhs.w0, 0)
        let (r1, c1) = UInt256.addWithCarry(w1, rhs.w1, c0)
        let (r2, c2) = UInt256.addWithCarry(w2, rhs.w2, c1)
        let (r3, c3) = UInt256.addWithCarry(w3, rhs.w3, c2)
        return (UInt256(w0: r0, w1: r1, w2: r2, w3: r3), c3 != 0)
    }

    /// Returns `self - rhs` modulo 2²⁵⁶ and whether the exact difference is negative.
    @inlinable
    public func subtractingReportingOverflow(_ rhs: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        let (r0, b0) = UInt256.subtractWithBorrow(w0, rhs.w0, 0)
        let (r1, b1) = UInt256.subtractWithBorrow(w1, rhs.w1, b0)
        let (r2, b2) = UInt256.subtractWithBorrow(w2, rhs.w2, b1)
        let (r3, b3) = UInt256.subtractWithBorrow(w3, rhs.w3, b2)
        return (UInt256(w0: r0, w1: r1, w2: r2, w3: r3), b3 != 0)
    }

    /// Returns the full 512-bit product `self · other` as two 256-bit halves.
    @inlinable
    public func multipliedFullWidth(by other: UInt256) -> (high: UInt256, low: UInt256) {
        var r0: UInt64 = 0, r1: UInt64 = 0, r2: UInt64 = 0, r3: UInt64 = 0
        var r4: UInt64 = 0, r5: UInt64 = 0, r6: UInt64 = 0, r7: UInt64 = 0
        // Row i adds self.limb(i) · other into r[i ..< i+5].
        @inline(__always)
        func row(_ a: UInt64, _ x0: inout UInt64, _ x1: inout UInt64, _ x2: inout UInt64,
                 _ x3: inout UInt64, _ x4: inout UInt64) {
            var carry: UInt64 = 0
            @inline(__always)
            func step(_ b: UInt64, _ x: inout UInt64) {
                let (high, low) = a.multipliedFullWidth(by: b)
                let (sum1, c1) = low.addingReportingOverflow(x)
                let (sum2, c2) = sum1.addingReportingOverflow(carry)
                x = sum2
                // high ≤ 2⁶⁴ − 2, so adding two carries cannot overflow.
                carry = high &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
            }
            step(other.w0, &x0); step(other.w1, &x1); step(other.w2, &x2); step(other.w3, &x3)
            x4 = carry
        }
        row(w0, &r0, &r1, &r2, &r3, &r4)
        row(w1, &r1, &r2, &r3, &r4, &r5)
        row(w2, &r2, &r3, &r4, &r5, &r6)
        row(w3, &r3, &r4, &r5, &r6, &r7)
        return (UInt256(w0: r4, w1: r5, w2: r6, w3: r7), UInt256(w0: r0, w1: r1, w2: r2, w3: r3))
    }

    /// Returns `self · other` modulo 2²⁵⁶ and whether the exact product exceeded 2²⁵⁶ − 1.
    @inlinable
    public func multipliedReportingOverflow(by other: UInt256) -> (partialValue: UInt256, overflow: Bool) {
        let (high, low) = multipliedFullWidth(by: other)
        return (low, !high.isZero)
    }

    /// Returns `self · factor + addend` modulo 2²⁵⁶ and whether the exact result exceeded 2²⁵⁶ − 1
    /// (the digit-accumulation step of parsing).
    @inlinable
    func multipliedAdding(_ factor: UInt64, _ addend: UInt64) -> (partialValue: UInt256, overflow: Bool) {
        var carry = addend
        @inline(__always)
        func step(_ limb: UInt64) -> UInt64 {
            let (high, low) = limb.multipliedFullWidth(by: factor)
            let (sum, c) = low.addingReportingOverflow(carry)
            carry = high &+ (c ? 1 : 0)
            return sum
        }
        let r0 = step(w0), r1 = step(w1), r2 = step(w2), r3 = step(w3)
        return (UInt256(w0: r0, w1: r1, w2: r2, w3: r3), carry != 0)
    }

    /// Returns the sum; traps when it exceeds 2²⁵⁶ − 1, like Swift's integer `+`.
    @inlinable
    public static func + (lhs: UInt256, rhs: UInt256) -> UInt256 {
        let (result, overflow) = lhs.addingReportingOverflow(rhs)
        precondition(!overflow, "UInt256 arithmetic overflow in +")
        return result
    }

    /// Returns the difference; traps when it is negative, like Swift's integer `-`.
    @inlinable
    public static func - (lhs: UInt256, rhs: UInt256) -> UInt256 {
        let (result, overflow) = lhs.subtractingReportingOverflow(rhs)
        precondition(!overflow, "UInt256 arithmetic overflow in -")
        return result
    }

    /// Returns the product; traps when it exceeds 2²⁵⁶ − 1, like Swift's integer `*`.
    @inlinable
    public static func * (lhs: UInt256, rhs: UInt256) -> UInt256 {
        let (result, overflow) = lhs.multipliedReportingOverflow(by: rhs)
        precondition(!overflow, "UInt256 arithmetic overflow in *")
        return result
    }

    /// Returns the sum modulo 2²⁵⁶ (EVM `ADD`).
    @inlinable
    public static func &+ (lhs: UInt256, rhs: UInt256) -> UInt256 { lhs.addingReportingOverflow(rhs).partialValue }

    /// Returns the difference modulo 2²⁵⁶ (EVM `SUB`).
    @inlinable
    public static func &- (lhs: UInt256, rhs: UInt256) -> UInt256 { lhs.subtractingReportingOverflow(rhs).partialValue }

    /// Returns the product modulo 2²⁵⁶ (EVM `MUL`).
    @inlinable
    public static func &* (lhs: UInt256, rhs: UInt256) -> UInt256 {
        // Only the partial products that land in the low four limbs are needed.
        var r0: UInt64 = 0, r1: UInt64 = 0, r2: UInt64 = 0, r3: UInt64 = 0
        @inline(__always)
        func mac(_ a: UInt64, _ b: UInt64, _ x: inout UInt64, _ carry: inout UInt64) {
            let (high, low) = a.multipliedFullWidth(by: b)
            let (sum1, c1) = low.addingReportingOverflow(x)
            let (sum2, c2) = sum1.addingReportingOverflow(carry)
            x = sum2
            carry = high &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
        }
        var carry: UInt64 = 0
        mac(lhs.w0, rhs.w0, &r0, &carry); mac(lhs.w0, rhs.w1, &r1, &carry)
        mac(lhs.w0, rhs.w2, &r2, &carry); r3 = r3 &+ lhs.w0 &* rhs.w3 &+ carry
        carry = 0
        mac(lhs.w1, rhs.w0, &r1, &carry); mac(lhs.w1, rhs.w1, &r2, &carry)
        r3 = r3 &+ lhs.w1 &* rhs.w2 &+ carry
        carry = 0
        mac(lhs.w2, rhs.w0, &r2, &carry)
        r3 = r3 &+ lhs.w2 &* rhs.w1 &+ carry
        r3 = r3 &+ lhs.w3 &* rhs.w0
        return UInt256(w0: r0, w1: r1, w2: r2, w3: r3)
    }

    /// Adds in place; traps on overflow.
    @inlinable
    public static func += (lhs: inout UInt256, rhs: UInt256) { lhs = lhs + rhs }
    /// Subtracts in place; traps when the result would be negative.
    @inlinable
    public static func -= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs - rhs }
    /// Multiplies in place; traps on overflow.
    @inlinable
    public static func *= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs * rhs }
    /// Adds in place modulo 2²⁵⁶.
    @inlinable
    public static func &+= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs &+ rhs }
    /// Subtracts in place modulo 2²⁵⁶.
    @inlinable
    public static func &-= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs &- rhs }
    /// Multiplies in place modulo 2²⁵⁶.
    @inlinable
    public static func &*= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs &* rhs }

    /// Returns `self + other`.
    /// - Throws: ``ArithmeticError/overflow`` when the sum exceeds 2²⁵⁶ − 1 (SafeMath `add` revert).
    @inlinable
    public func adding(_ other: UInt256) throws(ArithmeticError) -> UInt256 {
        let (result, overflow) = addingReportingOverflow(other)
        if overflow { throw .overflow }
        return result
    }

    /// Returns `self - other`.
    /// - Throws: ``ArithmeticError/overflow`` when `other > self` (SafeMath `sub` revert).
    @inlinable
    public func subtracting(_ other: UInt256) throws(ArithmeticError) -> UInt256 {
        let (result, overflow) = subtractingReportingOverflow(other)
        if overflow { throw .overflow }
        return result
    }

    /// Returns `self · other`.
    /// - Throws: ``ArithmeticError/overflow`` when the product exceeds 2²⁵⁶ − 1 (SafeMath `mul` revert).
    @inlinable
    public func multiplied(by other: UInt256) throws(ArithmeticError) -> UInt256 {
        let (result, overflow) = multipliedReportingOverflow(by: other)
        if overflow { throw .overflow }
        return result
    }
}
