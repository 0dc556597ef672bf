/// Why text was refused as a ``UInt256`` or ``Int256``.
///
/// Every case carries the refused text so the message can name it; offsets count characters from 0.
public enum NumericParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is empty.
    case empty
    /// A character the grammar does not allow, at character `offset` of `text` (e.g. `12a3`, `+5`, `1_000`).
    case unexpectedCharacter(text: String, offset: Int)
    /// The text ends where digits are required, right after `after` (e.g. `0x`, `1e`, `1.`, `-`).
    case missingDigits(text: String, after: String)
    /// The text denotes a number with a fractional part (e.g. `1.5`, `1.55e1`, `1.5e0`).
    case notAnInteger(text: String)
    /// The value is above 2²⁵⁶ − 1.
    case overflowsUInt256(text: String)
    /// The value is outside −2²⁵⁵ … 2²⁵⁵ − 1.
    case outOfInt256Range(text: String)
    /// A minus sign where only unsigned values are allowed.
    case negativeUnsigned(text: String)
    /// A unit suffix other than `wei`, `gwei` or `ether`.
    case unknownUnit(text: String, unit: String)

    /// The refused text and the rule it broke.
    public var description: String {
        switch self {
        case .empty:
            return "empty text is not a number"
        case let .unexpectedCharacter(text, offset):
            let character = text.dropFirst(offset).first.map { String($0) } ?? ""
            return "'\(text)' is not a number: unexpected character '\(character)' at offset \(offset) "
                + "(expected decimal digits, 0x hex, scientific 1.5e18 or a wei/gwei/ether unit)"
        case let .missingDigits(text, after):
            return "'\(text)' is not a number: digits are missing after '\(after)'"
        case let .notAnInteger(text):
            return "'\(text)' is not an integer: only exact whole numbers are accepted (1.5e18 is, 1.55e1 is not)"
        case let .overflowsUInt256(text):
            return "'\(text)' is above the uint256 maximum 2^256-1 "
                + "(115792089237316195423570985008687907853269984665640564039457584007913129639935)"
        case let .outOfInt256Range(text):
            return "'\(text)' is outside the int256 range -2^255 ... 2^255-1"
        case let .negativeUnsigned(text):
            return "'\(text)' is negative, but an unsigned value (>= 0) is required"
        case let .unknownUnit(text, unit):
            return "'\(text)' has an unknown unit '\(unit)': expected wei, gwei (1e9) or ether (1e18)"
        }
    }
}

/// Why a checked 256-bit operation failed; the on-chain engine maps these to SafeMath-style reverts.
public enum ArithmeticError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The divisor (or `mulDiv` denominator) is zero.
    case divisionByZero
    /// The exact result does not fit the type (above 2²⁵⁶ − 1, below 0, or outside the int256 range).
    case overflow

    /// The failure in words.
    public var description: String {
        switch self {
        case .divisionByZero: return "division by zero"
        case .overflow: return "arithmetic overflow: the exact result does not fit in 256 bits"
        }
    }
}

/// How an inexact quotient is rounded by ``UInt256/mulDiv(_:_:_:rounding:)``.
public enum Rounding: Sendable, Hashable {
    /// Toward zero (floor for unsigned values), like Solidity's `/` and `preciseMul`.
    case down
    /// Away from zero (ceiling for unsigned values), like `preciseMulCeil` / `mulDivUp`.
    case up
}
