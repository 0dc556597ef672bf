import ChainModel

/// Reading hex data from the command line.
enum HexInput {
    /// Decodes `text` (two hex digits a byte, `0x` optional, as cast accepts it).
    ///
    /// - Returns: the bytes.
    /// - Throws: ``CommandFailure`` naming `field` and the rule (odd length, bad character).
    static func bytes(_ text: String, field: String) throws(CommandFailure) -> [UInt8] {
        do {
            return try Hex.decode(text.trimmingWhitespace)
        } catch {
            throw CommandFailure("\(field): \(error)")
        }
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
