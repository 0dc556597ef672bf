/// A type string or human-readable signature that could not be parsed.
///
/// The description names the input, the column (1-based, in UTF-8 bytes) and the rule broken:
/// `invalid ABI signature "f(uint7)" at column 3: uint7: the bit size must be a multiple of 8 in 8...256`.
public struct ABIParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text that was parsed.
    public var input: String
    /// The 0-based UTF-8 byte offset where the problem was found.
    public var position: Int
    /// What is wrong there.
    public var reason: String

    /// Creates an error for `input` at byte `position`.
    public init(input: String, position: Int, reason: String) {
        self.input = input
        self.position = position
        self.reason = reason
    }

    /// One line: input, column and reason.
    public var description: String {
        "invalid ABI signature \"\(input)\" at column \(position + 1): \(reason)"
    }
}
