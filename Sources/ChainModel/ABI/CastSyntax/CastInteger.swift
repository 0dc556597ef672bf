/// The few exact integer steps cast-syntax parsing and printing need: multiply-add by a small
/// factor with overflow detection, division by a small divisor, decimal digits, and
/// two's-complement negation. All work on the four limbs in place, without heap allocation.
enum CastInteger {
    /// Sets `value` to `value · factor + addend`.
    /// - Returns: false (leaving `value` unspecified) when the result does not fit in 256 bits.
    static func multiplyAdd(_ value: inout UInt256, _ factor: UInt64, _ addend: UInt64) -> Bool {
        var carry = addend
        func step(_ limb: inout UInt64) {
            let (high, low) = limb.multipliedFullWidth(by: factor)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            limb = sum
            carry = high &+ (overflow ? 1 : 0)
        }
        step(&value.w0); step(&value.w1); step(&value.w2); step(&value.w3)
        return carry == 0
    }

    /// Sets `value` to `value · 10^exponent`.
    /// - Returns: false when the result does not fit in 256 bits.
    static func scaleByPowerOfTen(_ value: inout UInt256, _ exponent: Int) -> Bool {
        var remaining = exponent
        while remaining > 0 {
            if value.isZero { return true }
            let step = min(remaining, 19)
            var factor: UInt64 = 1
            for _ in 0..<step { factor &*= 10 }
            guard multiplyAdd(&value, factor, 0) else { return false }
            remaining -= step
        }
        return true
    }

    /// Divides `value` by `divisor` (not 0) in place.
    /// - Returns: the remainder.
    static func divide(_ value: inout UInt256, by divisor: UInt64) -> UInt64 {
        var remainder: UInt64 = 0
        func step(_ limb: inout UInt64) {
            let (quotient, rest) = divisor.dividingFullWidth((high: remainder, low: limb))
            limb = quotient
            remainder = rest
        }
        step(&value.w3); step(&value.w2); step(&value.w1); step(&value.w0)
        return remainder
    }

    /// The decimal digits of `value`, without sign or separators (`"0"` for zero).
    static func decimalString(_ value: UInt256) -> String {
        if value.isZero { return "0" }
        var rest = value
        var chunks: [UInt64] = []
        chunks.reserveCapacity(5)
        while !rest.isZero { chunks.append(divide(&rest, by: 10_000_000_000_000_000_000)) }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }

    /// The two's-complement negation of `value` modulo 2²⁵⁶.
    static func negate(_ value: UInt256) -> UInt256 {
        var result = UInt256(w0: ~value.w0, w1: ~value.w1, w2: ~value.w2, w3: ~value.w3)
        _ = multiplyAdd(&result, 1, 1)
        return result
    }

    /// The magnitude of a signed value and whether it is negative.
    static func magnitude(_ value: Int256) -> (negative: Bool, magnitude: UInt256) {
        value.isNegative ? (true, negate(value.bitPattern)) : (false, value.bitPattern)
    }

    /// 2^bits − 1 for 0 ≤ bits ≤ 256: the largest value of `uint<bits>`.
    static func maxUnsigned(bits: Int) -> UInt256 {
        func limb(_ index: Int) -> UInt64 {
            let available = bits - 64 * index
            if available >= 64 { return .max }
            if available <= 0 { return 0 }
            return (1 << UInt64(available)) - 1
        }
        return UInt256(w0: limb(0), w1: limb(1), w2: limb(2), w3: limb(3))
    }
}
