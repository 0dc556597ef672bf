extension UInt256 {
    /// The value in decimal digits (for display; no allocation beyond the result).
    var abiDecimalString: String {
        if isZero { return "0" }
        var limbs = [w3, w2, w1, w0]
        var chunks: [UInt64] = []  // base 10^19, least significant first
        let base: UInt64 = 10_000_000_000_000_000_000
        while limbs.contains(where: { $0 != 0 }) {
            var remainder: UInt64 = 0
            for index in limbs.indices {
                let (quotient, rest) = base.dividingFullWidth((high: remainder, low: limbs[index]))
                limbs[index] = quotient
                remainder = rest
            }
            chunks.append(remainder)
        }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }

    /// The two's-complement negation (wrapping).
    var abiNegated: UInt256 {
        let (a, c0) = (~w0).addingReportingOverflow(1)
        let (b, c1) = (~w1).addingReportingOverflow(c0 ? 1 : 0)
        let (c, c2) = (~w2).addingReportingOverflow(c1 ? 1 : 0)
        let d = (~w3) &+ (c2 ? 1 : 0)
        return UInt256(w0: a, w1: b, w2: c, w3: d)
    }
}

extension Int256 {
    /// The value in decimal, with a leading `-` when negative.
    var abiDecimalString: String {
        isNegative ? "-" + bitPattern.abiNegated.abiDecimalString : bitPattern.abiDecimalString
    }
}

extension ABIValue {
    /// The value as `cast` would print it for `type`: integers in decimal (`fixed`/`ufixed` with the
    /// decimal point placed), addresses checksummed, byte strings in hex, strings quoted and escaped,
    /// arrays in `[…]`, tuples in `(…)`.
    public func formatted(as type: ABIType) -> String {
        switch (type, self) {
        case let (.ufixed(_, decimals), .uint(number)):
            return Self.placingPoint(number.abiDecimalString, decimals)
        case let (.fixed(_, decimals), .int(number)):
            let magnitude = number.isNegative ? number.bitPattern.abiNegated : number.bitPattern
            return (number.isNegative ? "-" : "") + Self.placingPoint(magnitude.abiDecimalString, decimals)
        case let (_, .uint(number)): return number.abiDecimalString
        case let (_, .int(number)): return number.abiDecimalString
        case let (_, .address(address)): return address.checksummed
        case let (_, .bool(flag)): return flag ? "true" : "false"
        case let (_, .fixedBytes(bytes)), let (_, .bytes(bytes)): return Hex.encode(bytes)
        case let (_, .string(text)): return String(reflecting: text)
        case let (.array(element), .array(items)), let (.fixedArray(element, _), .array(items)):
            return "[" + items.map { $0.formatted(as: element) }.joined(separator: ", ") + "]"
        case let (.tuple(types), .tuple(items)) where types.count == items.count:
            return "(" + zip(items, types).map { $0.formatted(as: $1) }.joined(separator: ", ") + ")"
        case let (_, .array(items)):
            return "[" + items.map { "\($0)" }.joined(separator: ", ") + "]"
        case let (_, .tuple(items)):
            return "(" + items.map { "\($0)" }.joined(separator: ", ") + ")"
        }
    }

    private static func placingPoint(_ digits: String, _ decimals: Int) -> String {
        let padded = digits.count <= decimals ? String(repeating: "0", count: decimals - digits.count + 1) + digits : digits
        let split = padded.index(padded.endIndex, offsetBy: -decimals)
        return padded[..<split] + "." + padded[split...]
    }
}
