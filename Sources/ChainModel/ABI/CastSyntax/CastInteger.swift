/// The exact integer steps cast-syntax parsing needs, on top of ``UInt256``'s arithmetic:
/// digit accumulation with overflow detection and the largest value of `uint<bits>`.
enum CastInteger {
    /// Sets `value` to `value · factor + addend`.
    /// - Returns: false (leaving `value` unspecified) when the result does not fit in 256 bits.
    static func multiplyAdd(_ value: inout UInt256, _ factor: UInt64, _ addend: UInt64) -> Bool {
        let (product, productOverflow) = value.multipliedReportingOverflow(by: UInt256(factor))
        let (sum, sumOverflow) = product.addingReportingOverflow(UInt256(addend))
        value = sum
        return !productOverflow && !sumOverflow
    }

    /// Sets `value` to `value · 10^exponent`.
    /// - Returns: false when the result does not fit in 256 bits.
    static func scaleByPowerOfTen(_ value: inout UInt256, _ exponent: Int) -> Bool {
        if value.isZero || exponent == 0 { return true }
        guard let factor = UInt256.power(of10: exponent) else { return false }
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        value = product
        return !overflow
    }

    /// 2^bits − 1 for 0 ≤ bits ≤ 256: the largest value of `uint<bits>`.
    static func maxUnsigned(bits: Int) -> UInt256 {
        bits >= 256 ? .max : (UInt256.one << bits) &- .one
    }
}
