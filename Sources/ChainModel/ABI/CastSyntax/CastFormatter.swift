extension CastSyntax {
    /// How ``format(_:style:)`` prints values; both follow cast's `DynValueFormatter`.
    public enum Style: Sendable {
        /// What `cast decode-abi` prints for people: integers of 10000 and more get a
        /// scientific hint with at most four significant digits, truncated and without trailing
        /// zeros (`1000000000000000000 [1e18]`, `1234567890 [1.234e9]`, `-12345 [-1.234e4]`);
        /// strings are double-quoted with Rust's debug escapes (`"a\"b\n"`). cast dims the hint
        /// on a terminal; this text never holds terminal escapes.
        case annotated
        /// What cast's `--json` output holds (`format_token_raw`): integers bare, strings
        /// unquoted with Rust's `escape_debug` escapes (`\'` and `\"` included).
        case raw
    }

    /// Prints `value` as cast does: addresses EIP-55 checksummed, bytes and `bytes<M>` as
    /// lowercase `0x` hex, bools `true`/`false`, arrays `[a, b]`, tuples `(a, b)`, integers in
    /// decimal and strings as `style` says.
    ///
    /// - Returns: the text (one line: line breaks inside strings are escaped).
    public static func format(_ value: ABIValue, style: Style = .annotated) -> String {
        var output = ""
        write(value, style: style, to: &output)
        return output
    }

    private static func write(_ value: ABIValue, style: Style, to output: inout String) {
        switch value {
        case let .uint(magnitude):
            writeInteger(negative: false, magnitude: magnitude, style: style, to: &output)
        case let .int(signed):
            let (negative, magnitude) = (signed.isNegative, signed.magnitude)
            writeInteger(negative: negative, magnitude: magnitude, style: style, to: &output)
        case let .address(address):
            output += address.checksummed
        case let .bool(flag):
            output += flag ? "true" : "false"
        case let .fixedBytes(bytes), let .bytes(bytes):
            output += Hex.encode(bytes)
        case let .string(text):
            switch style {
            case .annotated:
                output += "\""
                RustEscape.write(text, quoteSingle: false, graphemeExtendEverywhere: true, to: &output)
                output += "\""
            case .raw:
                RustEscape.write(text, quoteSingle: true, graphemeExtendEverywhere: false, to: &output)
            }
        case let .array(elements):
            output += "["
            writeList(elements, style: style, to: &output)
            output += "]"
        case let .tuple(components):
            output += "("
            writeList(components, style: style, to: &output)
            output += ")"
        }
    }

    private static func writeList(_ values: [ABIValue], style: Style, to output: inout String) {
        for (position, value) in values.enumerated() {
            if position > 0 { output += ", " }
            write(value, style: style, to: &output)
        }
    }

    private static func writeInteger(negative: Bool, magnitude: UInt256, style: Style, to output: inout String) {
        let digits = magnitude.description
        let sign = negative ? "-" : ""
        output += sign + digits
        guard style == .annotated, magnitude >= UInt256(10_000) else { return }
        output += " [" + sign + scientificHint(digits: digits) + "]"
    }

    /// cast's `to_exp_notation(value, 4, true)`: the first four digits with trailing zeros
    /// dropped, a point after the first, and the exponent (`1234567890` → `1.234e9`).
    static func scientificHint(digits: String) -> String {
        var mantissa = String(digits.prefix(4))
        while mantissa.count > 1, mantissa.hasSuffix("0") { mantissa.removeLast() }
        if mantissa.count > 1 { mantissa.insert(".", at: mantissa.index(after: mantissa.startIndex)) }
        return mantissa + "e\(digits.count - 1)"
    }
}

/// Rust's `Debug` escaping of `str` (cast prints strings with it), using Swift's Unicode tables.
enum RustEscape {
    /// Appends `text` escaped: `\t \r \n \\ \0` and `\"`, `\'` when `quoteSingle`, and `\u{hex}` for
    /// characters Rust does not print (general categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other
    /// than the space) and for grapheme extenders (everywhere, or only first, as `str::escape_debug`).
    static func write(_ text: String, quoteSingle: Bool, graphemeExtendEverywhere: Bool, to output: inout String) {
        var first = true
        for scalar in text.unicodeScalars {
            defer { first = false }
            switch scalar {
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            case "\n": output += "\\n"
            case "\\": output += "\\\\"
            case "\0": output += "\\0"
            case "\"": output += "\\\""
            case "'": output += quoteSingle ? "\\'" : "'"
            default:
                let extend = scalar.properties.isGraphemeExtend && (graphemeExtendEverywhere || first)
                if extend || !isPrintable(scalar) {
                    output += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
    }

    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned,
             .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }
}
