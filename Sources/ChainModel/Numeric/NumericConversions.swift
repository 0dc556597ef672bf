// Conversions between the 256-bit types, Swift's integers and Double.

extension UInt256 {
    /// Creates the value equal to `source`, or returns nil when `source` is negative or above 2²⁵⁶ − 1.
    public init?<Source: BinaryInteger>(exactly source: Source) {
        guard source.signum() >= 0 else { return nil }
        var limbs: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var index = 0
        // `words` is the two's-complement representation, least significant word first.
        for word in source.words {
            let value = UInt64(word)
            switch index {
            case 0: limbs.0 = value
            case 1: limbs.1 = value
            case 2: limbs.2 = value
            case 3: limbs.3 = value
            default: if value != 0 { return nil }
            }
            index += 1
        }
        self.init(w0: limbs.0, w1: limbs.1, w2: limbs.2, w3: limbs.3)
    }

    /// Creates the value equal to `source`, or returns nil when `source` is negative.
    @inlinable
    public init?(exactly source: Int256) {
        guard !source.isNegative else { return nil }
        self = source.bitPattern
    }

    /// The value as a `UInt64`, or nil when it is above `UInt64.max`.
    @inlinable
    public var uint64: UInt64? { (w1 | w2 | w3) == 0 ? w0 : nil }

    /// The value as an `Int`, or nil when it is above `Int.max`.
    @inlinable
    public var int: Int? {
        guard (w1 | w2 | w3) == 0, w0 <= UInt64(Int.max) else { return nil }
        return Int(w0)
    }
}

extension Int256 {
    /// Creates the value equal to `source`, or returns nil when it is outside −2²⁵⁵ … 2²⁵⁵ − 1.
    public init?<Source: BinaryInteger>(exactly source: Source) {
        let negative = source.signum() < 0
        let fill: UInt64 = negative ? .max : 0
        var limbs: (UInt64, UInt64, UInt64, UInt64) = (fill, fill, fill, fill)
        var index = 0
        for word in source.words {
            let value = UInt64(word)
            switch index {
            case 0: limbs.0 = value
            case 1: limbs.1 = value
            case 2: limbs.2 = value
            case 3: limbs.3 = value
            default: if value != fill { return nil }
            }
            index += 1
        }
        // Limbs past the source's own words hold its sign extension; the top bit must agree with the sign.
        let result = Int256(bitPattern: UInt256(w0: limbs.0, w1: limbs.1, w2: limbs.2, w3: limbs.3))
        guard result.isNegative == negative else { return nil }
        self = result
    }

    /// Creates the value equal to `value`.
    /// - Throws: ``ArithmeticError/overflow`` when `value` is above 2²⁵⁵ − 1 (`int256.max`).
    @inlinable
    public init(_ value: UInt256) throws(ArithmeticError) {
        guard value.w3 >> 63 == 0 else { throw .overflow }
        self.init(bitPattern: value)
    }

    /// Reinterprets the 256 bits of `value` as two's complement (Solidity `int256(uint256)`).
    @inlinable
    public init(truncatingIfNeeded value: UInt256) { self.init(bitPattern: value) }

    /// The value as an `Int64`, or nil when it is outside `Int64`.
    @inlinable
    public var int64: Int64? {
        let fill: UInt64 = isNegative ? .max : 0
        guard bitPattern.w1 == fill, bitPattern.w2 == fill, bitPattern.w3 == fill,
              (bitPattern.w0 >> 63 == 1) == isNegative else { return nil }
        return Int64(bitPattern: bitPattern.w0)
    }

    /// The value as an `Int`, or nil when it is outside `Int`.
    @inlinable
    public var int: Int? { int64.map { Int($0) } }

    /// The value as a `UInt64`, or nil when it is negative or above `UInt64.max`.
    @inlinable
    public var uint64: UInt64? { isNegative ? nil : bitPattern.uint64 }
}

extension Double {
    /// The nearest `Double` to `value`, ties to even (the rounding of `Double(UInt64)` and Python's
    /// `float(int)`): exact up to 2⁵³, relative error ≤ 2⁻⁵³ above. For statistics only — never for
    /// on-chain math.
    public init(_ value: UInt256) {
        let bits = value.bitLength
        guard bits > 64 else { self.init(value.w0); return }
        // The top 64 bits, with every lower bit folded into a sticky bit 0: 64 − 53 = 11 guard
        // bits keep round-to-nearest-even exact when UInt64 → Double rounds once.
        let shift = bits - 64
        let top = (value >> shift).w0
        let dropped = value & ((UInt256.one << shift) &- .one)
        let sticky: UInt64 = dropped.isZero ? 0 : 1
        self.init(sign: .plus, exponent: shift, significand: Double(top | sticky))
    }

    /// The nearest `Double` to `value`, ties to even (see `Double.init(_: UInt256)`). For
    /// statistics only.
    public init(_ value: Int256) {
        let magnitude = Double(value.magnitude)
        self = value.isNegative ? -magnitude : magnitude
    }
}
