extension ABIValue {
    /// The value as `cast` would print it for `type`: integers in decimal (`fixed`/`ufixed` with the
    /// decimal point placed), addresses checksummed, byte strings in hex, strings quoted and escaped,
    /// arrays in `[…]`, tuples in `(…)`.
    public func formatted(as type: ABIType) -> String {
        switch (type, self) {
        case let (.ufixed(_, decimals), .uint(number)):
            return Self.placingPoint(number.description, decimals)
        case let (.fixed(_, decimals), .int(number)):
            return (number.isNegative ? "-" : "") + Self.placingPoint(number.magnitude.description, decimals)
        case let (_, .uint(number)): return number.description
        case let (_, .int(number)): return number.description
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
