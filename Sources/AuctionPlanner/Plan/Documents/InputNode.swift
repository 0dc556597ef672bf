import ChainModel
import Foundation
import Yams

/// One value of a parsed JSON or YAML input file with its JSON path (`prices[3].quote`), so that
/// every error names the file, the field and the rule. Readers are strict: unknown keys, wrong
/// types and out-of-range values throw.
struct InputNode {
    /// The file the value came from.
    let file: String
    /// The JSON path of the value (`(root)` for the document).
    let path: String
    /// The value as JSONSerialization or Yams produced it.
    let value: Any?

    /// Largest input file accepted (16 MiB).
    static let maximumFileSize = 16 << 20

    /// Parses `data` as JSON, or as YAML when `yaml` is true; throws when it is not an object.
    static func document(_ data: Data, file: String, yaml: Bool) throws(InputFileError) -> InputNode {
        if data.count > maximumFileSize {
            throw InputFileError(file: file, line: nil, field: "(root)", value: "\(data.count) bytes", rule: "larger than 16 MiB")
        }
        var parsed: Any?
        if yaml {
            guard let text = String(data: data, encoding: .utf8) else {
                throw InputFileError(file: file, line: nil, field: "(root)", value: "", rule: "not UTF-8 text")
            }
            do { parsed = try Yams.load(yaml: text) } catch {
                throw InputFileError(file: file, line: nil, field: "(root)", value: "", rule: "not valid YAML: \(error)")
            }
        } else {
            parsed = try? JSONSerialization.jsonObject(with: data)
            if parsed == nil { throw InputFileError(file: file, line: nil, field: "(root)", value: "", rule: "not valid JSON") }
        }
        let root = InputNode(file: file, path: "(root)", value: parsed)
        _ = try root.object()
        return root
    }

    func fail(_ rule: String, value: String? = nil) -> InputFileError {
        InputFileError(file: file, line: nil, field: path, value: value ?? shown, rule: rule)
    }

    private var shown: String {
        switch value {
        case nil, is NSNull: return "null"
        case let s as String: return s
        case let b as Bool where type(of: value!) == Bool.self: return b ? "true" : "false"
        case let n as NSNumber: return String(cString: n.objCType) == "c" ? (n.boolValue ? "true" : "false") : n.stringValue
        case is [Any]: return "(array)"
        case is [String: Any], is [AnyHashable: Any]: return "(object)"
        default: return "\(value!)"
        }
    }

    private func child(_ key: String) -> String { path == "(root)" ? key : "\(path).\(key)" }

    /// The object's fields; throws unless the value is an object with string keys.
    func object() throws(InputFileError) -> [String: Any] {
        if let o = value as? [String: Any] { return o }
        if let o = value as? [AnyHashable: Any] {
            var out: [String: Any] = [:]
            for (k, v) in o {
                guard let key = k.base as? String else { throw fail("keys must be strings", value: "\(k.base)") }
                out[key] = v
            }
            return out
        }
        throw fail("expected an object")
    }

    /// Throws when the object has a key outside `allowed`.
    func allowOnly(_ allowed: Set<String>) throws(InputFileError) {
        let keys = try object().keys.sorted()
        if let extra = keys.first(where: { !allowed.contains($0) }) {
            throw InputFileError(file: file, line: nil, field: child(extra), value: extra,
                                 rule: "unknown key; allowed: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    /// The field `key` (its value nil when absent).
    func field(_ key: String) throws(InputFileError) -> InputNode {
        InputNode(file: file, path: child(key), value: try object()[key])
    }

    /// True when the value is absent or `null`.
    var isNull: Bool { value == nil || value is NSNull }

    /// The elements of an array, each with its path; throws unless the value is an array of at most `limit` items.
    func array(limit: Int = 10_000) throws(InputFileError) -> [InputNode] {
        guard let items = value as? [Any] else { throw fail("expected an array") }
        if items.count > limit { throw fail("more than \(limit) items", value: "\(items.count) items") }
        return items.enumerated().map { InputNode(file: file, path: "\(path)[\($0.offset)]", value: $0.element) }
    }

    /// The value as a string; throws unless it is one.
    func string() throws(InputFileError) -> String {
        guard let s = value as? String else { throw fail("expected a string") }
        return s
    }

    private enum Scalar { case bool(Bool), integer(Int64), other }

    /// The value as a boolean or integer: Swift values from Yams, NSNumber from JSONSerialization
    /// (told apart by their Objective-C type code, since `1 is Bool` holds for an NSNumber).
    private var scalar: Scalar? {
        guard let value else { return nil }
        if type(of: value) == Bool.self { return .bool(value as! Bool) }
        if type(of: value) == Int.self { return .integer(Int64(value as! Int)) }
        guard let n = value as? NSNumber, !(value is String) else { return nil }
        switch String(cString: n.objCType) {
        case "c", "B": return .bool(n.boolValue)
        case "i", "s", "l", "q", "I", "S", "L", "Q": return .integer(n.int64Value)
        default: return .other
        }
    }

    /// The value as a boolean; throws unless it is `true` or `false`.
    func bool() throws(InputFileError) -> Bool {
        if case let .bool(b)? = scalar { return b }
        throw fail("expected true or false")
    }

    /// The value as an integer in `range` (a JSON/YAML integer, or a string of decimal digits).
    func integer(in range: ClosedRange<Int64>) throws(InputFileError) -> Int64 {
        var parsed: Int64?
        if let s = value as? String, !s.isEmpty, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { parsed = Int64(s) }
        else if case let .integer(n)? = scalar { parsed = n }
        guard let v = parsed else { throw fail("expected an integer") }
        guard range.contains(v) else { throw fail("must be in \(range.lowerBound)…\(range.upperBound)") }
        return v
    }

    /// The value as an EIP-55 (or all-lower/upper-case) address string.
    func address() throws(InputFileError) -> Address {
        let text = try string()
        do { return try Address(text) } catch { throw fail("not an address: \(error)") }
    }

    /// A decimal string (`"12.5"`, no sign, no exponent, at most 78 digits) as a ``DecimalText``.
    func decimal() throws(InputFileError) -> DecimalText {
        guard let text = value as? String else {
            throw fail("expected a decimal string in quotes (e.g. \"12.5\"), so that no digit is lost to floating point")
        }
        guard let d = DecimalText(text) else {
            throw fail("expected a decimal string of digits with an optional '.' fraction (at most 78 digits), e.g. \"12.5\"")
        }
        return d
    }

    /// A `0x`-prefixed 32-byte hex string.
    func bytes32() throws(InputFileError) -> Bytes32 {
        let text = try string()
        guard text.hasPrefix("0x"), let b = try? Bytes32(hex: text) else { throw fail("expected 0x and 64 hex digits") }
        return b
    }

    /// A decimal string of a whole number below 2²⁵⁶.
    func uint256() throws(InputFileError) -> UInt256 {
        let text = try string()
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let v = try? UInt256(text) else {
            throw fail("expected a decimal string of an integer below 2^256")
        }
        return v
    }
}

/// A non-negative decimal number kept exactly as digits: `mantissa / 10^fractionDigits`.
public struct DecimalText: Sendable, Hashable, CustomStringConvertible {
    /// All digits without the point.
    public let mantissa: UInt256
    /// Digits after the point.
    public let fractionDigits: Int
    /// The text as given.
    public let description: String

    /// Parses `digits[.digits]`; nil for anything else (signs, exponents, spaces, more than 78 digits).
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        if parts.count == 2 && fraction.isEmpty { return nil }
        let digits = whole + fraction
        guard digits.count <= 78, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let m = try? UInt256(String(digits)) else { return nil }
        mantissa = m
        fractionDigits = fraction.count
        description = text
    }

    /// True when the value is 0.
    public var isZero: Bool { mantissa.isZero }

    /// `value × 10^exponent` rounded to an integer: half up when `rounding` is `.nearest`, else
    /// down. Nil when the result exceeds 2²⁵⁶ − 1.
    public func scaled(byPowerOf10 exponent: Int, rounding: DecimalRounding) -> UInt256? {
        let shift = exponent - fractionDigits
        if shift >= 0 {
            guard shift <= 77, let factor = UInt256.power(of10: shift) else { return mantissa.isZero ? .zero : nil }
            let (v, overflow) = mantissa.multipliedReportingOverflow(by: factor)
            return overflow ? nil : v
        }
        guard -shift <= 77, let divisor = UInt256.power(of10: -shift) else { return .zero }
        let (q, r) = mantissa.quotientAndRemainder(dividingBy: divisor)
        if rounding == .nearestHalfUp, r >= divisor - r {
            let (v, overflow) = q.addingReportingOverflow(.one)
            return overflow ? nil : v
        }
        return q
    }

    /// The value as a Double (for statistics and sanity checks only).
    public var approximate: Double { (Double(mantissa.description) ?? .infinity) / pow(10, Double(fractionDigits)) }
}

/// How a decimal is rounded to an integer.
public enum DecimalRounding: Sendable, Hashable {
    /// Toward zero.
    case down
    /// To the nearest integer, halves up.
    case nearestHalfUp
}
