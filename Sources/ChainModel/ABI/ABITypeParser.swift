/// Recursive-descent parser shared by ``ABIType/init(parsing:)`` and the human-readable
/// signature parsers. It works on UTF-8 bytes and never allocates per character.
struct ABISignatureScanner {
    /// Nesting limit for tuples and array suffixes; equal to the decoder's depth limit so every
    /// parsed type can be decoded.
    static let maximumDepth = ABIDecoder.depthLimit

    let input: String
    let text: [UInt8]
    var index = 0

    init(_ input: String) {
        self.input = input
        self.text = Array(input.utf8)
    }

    var isAtEnd: Bool { index >= text.count }
    var peek: UInt8? { index < text.count ? text[index] : nil }

    func error(_ reason: String, at position: Int? = nil) -> ABIParseError {
        ABIParseError(input: input, position: position ?? index, reason: reason)
    }

    mutating func skipSpaces() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    /// Consumes `byte` (after optional spaces) and returns true, or returns false and consumes nothing.
    mutating func consume(_ byte: UInt8) -> Bool {
        skipSpaces()
        guard peek == byte else { return false }
        index += 1
        return true
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(ABIParseError) {
        guard consume(byte) else {
            throw error("expected \(what)" + (peek.map { ", found '\(Character(Unicode.Scalar($0)))'" } ?? ", found the end"))
        }
    }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x24
    }

    static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= 0x30 && byte <= 0x39)
    }

    /// Reads `[A-Za-z_$][A-Za-z0-9_$]*` after optional spaces, or returns nil without consuming.
    mutating func identifier() -> String? {
        skipSpaces()
        guard let first = peek, Self.isIdentifierStart(first) else { return nil }
        let start = index
        while let byte = peek, Self.isIdentifierPart(byte) { index += 1 }
        return String(decoding: text[start..<index], as: UTF8.self)
    }

    /// Peeks the identifier at the cursor without consuming it.
    mutating func peekIdentifier() -> String? {
        let saved = index
        defer { index = saved }
        return identifier()
    }

    // MARK: Types

    /// Parses one type. With `allowNames`, tuple components may carry names, `indexed` and data
    /// locations; the returned components hold them.
    mutating func parseType(allowNames: Bool, depth: Int) throws(ABIParseError) -> (ABIType, [ABIParameter]) {
        guard depth < Self.maximumDepth else {
            throw error("type nested deeper than \(Self.maximumDepth) levels")
        }
        skipSpaces()
        let start = index
        var type: ABIType
        var components: [ABIParameter] = []
        if peek == UInt8(ascii: "(") {
            components = try parseParameterList(allowNames: allowNames, allowIndexed: false, depth: depth + 1)
            type = .tuple(components.map(\.type))
        } else if let word = identifier() {
            if word == "tuple", consume(UInt8(ascii: "(")) {
                index -= 1
                components = try parseParameterList(allowNames: allowNames, allowIndexed: false, depth: depth + 1)
                type = .tuple(components.map(\.type))
            } else {
                type = try elementaryType(word, at: start)
            }
        } else {
            throw error(isAtEnd ? "expected a type, found the end" : "expected a type")
        }
        var dimensions = 0
        while true {
            let saved = index
            skipSpaces()
            guard peek == UInt8(ascii: "[") else { index = saved; break }
            let bracket = index
            index += 1
            dimensions += 1
            guard depth + dimensions < Self.maximumDepth else {
                throw error("type nested deeper than \(Self.maximumDepth) levels", at: bracket)
            }
            skipSpaces()
            if consume(UInt8(ascii: "]")) {
                type = .array(type)
                continue
            }
            let digitsStart = index
            while let byte = peek, byte >= 0x30 && byte <= 0x39 { index += 1 }
            guard index > digitsStart else { throw error("expected an array length or ']'") }
            let digits = text[digitsStart..<index]
            guard digits.count <= 9, let count = Int(String(decoding: digits, as: UTF8.self)) else {
                throw error("array length \(String(decoding: digits, as: UTF8.self)) is too large (at most 999999999)", at: digitsStart)
            }
            guard count > 0 else { throw error("fixed-size array length must be at least 1", at: digitsStart) }
            guard digits.first != UInt8(ascii: "0") else {
                throw error("array length must not have leading zeros", at: digitsStart)
            }
            try expect(UInt8(ascii: "]"), "']'")
            type = .fixedArray(type, count)
        }
        return (type, components)
    }

    /// Parses `(param, param, …)`: each a type, then (when allowed) `indexed`, a data location and a name.
    mutating func parseParameterList(allowNames: Bool, allowIndexed: Bool, depth: Int) throws(ABIParseError) -> [ABIParameter] {
        try expect(UInt8(ascii: "("), "'('")
        var parameters: [ABIParameter] = []
        if consume(UInt8(ascii: ")")) { return parameters }
        while true {
            parameters.append(try parseParameter(allowNames: allowNames, allowIndexed: allowIndexed, depth: depth))
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: ")"), "',' or ')'")
            return parameters
        }
    }

    mutating func parseParameter(allowNames: Bool, allowIndexed: Bool, depth: Int) throws(ABIParseError) -> ABIParameter {
        let (type, components) = try parseType(allowNames: allowNames, depth: depth)
        var parameter = ABIParameter(type: type, components: components)
        guard allowNames else { return parameter }
        while true {
            let wordStart: Int = { var copy = self; copy.skipSpaces(); return copy.index }()
            guard let word = peekIdentifier() else { break }
            switch word {
            case "indexed":
                guard allowIndexed else { throw error("'indexed' is only allowed on event parameters", at: wordStart) }
                guard !parameter.indexed else { throw error("'indexed' given twice", at: wordStart) }
                _ = identifier()
                parameter.indexed = true
            case "memory", "calldata", "storage":
                _ = identifier()
            default:
                guard parameter.name.isEmpty else {
                    throw error("unexpected '\(word)' after parameter name '\(parameter.name)'", at: wordStart)
                }
                _ = identifier()
                parameter.name = word
            }
        }
        return parameter
    }

    func elementaryType(_ word: String, at start: Int) throws(ABIParseError) -> ABIType {
        func bits(_ digits: Substring, _ type: String) throws(ABIParseError) -> Int {
            guard let value = Self.canonicalNumber(digits), value >= 8, value <= 256, value % 8 == 0 else {
                throw error("\(word): the bit size of \(type) must be a multiple of 8 in 8...256", at: start)
            }
            return value
        }
        switch word {
        case "address": return .address
        case "bool": return .bool
        case "string": return .string
        case "bytes": return .bytes
        case "function": return .function
        case "uint": return .uint(256)
        case "int": return .int(256)
        case "fixed": return .fixed(bits: 128, decimals: 18)
        case "ufixed": return .ufixed(bits: 128, decimals: 18)
        case "byte": throw error("'byte' is not accepted: write bytes1", at: start)
        default: break
        }
        if word.hasPrefix("uint") { return .uint(try bits(word.dropFirst(4), "uint")) }
        if word.hasPrefix("int") { return .int(try bits(word.dropFirst(3), "int")) }
        if word.hasPrefix("bytes") {
            guard let count = Self.canonicalNumber(word.dropFirst(5)), count >= 1, count <= 32 else {
                throw error("\(word): bytesN needs N in 1...32", at: start)
            }
            return .fixedBytes(count)
        }
        for (prefix, signed) in [("ufixed", false), ("fixed", true)] where word.hasPrefix(prefix) {
            let rest = word.dropFirst(prefix.count)
            let parts = rest.split(separator: "x", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw error("\(word): expected \(prefix)<M>x<N>", at: start) }
            let size = try bits(parts[0], prefix)
            guard let decimals = Self.canonicalNumber(parts[1]), decimals >= 1, decimals <= 80 else {
                throw error("\(word): the decimals N of \(prefix)<M>x<N> must be in 1...80", at: start)
            }
            return signed ? .fixed(bits: size, decimals: decimals) : .ufixed(bits: size, decimals: decimals)
        }
        throw error("unknown type '\(word)'", at: start)
    }

    /// A decimal number without sign or leading zeros, of at most 4 digits; nil otherwise.
    static func canonicalNumber(_ digits: Substring) -> Int? {
        guard !digits.isEmpty, digits.count <= 4, digits.first != "0",
              digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }
}

extension ABIType {
    /// Parses a type string: canonical names (`uint256`, `(uint256,string,bytes)[]`, `bytes32[2]`),
    /// `tuple(…)` for tuples, `uint`/`int` for 256 bits, `fixed`/`ufixed` for 128x18. Spaces between
    /// tokens are allowed; component names are not (use ``ABIParameter`` parsing for those).
    ///
    /// Throws ``ABIParseError`` for unknown or malformed types (`byte`, `uint7`, `bytes33`, `T[0]`,
    /// leading zeros, trailing text) and for nesting deeper than 32 levels.
    public init(parsing text: String) throws(ABIParseError) {
        var scanner = ABISignatureScanner(text)
        let (type, _) = try scanner.parseType(allowNames: false, depth: 0)
        scanner.skipSpaces()
        guard scanner.isAtEnd else { throw scanner.error("unexpected text after the type") }
        self = type
    }
}

extension ABIParameter {
    /// Parses one parameter as written in a human-readable signature: a type (tuples may name their
    /// components), then optionally `indexed`, a data location and a name: `(uint256 targetUnit, string name)[] params`.
    ///
    /// Throws ``ABIParseError`` when the text is not one well-formed parameter.
    public init(parsing text: String) throws(ABIParseError) {
        var scanner = ABISignatureScanner(text)
        let parameter = try scanner.parseParameter(allowNames: true, allowIndexed: true, depth: 0)
        scanner.skipSpaces()
        guard scanner.isAtEnd else { throw scanner.error("unexpected text after the parameter") }
        self = parameter
    }
}
