/// Hexadecimal text ⇄ bytes, the way Ethereum tools write them (`0x` prefix, two digits a byte).
public enum Hex {
    /// Why a hex string was refused.
    public enum DecodingError: Error, Equatable, CustomStringConvertible {
        /// A character that is not a hex digit, at a 0-based offset in the text.
        case invalidCharacter(Character, offset: Int)
        /// An odd number of digits: bytes need two each.
        case oddLength(digits: Int)
        /// The text had no `0x` prefix where one is required.
        case missingPrefix
        /// The decoded length differs from the one required.
        case wrongLength(expected: Int, actual: Int)

        public var description: String {
            switch self {
            case let .invalidCharacter(character, offset):
                return "invalid hex character '\(character)' at offset \(offset)"
            case let .oddLength(digits):
                return "odd number of hex digits (\(digits)): each byte needs two"
            case .missingPrefix:
                return "hex data must start with 0x"
            case let .wrongLength(expected, actual):
                return "expected \(expected) bytes, got \(actual)"
            }
        }
    }

    @usableFromInline static let lowerDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Returns the lowercase hex text of `bytes`, with a `0x` prefix unless `prefix` is false.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes, prefix: Bool = true) -> String
    where Bytes.Element == UInt8 {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.underestimatedCount * 2 + 2)
        if prefix { utf8.append(UInt8(ascii: "0")); utf8.append(UInt8(ascii: "x")) }
        for byte in bytes {
            utf8.append(lowerDigits[Int(byte >> 4)])
            utf8.append(lowerDigits[Int(byte & 0x0f)])
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Returns the value (0–15) of one ASCII hex digit, or nil.
    @inlinable
    public static func digitValue(_ ascii: UInt8) -> UInt8? {
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return ascii &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return ascii &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return ascii &- UInt8(ascii: "A") &+ 10
        default: return nil
        }
    }

    /// Decodes hex text into bytes.
    ///
    /// - Parameters:
    ///   - text: digits in either case, optionally prefixed with `0x`/`0X`.
    ///   - requirePrefix: when true, text without `0x` is refused.
    /// - Returns: the bytes, two digits each.
    /// - Throws: ``DecodingError`` for a non-hex character, an odd digit count or a missing prefix.
    public static func decode(_ text: some StringProtocol, requirePrefix: Bool = false) throws(DecodingError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var start = 0
        if utf8.count >= 2, utf8[0] == UInt8(ascii: "0"), utf8[1] == UInt8(ascii: "x") || utf8[1] == UInt8(ascii: "X") {
            start = 2
        } else if requirePrefix {
            throw .missingPrefix
        }
        let digits = utf8.count - start
        var output = [UInt8]()
        output.reserveCapacity(digits / 2)
        var index = start
        while index < utf8.count {
            guard let high = digitValue(utf8[index]) else {
                throw .invalidCharacter(Self.character(in: text, utf8Offset: index), offset: index)
            }
            guard index + 1 < utf8.count else { throw .oddLength(digits: digits) }
            guard let low = digitValue(utf8[index + 1]) else {
                throw .invalidCharacter(Self.character(in: text, utf8Offset: index + 1), offset: index + 1)
            }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    /// Decodes hex text that must hold exactly `count` bytes.
    /// - Throws: ``DecodingError/wrongLength(expected:actual:)`` when the length differs, or any
    ///   error of ``decode(_:requirePrefix:)``.
    public static func decode(_ text: some StringProtocol, count: Int, requirePrefix: Bool = false) throws(DecodingError) -> [UInt8] {
        let bytes = try decode(text, requirePrefix: requirePrefix)
        guard bytes.count == count else { throw .wrongLength(expected: count, actual: bytes.count) }
        return bytes
    }

    /// The Unicode scalar of `text` that contains the UTF-8 byte at `utf8Offset`.
    private static func character(in text: some StringProtocol, utf8Offset: Int) -> Character {
        var consumed = 0
        for scalar in text.unicodeScalars {
            consumed += UTF8.width(scalar)
            if consumed > utf8Offset { return Character(scalar) }
        }
        return "\u{FFFD}"
    }
}
