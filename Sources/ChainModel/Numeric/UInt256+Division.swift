// Division: short division by one limb, Knuth's algorithm D (TAOCP vol. 2, §4.3.1) for longer
// divisors, the 512-by-256-bit `dividingFullWidth`, and `mulDiv`. Scratch limbs live in
// `withUnsafeTemporaryAllocation` buffers (stack), so nothing here touches the heap.

extension UInt256 {
    /// Writes the four limbs of `self` to `buffer[offset ..< offset + 4]`.
    @inlinable
    func storeLimbs(to buffer: UnsafeMutablePointer<UInt64>, at offset: Int) {
        buffer[offset] = w0; buffer[offset + 1] = w1; buffer[offset + 2] = w2; buffer[offset + 3] = w3
    }

    /// Reads four limbs from `buffer[offset ..< offset + 4]`.
    @inlinable
    init(limbs buffer: UnsafePointer<UInt64>, at offset: Int) {
        self.init(w0: buffer[offset], w1: buffer[offset + 1], w2: buffer[offset + 2], w3: buffer[offset + 3])
    }

    /// The number of significant limbs (0 for 0).
    @inlinable
    var limbCount: Int {
        if w3 != 0 { return 4 }
        if w2 != 0 { return 3 }
        if w1 != 0 { return 2 }
        return w0 != 0 ? 1 : 0
    }

    /// Divides `self` by a non-zero single limb; returns the quotient and the remainder.
    @inlinable
    func quotientAndRemainder(dividingByLimb divisor: UInt64) -> (quotient: UInt256, remainder: UInt64) {
        var remainder: UInt64 = 0
        @inline(__always)
        func step(_ limb: UInt64) -> UInt64 {
            let (q, r) = divisor.dividingFullWidth((remainder, limb))
            remainder = r
            return q
        }
        let q3 = step(w3), q2 = step(w2), q1 = step(w1), q0 = step(w0)
        return (UInt256(w0: q0, w1: q1, w2: q2, w3: q3), remainder)
    }

    /// Knuth's algorithm D. Divides the `m`-limb dividend `u` by the `n`-limb divisor `v`
    /// (2 ≤ n ≤ m, `v[n-1] != 0`), writing `m - n + 1` quotient limbs to `quotient` and `n` remainder
    /// limbs to `remainder`. `scratch` must hold `m + 1 + n` limbs.
    @usableFromInline
    static func divideLimbs(_ u: UnsafePointer<UInt64>, count m: Int, by v: UnsafePointer<UInt64>, count n: Int,
                            quotient: UnsafeMutablePointer<UInt64>, remainder: UnsafeMutablePointer<UInt64>,
                            scratch: UnsafeMutablePointer<UInt64>) {
        // D1: normalize so the divisor's top bit is set.
        let shift = UInt64(v[n - 1].leadingZeroBitCount)
        let un = scratch            // m + 1 limbs
        let vn = scratch + (m + 1)  // n limbs
        @inline(__always)
        func spill(_ limb: UInt64) -> UInt64 { shift == 0 ? 0 : limb >> (64 - shift) }
        for i in stride(from: n - 1, to: 0, by: -1) { vn[i] = (v[i] << shift) | spill(v[i - 1]) }
        vn[0] = v[0] << shift
        un[m] = spill(u[m - 1])
        for i in stride(from: m - 1, to: 0, by: -1) { un[i] = (u[i] << shift) | spill(u[i - 1]) }
        un[0] = u[0] << shift

        let top = vn[n - 1], next = vn[n - 2]
        for j in stride(from: m - n, through: 0, by: -1) {
            // D3: estimate the quotient limb from the top two limbs, then refine with the third.
            var qhat: UInt64, rhat: UInt64, rhatOverflow = false
            if un[j + n] >= top {
                qhat = .max
                (rhat, rhatOverflow) = un[j + n - 1].addingReportingOverflow(top)
            } else {
                (qhat, rhat) = top.dividingFullWidth((un[j + n], un[j + n - 1]))
            }
            while !rhatOverflow {
                let (high, low) = qhat.multipliedFullWidth(by: next)
                guard high > rhat || (high == rhat && low > un[j + n - 2]) else { break }
                qhat -= 1
                (rhat, rhatOverflow) = rhat.addingReportingOverflow(top)
            }
            // D4: subtract qhat · vn from un[j ... j+n].
            var carry: UInt64 = 0, borrow: UInt64 = 0
            for i in 0..<n {
                let (high, low) = qhat.multipliedFullWidth(by: vn[i])
                let (product, c) = low.addingReportingOverflow(carry)
                carry = high &+ (c ? 1 : 0)
                (un[i + j], borrow) = subtractWithBorrow(un[i + j], product, borrow)
            }
            let (topLimb, finalBorrow) = subtractWithBorrow(un[j + n], carry, borrow)
            un[j + n] = topLimb
            // D5/D6: the estimate was one too large (rare): add the divisor back.
            if finalBorrow != 0 {
                qhat -= 1
                var addCarry: UInt64 = 0
                for i in 0..<n { (un[i + j], addCarry) = addWithCarry(un[i + j], vn[i], addCarry) }
                un[j + n] &+= addCarry
            }
            quotient[j] = qhat
        }
        // D8: unnormalize the remainder.
        for i in 0..<(n - 1) {
            remainder[i] = (un[i] >> shift) | (shift == 0 ? 0 : un[i + 1] << (64 - shift))
        }
        remainder[n - 1] = un[n - 1] >> shift
    }

    /// Returns the quotient and remainder of `self / divisor` (quotient rounded toward zero).
    /// Traps when `divisor` is zero, like Swift's integer division.
    public func quotientAndRemainder(dividingBy divisor: UInt256) -> (quotient: UInt256, remainder: UInt256) {
        precondition(!divisor.isZero, "UInt256 division by zero")
        if self < divisor { return (.zero, self) }
        let n = divisor.limbCount
        if n == 1 {
            let (quotient, remainder) = quotientAndRemainder(dividingByLimb: divisor.w0)
            return (quotient, UInt256(remainder))
        }
        let m = limbCount
        // u: 4, v: 4, quotient: 4, remainder: 4, scratch: m + 1 + n ≤ 9 limbs.
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 25) { buffer in
            let base = buffer.baseAddress!
            base.initialize(repeating: 0, count: 25)
            let u = base, v = base + 4, q = base + 8, r = base + 12, scratch = base + 16
            storeLimbs(to: u, at: 0)
            divisor.storeLimbs(to: v, at: 0)
            UInt256.divideLimbs(u, count: m, by: v, count: n, quotient: q, remainder: r, scratch: scratch)
            return (UInt256(limbs: q, at: 0), UInt256(limbs: r, at: 0))
        }
    }

    /// Divides the 512-bit `dividend` by `self`, returning a quotient that must fit in 256 bits and the
    /// remainder. Traps when `self` is zero or `dividend.high >= self` (the quotient would not fit),
    /// like Swift's `dividingFullWidth`.
    public func dividingFullWidth(_ dividend: (high: UInt256, low: UInt256)) -> (quotient: UInt256, remainder: UInt256) {
        precondition(!isZero, "UInt256 division by zero")
        precondition(dividend.high < self, "UInt256 dividingFullWidth quotient overflow")
        if dividend.high.isZero { return dividend.low.quotientAndRemainder(dividingBy: self) }
        let n = limbCount
        let m = 4 + dividend.high.limbCount  // > n because 0 < high < self
        // u: 8, v: 4, quotient: 8, remainder: 4, scratch: m + 1 + n ≤ 13 limbs.
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 37) { buffer in
            let base = buffer.baseAddress!
            base.initialize(repeating: 0, count: 37)
            let u = base, v = base + 8, q = base + 12, r = base + 20, scratch = base + 24
            dividend.low.storeLimbs(to: u, at: 0)
            dividend.high.storeLimbs(to: u, at: 4)
            storeLimbs(to: v, at: 0)
            if n == 1 {
                // Short division over all eight limbs.
                var remainder: UInt64 = 0
                for i in stride(from: m - 1, through: 0, by: -1) {
                    (q[i], remainder) = w0.dividingFullWidth((remainder, u[i]))
                }
                r[0] = remainder
            } else {
                UInt256.divideLimbs(u, count: m, by: v, count: n, quotient: q, remainder: r, scratch: scratch)
            }
            return (UInt256(limbs: q, at: 0), UInt256(limbs: r, at: 0))
        }
    }

    /// Returns the quotient rounded toward zero; traps when `rhs` is zero.
    @inlinable
    public static func / (lhs: UInt256, rhs: UInt256) -> UInt256 { lhs.quotientAndRemainder(dividingBy: rhs).quotient }

    /// Returns the remainder of the division; traps when `rhs` is zero.
    @inlinable
    public static func % (lhs: UInt256, rhs: UInt256) -> UInt256 { lhs.quotientAndRemainder(dividingBy: rhs).remainder }

    /// Divides in place; traps when `rhs` is zero.
    @inlinable
    public static func /= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs / rhs }

    /// Replaces `lhs` with the remainder; traps when `rhs` is zero.
    @inlinable
    public static func %= (lhs: inout UInt256, rhs: UInt256) { lhs = lhs % rhs }

    /// Returns `self / divisor` rounded toward zero.
    /// - Throws: ``ArithmeticError/divisionByZero`` when `divisor` is zero (SafeMath `div` revert).
    @inlinable
    public func divided(by divisor: UInt256) throws(ArithmeticError) -> UInt256 {
        if divisor.isZero { throw .divisionByZero }
        return self / divisor
    }

    /// Returns `a · b / denominator` computed exactly through a 512-bit product, rounded per `rounding`
    /// (`.down` = floor, `.up` = ceiling), as in `PreciseUnitMath.preciseMul[Ceil]` / OpenZeppelin `mulDiv`.
    /// - Throws: ``ArithmeticError/divisionByZero`` when `denominator` is zero;
    ///   ``ArithmeticError/overflow`` when the rounded quotient exceeds 2²⁵⁶ − 1.
    public static func mulDiv(_ a: UInt256, _ b: UInt256, _ denominator: UInt256,
                              rounding: Rounding = .down) throws(ArithmeticError) -> UInt256 {
        if denominator.isZero { throw .divisionByZero }
        let product = a.multipliedFullWidth(by: b)
        if product.high >= denominator { throw .overflow }
        let (quotient, remainder) = denominator.dividingFullWidth(product)
        if rounding == .up && !remainder.isZero {
            let (rounded, overflow) = quotient.addingReportingOverflow(.one)
            if overflow { throw .overflow }
            return rounded
        }
        return quotient
    }
}
