/// Integer literals in cast's syntax: `literal[.fraction][e[±]exponent][ ][unit]` (see
/// ``CastSyntax`` for the rules), read into an exact magnitude.
extension CastValueParser {
    /// The largest exponent kept exactly; larger ones can only overflow (or scale zero).
    private static let exponentCap = 100_000

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isDecimalDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// The powers of ten the unit words stand for.
    private static func unitScale(_ word: ArraySlice<UInt8>) -> Int? {
        switch String(decoding: word, as: UTF8.self) {
        case "", "wei": return 0
        case "gwei", "nano", "nanoether": return 9
        case "ether": return 18
        default: return nil
        }
    }

    /// Reads an unsigned literal at the current position.
    /// - Returns: the magnitude; errors show the literal with its unit, from `start` (the sign).
    /// - Throws: a ``CastSyntaxError`` for malformed literals or magnitudes beyond 2²⁵⁶ − 1
    ///   (reported with the range of `type`).
    private mutating func parseMagnitude(type: ABIType, start: Int) throws(CastSyntaxError) -> UInt256 {
        // The literal's extent: letters, digits, '.', and a sign right after an exponent 'e'.
        var end = index
        while end < bytes.count {
            let byte = bytes[end]
            if Self.isLetter(byte) || Self.isDecimalDigit(byte) || byte == UInt8(ascii: ".") {
                end += 1
            } else if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")), end > index, bytes[end - 1] | 0x20 == UInt8(ascii: "e") {
                end += 1
            } else {
                break
            }
        }
        // A unit may follow after whitespace: `1 ether`.
        var unitStart = -1, unitEnd = -1
        var lookahead = end
        while lookahead < bytes.count, Self.isWhitespace(bytes[lookahead]) { lookahead += 1 }
        if lookahead > end, lookahead < bytes.count, Self.isLetter(bytes[lookahead]) {
            unitStart = lookahead
            unitEnd = lookahead
            while unitEnd < bytes.count, Self.isLetter(bytes[unitEnd]) { unitEnd += 1 }
        }
        let literalEnd = unitStart >= 0 ? unitEnd : end
        let literalText = text(from: start, to: literalEnd)
        let range = Self.rangeRule(type)
        func failure(_ rule: CastSyntaxError.Rule) -> CastSyntaxError {
            CastSyntaxError(path: path, type: type, text: literalText.isEmpty ? tokenText(from: start) : literalText, rule: rule)
        }

        var position = index
        // Integer part.
        var radix: UInt64 = 10
        if end - position >= 2, bytes[position] == UInt8(ascii: "0") {
            switch bytes[position + 1] | 0x20 {
            case UInt8(ascii: "x"): radix = 16
            case UInt8(ascii: "b"): radix = 2
            case UInt8(ascii: "o"): radix = 8
            default: break
            }
            if radix != 10 { position += 2 }
        }
        var magnitude = UInt256.zero
        let digitsStart = position
        while position < end {
            let byte = bytes[position]
            let digit: UInt8
            if radix == 10 {
                guard Self.isDecimalDigit(byte) else { break }
                digit = byte - UInt8(ascii: "0")
            } else {
                guard let value = Hex.digitValue(byte) else { break }
                guard UInt64(value) < radix else { throw failure(.invalidDigit(radix: Int(radix))) }
                digit = value
            }
            guard CastInteger.multiplyAdd(&magnitude, radix, UInt64(digit)) else { throw failure(range()) }
            position += 1
        }
        guard position > digitsStart else { throw failure(.malformedNumber) }

        // Fraction.
        var fractionStart = -1, fractionEnd = -1
        if position < end, bytes[position] == UInt8(ascii: ".") {
            position += 1
            fractionStart = position
            while position < end, Self.isDecimalDigit(bytes[position]) { position += 1 }
            fractionEnd = position
            guard fractionEnd > fractionStart else { throw failure(.malformedNumber) }
        }

        // Exponent: 'e' or 'E', an optional sign, at least one digit.
        var exponent = 0
        if position < end, bytes[position] | 0x20 == UInt8(ascii: "e") {
            var cursor = position + 1
            var negative = false
            if cursor < end, bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "+") {
                negative = bytes[cursor] == UInt8(ascii: "-")
                cursor += 1
            }
            if cursor < end, Self.isDecimalDigit(bytes[cursor]) {
                while cursor < end, Self.isDecimalDigit(bytes[cursor]) {
                    exponent = min(exponent * 10 + Int(bytes[cursor] - UInt8(ascii: "0")), Self.exponentCap)
                    cursor += 1
                }
                if negative { exponent = -exponent }
                position = cursor
            }
        }

        // Unit: letters glued to the literal, or the word after whitespace.
        var scale = exponent
        let gluedUnit = bytes[position..<end]
        guard gluedUnit.allSatisfy(Self.isLetter) else { throw failure(.malformedNumber) }
        if !gluedUnit.isEmpty && unitStart >= 0 { throw failure(.malformedNumber) }
        let unitWord = unitStart >= 0 ? bytes[unitStart..<unitEnd] : gluedUnit
        guard let unitScale = Self.unitScale(unitWord) else {
            throw failure(.unknownUnit(String(decoding: unitWord, as: UTF8.self)))
        }
        scale += unitScale
        index = literalEnd
        guard scale >= 0 else { throw failure(.negativeScale) }

        if fractionStart >= 0 {
            let fraction = bytes[fractionStart..<fractionEnd]
            let fractionIsZero = fraction.allSatisfy { $0 == UInt8(ascii: "0") }
            if scale == 0 && !fractionIsZero { throw failure(.fractionNotAllowed) }
            guard fraction.count <= scale else { throw failure(.tooManyDecimals(allowed: scale, actual: fraction.count)) }
            for byte in fraction {
                guard CastInteger.multiplyAdd(&magnitude, 10, UInt64(byte - UInt8(ascii: "0"))) else { throw failure(range()) }
            }
            scale -= fraction.count
        }
        guard CastInteger.scaleByPowerOfTen(&magnitude, scale) else { throw failure(range()) }
        return magnitude
    }

    /// The range rule of an integer type, computed only when an error needs it.
    private static func rangeRule(_ type: ABIType) -> () -> CastSyntaxError.Rule {
        {
            switch type {
            case let .int(bits): return signedRange(bits: bits)
            case let .uint(bits): return unsignedRange(bits: bits)
            default: return unsignedRange(bits: 256)
            }
        }
    }

    /// The range rule of `uint<bits>`.
    static func unsignedRange(bits: Int) -> CastSyntaxError.Rule {
        .outOfRange(minimum: "0", maximum: CastInteger.maxUnsigned(bits: bits).description)
    }

    /// The range rule of `int<bits>`.
    static func signedRange(bits: Int) -> CastSyntaxError.Rule {
        let maximum = CastInteger.maxUnsigned(bits: bits - 1).description
        var minimum = CastInteger.maxUnsigned(bits: bits - 1)
        _ = CastInteger.multiplyAdd(&minimum, 1, 1)
        return .outOfRange(minimum: "-" + minimum.description, maximum: maximum)
    }

    mutating func parseUnsigned(bits: Int, type: ABIType) throws(CastSyntaxError) -> UInt256 {
        let start = index
        if peek == UInt8(ascii: "-") {
            throw CastSyntaxError(path: path, type: type, text: tokenText(from: start), rule: .negativeUnsigned)
        }
        let magnitude = try parseMagnitude(type: type, start: start)
        guard magnitude <= CastInteger.maxUnsigned(bits: bits) else {
            throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index), rule: Self.unsignedRange(bits: bits))
        }
        return magnitude
    }

    mutating func parseSigned(bits: Int, type: ABIType) throws(CastSyntaxError) -> Int256 {
        let start = index
        var negative = false
        if let sign = peek, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            index += 1
        }
        let magnitude = try parseMagnitude(type: type, start: start)
        // |v| ≤ 2^(bits−1) − 1 when positive, ≤ 2^(bits−1) when negative.
        var limit = CastInteger.maxUnsigned(bits: bits - 1)
        if negative { _ = CastInteger.multiplyAdd(&limit, 1, 1) }
        guard magnitude <= limit else {
            throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index), rule: Self.signedRange(bits: bits))
        }
        return Int256(bitPattern: negative ? UInt256.zero &- magnitude : magnitude)
    }
}
