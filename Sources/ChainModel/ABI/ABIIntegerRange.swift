extension UInt256 {
    /// True when the value fits in an unsigned integer of `bits` bits (1...256).
    @inlinable
    func fitsUnsigned(bits: Int) -> Bool { bitLength <= bits }

    /// True when bits `bits-1` through 255 all equal bit 255, i.e. the pattern is a two's-complement
    /// value that fits in a signed integer of `bits` bits (1...256).
    @inlinable
    func fitsSigned(bits: Int) -> Bool {
        if bits >= 256 { return true }
        let first = bits - 1
        let negative = w3 >> 63 == 1
        func check(_ limb: UInt64, _ index: Int) -> Bool {
            let low = index * 64
            let mask: UInt64
            if low + 63 < first { return true }
            if low >= first { mask = .max } else { mask = .max << UInt64(first - low) }
            return limb & mask == (negative ? mask : 0)
        }
        return check(w0, 0) && check(w1, 1) && check(w2, 2) && check(w3, 3)
    }
}

extension ABIValue {
    /// The kind of value, for error messages: `uint`, `string`, `array of 3`, `tuple of 2`.
    var kindDescription: String {
        switch self {
        case .uint: return "uint"
        case .int: return "int"
        case .address: return "address"
        case .bool: return "bool"
        case let .fixedBytes(bytes): return "fixedBytes (\(bytes.count) bytes)"
        case .bytes: return "bytes"
        case .string: return "string"
        case let .array(items): return "array of \(items.count)"
        case let .tuple(items): return "tuple of \(items.count)"
        }
    }

    /// The elements of an array or tuple value; empty for other values.
    var items: [ABIValue] {
        switch self {
        case let .array(items), let .tuple(items): return items
        default: return []
        }
    }
}

/// `count` rounded up to a multiple of 32.
@inline(__always)
func paddedTo32(_ count: Int) -> Int { (count + 31) & ~31 }
