/// JSON text for `--json` output, written the way serde_json's `to_string_pretty` writes it
/// (cast's JSON): two-space indentation, `"key": value`, and only the escapes JSON requires.
enum JSONText {
    /// `value` as a JSON string literal: `"` and `\` escaped, `\b \f \n \r \t`, other control
    /// characters as `\u00xx`; everything else (non-ASCII included) written as is.
    static func string(_ value: String) -> String {
        var output = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{8}": output += "\\b"
            case "\u{c}": output += "\\f"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    /// A JSON array of strings: `[]` when empty, else one element a line, indented two spaces.
    static func stringArray(_ values: [String]) -> String {
        if values.isEmpty { return "[]" }
        return "[\n" + values.map { "  " + string($0) }.joined(separator: ",\n") + "\n]"
    }
}
