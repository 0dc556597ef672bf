// Parsing of decimal, 0x hex and exact scientific text with an optional wei/gwei/ether unit, shared
// by `UInt256` and `Int256`.
//
// Grammar (strict: no `_` separators, no `+` sign, no surrounding whitespace):
//   number   = ["-"] (hex | decimal)
//   hex      = ("0x" | "0X") hexdigit+
//   decimal  = digit+ ["." digit+] [("e" | "E") ["+" | "-"] digit+] [" "* unit]
//   unit     = "wei" | "gwei" | "ether"          (any letter case)
// A decimal value must be a whole number after applying the exponent and unit: `1.5e18`, `1.0e18`,
// `1.5 gwei` and `150e-2` are accepted; `1.5e0` and `1.55e1` are not.

extension UInt256 {
    /// Parses decimal (`123`), `0x` hex (`0xFF`, any letter case), exact scientific (`1.5e18`, `15E17`,
    /// `1e0`) and unit-suffixed (`1.5ether`, `2 gwei`, `7 wei`) text.
    /// - Throws: ``NumericParseError`` naming the text and the rule broken: empty text, an unexpected
    ///   character, missing digits, a non-integer value, a value above 2²⁵⁶ − 1, a minus sign, or an
    ///   unknown unit.
    public init(_ text: some StringProtocol) throws(NumericParseError) {
        let (negative, magnitude) = try NumericText.parse(text, signed: false)
        assert(!negative)
        self = magnitude
    }
}

extension Int256 {
    /// Parses the forms ``UInt256/init(_:)`` accepts, with an optional leading `-` (`-1.5e18`, `-0x10`).
    /// - Throws: ``NumericParseError`` naming the text and the rule broken; a value outside
    ///   −2²⁵⁵ … 2²⁵⁵ − 1 gives ``NumericParseError/outOfInt256Range(text:)``.
    public init(_ text: some StringProtocol) throws(NumericParseError) {
        let (negative, magnitude) = try NumericText.parse(text, signed: true)
        let limit = Int256.min.bitPattern  // 2²⁵⁵
        if negative {
            guard magnitude <= limit else { throw .outOfInt256Range(text: String(text)) }
            self.init(bitPattern: UInt256.zero &- magnitude)
        } else {
            guard magnitude < limit else { throw .outOfInt256Range(text: String(text)) }
            self.init(bitPattern: magnitude)
        }
    }
}

/// The shared number grammar.
enum NumericText {
    /// Splits `text` into a sign and a magnitude below 2²⁵⁶.
    static func parse(_ text: some StringProtocol, signed: Bool) throws(NumericParseError) -> (negative: Bool, magnitude: UInt256) {
        let result: Result<(Bool, UInt256), NumericParseError>
        if let fast = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0, signed: signed) }) {
            result = fast
        } else {
            result = Array(text.utf8).withUnsafeBufferPointer { parse(bytes: $0, signed: signed) }
        }
        switch result {
        case let .success(value): return value
        case let .failure(failure): throw failure.naming(String(text))
        }
    }

    /// Errors are raised with a placeholder text and byte offsets; this fills in the real text and
    /// converts the byte offset to a character offset.
    private static let placeholder = ""

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>, signed: Bool) -> Result<(Bool, UInt256), NumericParseError> {
        let count = bytes.count
        guard count > 0 else { return .failure(.empty) }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            guard signed else { return .failure(.negativeUnsigned(text: placeholder)) }
            negative = true
            index = 1
            guard index < count else { return .failure(.missingDigits(text: placeholder, after: "-")) }
        }

        // Hex.
        if bytes[index] == UInt8(ascii: "0"), index + 1 < count, bytes[index + 1] | 0x20 == UInt8(ascii: "x") {
            let prefix = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + 2)]), as: UTF8.self)
            index += 2
            guard index < count else { return .failure(.missingDigits(text: placeholder, after: prefix)) }
            var value = UInt256.zero
            var overflowed = false  // reported after the whole text is checked: syntax errors come first
            while index < count {
                guard let digit = Hex.digitValue(bytes[index]) else {
                    return .failure(.unexpectedCharacter(text: placeholder, offset: index))
                }
                if value.w3 >> 60 != 0 { overflowed = true }
                value = (value << 4) | UInt256(UInt64(digit))
                index += 1
            }
            return overflowed ? .failure(overflow(signed)) : .success((negative, value))
        }

        // Decimal mantissa: integer digits, optional fraction.
        let integerStart = index
        while index < count, isDigit(bytes[index]) { index += 1 }
        let integerDigits = integerStart..<index
        guard !integerDigits.isEmpty else { return .failure(.unexpectedCharacter(text: placeholder, offset: index)) }
        var fractionDigits = index..<index
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < count, isDigit(bytes[index]) { index += 1 }
            fractionDigits = fractionStart..<index
            if fractionDigits.isEmpty {
                return .failure(index < count ? .unexpectedCharacter(text: placeholder, offset: index)
                                              : .missingDigits(text: placeholder, after: "."))
            }
        }

        // Exponent. An `e` followed by a letter starts a unit (`1ether`), not an exponent.
        var exponent = 0
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e"),
           index + 1 == count || isDigit(bytes[index + 1]) || bytes[index + 1] == UInt8(ascii: "+")
            || bytes[index + 1] == UInt8(ascii: "-") {
            let markerStart = index
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            // Saturate at a bound the result cannot tell apart: with at most `count` mantissa digits,
            // an exponent above `count + 100` always overflows and one below −(count + 100) always
            // leaves a fraction (for a non-zero mantissa).
            let saturation = count + 100
            while index < count, isDigit(bytes[index]) {
                exponent = Swift.min(exponent * 10 + Int(bytes[index] - UInt8(ascii: "0")), saturation)
                index += 1
            }
            if index == exponentStart {
                if index < count { return .failure(.unexpectedCharacter(text: placeholder, offset: index)) }
                let marker = String(decoding: UnsafeBufferPointer(rebasing: bytes[markerStart..<index]), as: UTF8.self)
                return .failure(.missingDigits(text: placeholder, after: marker))
            }
            if exponentNegative { exponent = -exponent }
        }

        // Unit.
        var unitExponent = 0
        let numberEnd = index
        while index < count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        if index < count {
            let unitStart = index
            while index < count, isLetter(bytes[index]) { index += 1 }
            let unitBytes = UnsafeBufferPointer(rebasing: bytes[unitStart..<index])
            let unit = String(decoding: unitBytes, as: UTF8.self)
            switch unit.lowercased() {
            case "wei": unitExponent = 0
            case "gwei": unitExponent = 9
            case "ether": unitExponent = 18
            default:
                if unitBytes.isEmpty || index < count {
                    return .failure(.unexpectedCharacter(text: placeholder, offset: unitStart))
                }
                return .failure(.unknownUnit(text: placeholder, unit: unit))
            }
            if index < count { return .failure(.unexpectedCharacter(text: placeholder, offset: index)) }
        } else if index != numberEnd {
            return .failure(.unexpectedCharacter(text: placeholder, offset: numberEnd))
        }

        return value(bytes: bytes, integerDigits: integerDigits, fractionDigits: fractionDigits,
                     scale: exponent - fractionDigits.count + unitExponent, signed: signed)
            .map { (negative, $0) }
    }

    /// The whole number `digits · 10^scale`, where `digits` is the integer digits followed by the
    /// fraction digits.
    private static func value(bytes: UnsafeBufferPointer<UInt8>, integerDigits: Range<Int>, fractionDigits: Range<Int>,
                              scale: Int, signed: Bool) -> Result<UInt256, NumericParseError> {
        // Positions 0..<total index the concatenated digit string.
        let total = integerDigits.count + fractionDigits.count
        @inline(__always)
        func digit(_ position: Int) -> UInt8 {
            let offset = position < integerDigits.count ? integerDigits.lowerBound + position
                                                        : fractionDigits.lowerBound + position - integerDigits.count
            return bytes[offset] - UInt8(ascii: "0")
        }
        var first = 0
        while first < total, digit(first) == 0 { first += 1 }
        if first == total { return .success(.zero) }
        var end = total
        var scale = scale
        if scale < 0 {
            // Only trailing zeros may be divided away.
            var trailingZeros = 0
            while digit(end - 1 - trailingZeros) == 0 { trailingZeros += 1 }
            guard trailingZeros >= -scale else { return .failure(.notAnInteger(text: placeholder)) }
            end += scale
            scale = 0
        }
        // A number with d significant digits is at least 10^(d−1); 10^78 > 2²⁵⁶.
        guard end - first + scale <= 78 else { return .failure(overflow(signed)) }
        var value = UInt256.zero
        var position = first
        while position < end {
            let chunk = Swift.min(19, end - position)
            var accumulated: UInt64 = 0
            for offset in 0..<chunk { accumulated = accumulated * 10 + UInt64(digit(position + offset)) }
            let (next, overflowed) = value.multipliedAdding(UInt256.powersOf10[chunk].w0, accumulated)
            guard !overflowed else { return .failure(overflow(signed)) }
            value = next
            position += chunk
        }
        if scale > 0 {
            let (scaled, overflowed) = value.multipliedReportingOverflow(by: UInt256.powersOf10[scale])
            guard !overflowed else { return .failure(overflow(signed)) }
            value = scaled
        }
        return .success(value)
    }

    private static func overflow(_ signed: Bool) -> NumericParseError {
        signed ? .outOfInt256Range(text: placeholder) : .overflowsUInt256(text: placeholder)
    }
}

extension NumericParseError {
    /// This error with `text` filled in and byte offsets turned into character offsets.
    fileprivate func naming(_ text: String) -> NumericParseError {
        switch self {
        case .empty: return .empty
        case let .unexpectedCharacter(_, offset):
            let characters = String(decoding: text.utf8.prefix(offset), as: UTF8.self).count
            return .unexpectedCharacter(text: text, offset: characters)
        case let .missingDigits(_, after): return .missingDigits(text: text, after: after)
        case .notAnInteger: return .notAnInteger(text: text)
        case .overflowsUInt256: return .overflowsUInt256(text: text)
        case .outOfInt256Range: return .outOfInt256Range(text: text)
        case .negativeUnsigned: return .negativeUnsigned(text: text)
        case let .unknownUnit(_, unit): return .unknownUnit(text: text, unit: unit)
        }
    }
}

extension UInt256 {
    /// 10⁰ … 10⁷⁷ (10⁷⁸ exceeds 2²⁵⁶).
    static let powersOf10: [UInt256] = {
        var table = [UInt256.one]
        for _ in 1...77 { table.append(table[table.count - 1].multipliedAdding(10, 0).partialValue) }
        return table
    }()

    /// Returns 10ⁿ, or nil when `n` is negative or 10ⁿ exceeds 2²⁵⁶ − 1 (n > 77).
    public static func power(of10 n: Int) -> UInt256? {
        guard n >= 0, n < 78 else { return nil }
        return powersOf10[n]
    }
}
