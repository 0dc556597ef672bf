// Decimal and hex text for `UInt256` and `Int256`.

extension UInt256: CustomStringConvertible {
    /// The value in decimal, without separators or leading zeros (`0` for zero).
    public var description: String {
        // 2²⁵⁶ < 10⁷⁸: at most five base-10¹⁹ chunks.
        var chunks: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        var rest = self
        var chunkCount = 0
        repeat {
            let (quotient, remainder) = rest.quotientAndRemainder(dividingByLimb: 10_000_000_000_000_000_000)
            switch chunkCount {
            case 0: chunks.0 = remainder
            case 1: chunks.1 = remainder
            case 2: chunks.2 = remainder
            case 3: chunks.3 = remainder
            default: chunks.4 = remainder
            }
            chunkCount += 1
            rest = quotient
        } while !rest.isZero
        return String(unsafeUninitializedCapacity: 19 * chunkCount) { buffer in
            var length = 0
            for index in stride(from: chunkCount - 1, through: 0, by: -1) {
                let chunk: UInt64
                switch index {
                case 0: chunk = chunks.0
                case 1: chunk = chunks.1
                case 2: chunk = chunks.2
                case 3: chunk = chunks.3
                default: chunk = chunks.4
                }
                // The most significant chunk without leading zeros, the others padded to 19 digits.
                let width = index == chunkCount - 1 ? Swift.max(1, UInt256.decimalDigitCount(chunk)) : 19
                var value = chunk
                for position in stride(from: length + width - 1, through: length, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
                length += width
            }
            return length
        }
    }

    /// The number of decimal digits of `value` (0 for 0).
    static func decimalDigitCount(_ value: UInt64) -> Int {
        var count = 0, rest = value
        while rest != 0 { count += 1; rest /= 10 }
        return count
    }

    /// `0x` followed by the minimal lowercase hex digits (`0x0` for zero), as `cast` prints quantities.
    public var hexString: String {
        let digits = Swift.max(1, (bitLength + 3) / 4)
        return String(unsafeUninitializedCapacity: digits + 2) { buffer in
            buffer[0] = UInt8(ascii: "0")
            buffer[1] = UInt8(ascii: "x")
            for index in 0..<digits {
                let nibbleIndex = digits - 1 - index
                let nibble = UInt8(truncatingIfNeeded: limb(nibbleIndex / 16) >> UInt64((nibbleIndex % 16) * 4)) & 0xF
                buffer[2 + index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return digits + 2
        }
    }
}

extension Int256: CustomStringConvertible {
    /// The value in decimal with a leading `-` when negative.
    public var description: String { isNegative ? "-" + magnitude.description : magnitude.description }

    /// `0x` + minimal lowercase hex digits of the magnitude, with a leading `-` when negative
    /// (`-0x1` for −1, `0x0` for zero).
    public var hexString: String { isNegative ? "-" + magnitude.hexString : magnitude.hexString }

    /// The absolute value as an unsigned number (2²⁵⁵ for ``min``).
    @inlinable
    public var magnitude: UInt256 { isNegative ? UInt256.zero &- bitPattern : bitPattern }
}
