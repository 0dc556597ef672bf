import ChainModel

/// Reading integer amounts (wei, gas, nonces) from the command line.
enum WeiInput {
    /// Parses decimal, `0x` hex, `1.5e18` or unit-suffixed (`30 gwei`) text.
    /// - Returns: the value.
    /// - Throws: ``CommandFailure`` naming `option`, the text and the rule it breaks.
    static func uint256(_ text: String, option: String) throws(CommandFailure) -> UInt256 {
        do { return try UInt256(text) } catch { throw CommandFailure("\(option): \(error)") }
    }

    /// Parses a value as ``uint256(_:option:)`` does and requires it to fit 64 bits.
    /// - Throws: ``CommandFailure`` naming `option` when the text is malformed or the value exceeds 2⁶⁴ − 1.
    static func uint64(_ text: String, option: String) throws(CommandFailure) -> UInt64 {
        let value = try uint256(text, option: option)
        guard value.w1 == 0, value.w2 == 0, value.w3 == 0 else {
            throw CommandFailure("\(option): '\(text)' is larger than 2^64-1")
        }
        return value.w0
    }
}
