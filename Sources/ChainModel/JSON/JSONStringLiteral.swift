/// JSON string literals, written the one way the whole project writes them: `"` and `\` escaped,
/// `\b \f \n \r \t` for those controls, other control characters as `\u00xx`, everything else
/// (non-ASCII included) as is — the same text Python's `json.dumps(..., ensure_ascii=False)` and
/// serde_json write.
public enum JSONStringLiteral {
    /// Appends `text` as a quoted JSON string literal to `out`.
    public static func write(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// Returns `text` as a quoted JSON string literal.
    public static func quoted(_ text: String) -> String {
        var out = ""
        write(text, to: &out)
        return out
    }
}
