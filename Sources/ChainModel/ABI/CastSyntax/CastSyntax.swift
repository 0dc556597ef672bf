/// Foundry `cast`'s text syntax for ABI values: what `cast calldata`/`cast abi-encode` accept as
/// arguments and what `cast decode-abi`/`cast decode-calldata` print.
///
/// Reading (``parse(_:as:)``) follows alloy's `DynSolType::coerce_str`, the parser cast uses;
/// the rules, by type:
///
/// - `bool`: exactly `true` or `false` (lowercase; `1`/`0` are refused).
/// - `uint<M>`: `literal[.fraction][e[±]exponent][ ][unit]`.
///   - literal: decimal digits, or `0x`, `0b`, `0o` (either case) followed by digits of base 16, 2, 8.
///   - unit: `wei` (10⁰), `gwei`/`nano`/`nanoether` (10⁹), `ether` (10¹⁸); a space before it is allowed.
///   - the exponent and the unit add up to the scale s, which must not be negative (`1e-3 ether`
///     is 10¹⁵ wei, `1e-3` is an error); the fraction may have at most s digits and is
///     exact (`1.5e18`, `0.1 gwei`), so `1.0` without a scale is refused, as in cast.
///   - no sign; the value must fit in M bits.
/// - `int<M>`: an optional `+` or `-`, then the `uint` syntax for the magnitude (hex is a
///   magnitude, not two's complement); the value must lie in −2^(M−1) … 2^(M−1)−1.
/// - `address`: 40 hex digits, optionally after `0x`. Unlike cast, mixed case must be the
///   EIP-55 checksum (all-lowercase or all-uppercase skips the check).
/// - `bytes<M>`: exactly M bytes of hex (2M digits), optionally after `0x`: no padding.
///   `function`: exactly 24 bytes the same way.
/// - `bytes`: an even number of hex digits, optionally after `0x`; empty bytes must be written `0x`.
/// - `string`: either quoted with `"` or `'` (everything up to the same quote, no escapes), or
///   unquoted. Unquoted at the top level it is the whole text with trailing whitespace removed;
///   inside an array or tuple it runs to the next `,` or closing bracket and is trimmed.
/// - `T[]`: `[` elements separated by `,` `]`, a trailing comma allowed; `T[k]` needs exactly k
///   elements.
/// - `(T1,…,Tn)`: `(` exactly n components separated by `,` `)`.
///
/// Whitespace (space, tab, line breaks) may surround every element, separator and bracket, and
/// any non-string value at the top level (a superset of cast, which refuses some of these).
/// An empty element (`[1,,2]`, `[,]`) is refused. `fixed<M>x<N>`/`ufixed<M>x<N>` have no literal
/// (cast has none either).
///
/// Printing (``format(_:style:)``) follows cast's `format_token`: see ``Style``.
public enum CastSyntax {
    /// Parses `text` as a value of `type` in cast's syntax (see ``CastSyntax``).
    ///
    /// - Returns: the value, with `bytes<M>` and `function` values as exactly M (24) bytes.
    /// - Throws: ``CastSyntaxError`` naming the position inside the value, the expected type, the
    ///   offending text and the broken rule. Parsing is linear in the text and never traps.
    public static func parse(_ text: String, as type: ABIType) throws(CastSyntaxError) -> ABIValue {
        var parser = CastValueParser(text)
        let value = try parser.parseValue(type, listEnd: nil)
        parser.skipWhitespace()
        guard parser.isAtEnd else {
            throw CastSyntaxError(path: "", type: type, text: parser.text(from: 0, to: parser.bytes.count), rule: .trailingText)
        }
        return value
    }
}

/// A recursive-descent reader over the UTF-8 bytes of one value text, directed by the type.
struct CastValueParser {
    /// One step from a value into an array element or a tuple component.
    enum Step {
        case element(Int)
        case component(Int)
    }

    let bytes: [UInt8]
    var index = 0
    /// The steps from the whole value to the one being read; rendered only for errors.
    var steps: [Step] = []

    /// ``steps`` as text: `[2].1` (empty at the top).
    var path: String {
        var text = ""
        for step in steps {
            switch step {
            case let .element(position): text += "[\(position)]"
            case let .component(position): text += ".\(position)"
            }
        }
        return text
    }

    init(_ text: String) { bytes = Array(text.utf8) }

    var isAtEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// The text of bytes `start..<end`, clamped to the input (invalid UTF-8 cuts become U+FFFD).
    func text(from start: Int, to end: Int) -> String {
        let lower = max(0, start), upper = min(end, bytes.count)
        guard lower < upper else { return "" }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        isWhitespace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
            || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
    }

    mutating func skipWhitespace() {
        while let byte = peek, Self.isWhitespace(byte) { index += 1 }
    }

    /// The character at `offset` for messages (the whole UTF-8 sequence when it is not ASCII).
    func character(at offset: Int) -> Character {
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return text(from: offset, to: end).first ?? "\u{FFFD}"
    }

    /// Consumes the run of bytes up to the next delimiter (whitespace, `,`, brackets).
    mutating func scanToken() -> (start: Int, end: Int) {
        let start = index
        while let byte = peek, !Self.isDelimiter(byte) { index += 1 }
        return (start, index)
    }

    /// The text from `start` to the next delimiter, for messages about empty or odd tokens.
    func tokenText(from start: Int) -> String {
        var end = start
        while end < bytes.count, !Self.isDelimiter(bytes[end]) { end += 1 }
        if end == start { end = min(bytes.count, start + 1) }
        return text(from: start, to: end)
    }

    mutating func parseValue(_ type: ABIType, listEnd: UInt8?) throws(CastSyntaxError) -> ABIValue {
        if case .string = type, listEnd == nil {
            // cast keeps leading whitespace of a top-level unquoted string.
        } else {
            skipWhitespace()
        }
        switch type {
        case .bool:
            return .bool(try parseBool())
        case let .uint(bits):
            return .uint(try parseUnsigned(bits: bits, type: type))
        case let .int(bits):
            return .int(try parseSigned(bits: bits, type: type))
        case .address:
            return .address(try parseAddress())
        case let .fixedBytes(count):
            return .fixedBytes(try parseHex(type: type, count: count))
        case .function:
            return .fixedBytes(try parseHex(type: type, count: 24))
        case .bytes:
            return .bytes(try parseHex(type: type, count: nil))
        case .string:
            return .string(try parseString(listEnd: listEnd))
        case let .array(element):
            return .array(try parseList(element, type: type))
        case let .fixedArray(element, count):
            let start = index
            let elements = try parseList(element, type: type)
            guard elements.count == count else {
                throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index),
                                      rule: .wrongElementCount(expected: count, actual: elements.count))
            }
            return .array(elements)
        case let .tuple(components):
            return .tuple(try parseTuple(components, type: type))
        case .fixed, .ufixed:
            throw CastSyntaxError(path: path, type: type, text: tokenText(from: index), rule: .unsupportedType)
        }
    }

    // MARK: Scalars

    mutating func parseBool() throws(CastSyntaxError) -> Bool {
        let (start, end) = scanToken()
        let word = bytes[start..<end]
        if word.elementsEqual("true".utf8) { return true }
        if word.elementsEqual("false".utf8) { return false }
        throw CastSyntaxError(path: path, type: .bool, text: tokenText(from: start), rule: .expectedBool)
    }

    mutating func parseAddress() throws(CastSyntaxError) -> Address {
        let (start, end) = scanToken()
        var digitsStart = start
        if end - start >= 2, bytes[start] == UInt8(ascii: "0"), bytes[start + 1] | 0x20 == UInt8(ascii: "x") {
            digitsStart += 2
        }
        let token = text(from: start, to: end)
        guard end - digitsStart == 40, bytes[digitsStart..<end].allSatisfy({ Hex.digitValue($0) != nil }) else {
            throw CastSyntaxError(path: path, type: .address, text: tokenText(from: start), rule: .malformedAddress)
        }
        do throws(Address.ParseError) {
            return try Address("0x" + text(from: digitsStart, to: end))
        } catch let .badChecksum(_, expected) {
            throw CastSyntaxError(path: path, type: .address, text: token, rule: .badChecksum(expected: expected))
        } catch {
            throw CastSyntaxError(path: path, type: .address, text: token, rule: .malformedAddress)
        }
    }

    /// Hex bytes, `0x` optional; `count` nil for `bytes`, else the exact byte count.
    mutating func parseHex(type: ABIType, count: Int?) throws(CastSyntaxError) -> [UInt8] {
        let (start, end) = scanToken()
        let hasPrefix = end - start >= 2 && bytes[start] == UInt8(ascii: "0") && bytes[start + 1] | 0x20 == UInt8(ascii: "x")
        if !hasPrefix && end == start {
            throw CastSyntaxError(path: path, type: type, text: tokenText(from: start), rule: .emptyHexWithoutPrefix)
        }
        let token = text(from: start, to: end)
        let decoded: [UInt8]
        do throws(Hex.DecodingError) {
            decoded = try Hex.decode(token)
        } catch {
            throw CastSyntaxError(path: path, type: type, text: token, rule: .malformedHex(error))
        }
        if let count, decoded.count != count {
            throw CastSyntaxError(path: path, type: type, text: token, rule: .wrongByteCount(expected: count, actual: decoded.count))
        }
        return decoded
    }

    mutating func parseString(listEnd: UInt8?) throws(CastSyntaxError) -> String {
        guard let first = peek else {
            if listEnd == nil { return "" }
            throw CastSyntaxError(path: path, type: .string, text: "", rule: .missingElement)
        }
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            let start = index
            guard let close = bytes[(index + 1)...].firstIndex(of: first) else {
                throw CastSyntaxError(path: path, type: .string, text: text(from: start, to: bytes.count),
                                      rule: .unterminatedString(quote: Character(Unicode.Scalar(first))))
            }
            index = close + 1
            return text(from: start + 1, to: close)
        }
        let start = index
        if let listEnd {
            while let byte = peek, byte != UInt8(ascii: ","), byte != listEnd { index += 1 }
            if index == start {
                throw CastSyntaxError(path: path, type: .string, text: tokenText(from: start), rule: .missingElement)
            }
        } else {
            index = bytes.count
        }
        var end = index
        while end > start, Self.isWhitespace(bytes[end - 1]) { end -= 1 }
        return text(from: start, to: end)
    }

    // MARK: Lists

    mutating func parseList(_ element: ABIType, type: ABIType) throws(CastSyntaxError) -> [ABIValue] {
        let start = index
        guard peek == UInt8(ascii: "[") else {
            throw CastSyntaxError(path: path, type: type, text: tokenText(from: start), rule: .missingOpening("["))
        }
        index += 1
        skipWhitespace()
        var elements: [ABIValue] = []
        if peek == UInt8(ascii: "]") {
            index += 1
            return elements
        }
        while true {
            skipWhitespace()
            if peek == UInt8(ascii: ",") || peek == UInt8(ascii: "]") {
                throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index + 1), rule: .missingElement)
            }
            if isAtEnd {
                throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index), rule: .missingClosing("]"))
            }
            steps.append(.element(elements.count))
            elements.append(try parseValue(element, listEnd: UInt8(ascii: "]")))
            steps.removeLast()
            skipWhitespace()
            guard let byte = peek else {
                throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index), rule: .missingClosing("]"))
            }
            index += 1
            if byte == UInt8(ascii: "]") { return elements }
            guard byte == UInt8(ascii: ",") else {
                throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index),
                                      rule: .expectedSeparator(found: character(at: index - 1), closing: "]"))
            }
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                index += 1
                return elements
            }
        }
    }

    mutating func parseTuple(_ components: [ABIType], type: ABIType) throws(CastSyntaxError) -> [ABIValue] {
        let start = index
        guard peek == UInt8(ascii: "(") else {
            throw CastSyntaxError(path: path, type: type, text: tokenText(from: start), rule: .missingOpening("("))
        }
        index += 1
        var values: [ABIValue] = []
        values.reserveCapacity(components.count)
        for (position, component) in components.enumerated() {
            skipWhitespace()
            if position > 0 {
                guard let byte = peek else {
                    throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index), rule: .missingClosing(")"))
                }
                if byte == UInt8(ascii: ")") {
                    throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index + 1),
                                          rule: .tooFewComponents(expected: components.count, actual: position))
                }
                guard byte == UInt8(ascii: ",") else {
                    throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index + 1),
                                          rule: .expectedSeparator(found: character(at: index), closing: ")"))
                }
                index += 1
                skipWhitespace()
            }
            if isAtEnd {
                throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index), rule: .missingClosing(")"))
            }
            if peek == UInt8(ascii: ")") {
                throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index + 1),
                                      rule: .tooFewComponents(expected: components.count, actual: position))
            }
            if peek == UInt8(ascii: ",") {
                throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index + 1), rule: .missingElement)
            }
            steps.append(.component(position))
            values.append(try parseValue(component, listEnd: UInt8(ascii: ")")))
            steps.removeLast()
        }
        skipWhitespace()
        guard let byte = peek else {
            throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index), rule: .missingClosing(")"))
        }
        if byte == UInt8(ascii: ",") && !components.isEmpty {
            throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index + 1),
                                  rule: .tooManyComponents(expected: components.count))
        }
        guard byte == UInt8(ascii: ")") else {
            if components.isEmpty {
                throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index + 1),
                                      rule: .tooManyComponents(expected: 0))
            }
            throw CastSyntaxError(path: path, type: type, text: text(from: start, to: index + 1),
                                  rule: .expectedSeparator(found: character(at: index), closing: ")"))
        }
        index += 1
        return values
    }
}
