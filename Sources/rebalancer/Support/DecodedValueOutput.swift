import ChainModel

/// How the decode commands print values, as cast's `print_tokens` does.
enum DecodedValueOutput {
    /// One value a line in cast's annotated style (`1000000000000000000 [1e18]`, `"text"`), or
    /// with `json` a JSON array holding each value's raw cast text (`"1000000000000000000"`, `"text"`).
    static func render(_ values: [ABIValue], json: Bool) -> String {
        if json {
            return JSONText.stringArray(values.map { CastSyntax.format($0, style: .raw) })
        }
        return values.map { CastSyntax.format($0, style: .annotated) }.joined(separator: "\n")
    }

    /// Prints ``render(_:json:)`` on standard output; nothing at all for no values without `json`.
    static func emit(_ values: [ABIValue], json: Bool) {
        if values.isEmpty && !json { return }
        print(render(values, json: json))
    }
}
