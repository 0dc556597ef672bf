import ChainModel

/// JSON text for `--json` output, written the way serde_json's `to_string_pretty` writes it
/// (cast's JSON): two-space indentation, `"key": value`, and only the escapes JSON requires.
enum JSONText {
    /// `value` as a JSON string literal (``JSONStringLiteral``).
    static func string(_ value: String) -> String { JSONStringLiteral.quoted(value) }

    /// A JSON array of strings: `[]` when empty, else one element a line, indented two spaces.
    static func stringArray(_ values: [String]) -> String {
        if values.isEmpty { return "[]" }
        return "[\n" + values.map { "  " + string($0) }.joined(separator: ",\n") + "\n]"
    }
}
