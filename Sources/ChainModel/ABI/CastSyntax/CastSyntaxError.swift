/// Why a cast-syntax value text was refused: where inside the value, the type expected there,
/// the offending text and the rule it broke. ``description`` is one line.
public struct CastSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The broken rule.
    public enum Rule: Equatable, Sendable {
        /// Not a number literal.
        case malformedNumber
        /// A digit that does not belong to the literal's base (2, 8, 10 or 16).
        case invalidDigit(radix: Int)
        /// A `-` sign on an unsigned type.
        case negativeUnsigned
        /// Outside the type's range; `minimum` and `maximum` are decimal.
        case outOfRange(minimum: String, maximum: String)
        /// A non-zero fraction with nothing (unit or exponent) to scale it to an integer.
        case fractionNotAllowed
        /// More fraction digits than the unit and exponent scale away.
        case tooManyDecimals(allowed: Int, actual: Int)
        /// The exponent and unit together scale by a negative power of ten.
        case negativeScale
        /// A unit word other than `wei`, `gwei`, `nano`, `nanoether`, `ether`.
        case unknownUnit(String)
        /// Not `true` or `false`.
        case expectedBool
        /// Not 40 hex digits (optionally after `0x`).
        case malformedAddress
        /// Mixed-case address whose case is not the EIP-55 checksum; `expected` is the right form.
        case badChecksum(expected: String)
        /// Not hex digits.
        case malformedHex(Hex.DecodingError)
        /// An empty hex value without the `0x` that empty bytes need.
        case emptyHexWithoutPrefix
        /// A fixed-size byte value (`bytesM`, `function`) of the wrong length.
        case wrongByteCount(expected: Int, actual: Int)
        /// A quoted string without its closing quote.
        case unterminatedString(quote: Character)
        /// An array or tuple that does not start with its opening bracket.
        case missingOpening(Character)
        /// An array or tuple whose closing bracket is missing.
        case missingClosing(Character)
        /// A character where `,` or the closing bracket was expected.
        case expectedSeparator(found: Character, closing: Character)
        /// A fixed-size array `T[k]` with another element count.
        case wrongElementCount(expected: Int, actual: Int)
        /// A tuple with fewer components than its type.
        case tooFewComponents(expected: Int, actual: Int)
        /// A tuple with more components than its type.
        case tooManyComponents(expected: Int)
        /// An element missing between separators, as in `[1,,2]` or `[,]`.
        case missingElement
        /// Text left over after a complete value.
        case trailingText
        /// A type the cast syntax has no literal for (`fixed<M>x<N>`, `ufixed<M>x<N>`).
        case unsupportedType

        /// The rule as a sentence fragment, following the offending text.
        public var explanation: String {
            switch self {
            case .malformedNumber:
                return "is not a number: expected decimal digits or 0x/0b/0o digits, optionally with a .fraction, an e-exponent (1.5e18) and a unit (wei, gwei, ether)"
            case let .invalidDigit(radix):
                return "has a digit that is not valid in base \(radix)"
            case .negativeUnsigned:
                return "is negative, but the type is unsigned"
            case let .outOfRange(minimum, maximum):
                return "is out of range (\(minimum) to \(maximum))"
            case .fractionNotAllowed:
                return "has a fraction but no unit or exponent that makes it a whole number"
            case let .tooManyDecimals(allowed, actual):
                return "has \(actual) decimals, but its unit and exponent allow at most \(allowed)"
            case .negativeScale:
                return "scales by a negative power of ten: the value must be a whole number"
            case let .unknownUnit(unit):
                return "has unknown unit '\(unit)' (known: wei, gwei, nano, nanoether, ether)"
            case .expectedBool:
                return "is not a bool: write true or false"
            case .malformedAddress:
                return "is not an address: expected 40 hex digits, optionally after 0x"
            case let .badChecksum(expected):
                return "has a wrong EIP-55 checksum: mixed case must be \(expected), or write it all lowercase"
            case let .malformedHex(error):
                return "is not hex: \(error)"
            case .emptyHexWithoutPrefix:
                return "is empty: write 0x for empty bytes"
            case let .wrongByteCount(expected, actual):
                return "has \(actual) bytes, but the type needs exactly \(expected) (\(expected * 2) hex digits)"
            case let .unterminatedString(quote):
                return "has no closing \(quote) quote"
            case let .missingOpening(bracket):
                return "does not start with '\(bracket)'"
            case let .missingClosing(bracket):
                return "is missing the closing '\(bracket)'"
            case let .expectedSeparator(found, closing):
                return "has '\(found)' where ',' or '\(closing)' must follow an element"
            case let .wrongElementCount(expected, actual):
                return "has \(actual) elements, but the type needs exactly \(expected)"
            case let .tooFewComponents(expected, actual):
                return "has \(actual) components, but the tuple needs exactly \(expected)"
            case let .tooManyComponents(expected):
                return "has more than \(expected) components, but the tuple needs exactly \(expected)"
            case .missingElement:
                return "has an empty element between separators"
            case .trailingText:
                return "has extra text after the value"
            case .unsupportedType:
                return "cannot be given: fixed-point types have no cast literal"
            }
        }
    }

    /// Where the error is inside the value: element indices and tuple component indices from
    /// the outside in, e.g. `[2].1` (empty for the whole value).
    public var path: String
    /// The type expected at ``path``.
    public var type: ABIType
    /// The offending text (shortened to ``maximumTextLength`` characters).
    public var text: String
    /// The broken rule.
    public var rule: Rule

    /// The longest offending text an error keeps; longer text is cut with `…`.
    public static let maximumTextLength = 80

    /// Creates an error, shortening `text` to ``maximumTextLength`` characters.
    public init(path: String, type: ABIType, text: some StringProtocol, rule: Rule) {
        self.path = path
        self.type = type
        self.text = text.count > Self.maximumTextLength ? String(text.prefix(Self.maximumTextLength)) + "…" : String(text)
        self.rule = rule
    }

    /// One line: `[path] (type): 'text' rule`, e.g. `[1].0 (uint8): '256' is out of range (0 to 255)`.
    public var description: String {
        let location = path.isEmpty ? "(\(type.canonicalName))" : "\(path) (\(type.canonicalName))"
        return "\(location): '\(Self.printable(text))' \(rule.explanation)"
    }

    /// One line placing the error inside `location` (such as `argument 2 (uint8[])`):
    /// `location: 'text' rule` for the whole value, `location at [1] (uint8): 'text' rule` inside it.
    public func described(in location: String) -> String {
        let inner = path.isEmpty ? "" : " at \(path) (\(type.canonicalName))"
        return "\(location)\(inner): '\(Self.printable(text))' \(rule.explanation)"
    }

    /// `text` with line breaks and other control characters escaped, so the message stays one line.
    static func printable(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    output += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }
}
