/// Bytes that are not a valid, canonical ABI encoding of the expected types: where (byte offset
/// in the input and value path), and why.
///
/// Example description: `at byte 0x60 (argument 4 [0].1): offset 0x1000 points past the end of the data (0x540 bytes)`.
public struct ABIDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rule the input breaks.
    public enum Reason: Hashable, Sendable {
        /// A word or payload needs `needed` bytes but only `available` remain.
        case truncated(needed: Int, available: Int)
        /// An offset (hex) points past the end of the data (`dataSize` bytes).
        case offsetOutOfRange(offset: String, dataSize: Int)
        /// An offset points into the head of its own container (`headSize` bytes).
        case offsetIntoHead(offset: Int, headSize: Int)
        /// An array or byte-string length (hex) needs more bytes than the `available` ones.
        case lengthOutOfRange(length: String, available: Int)
        /// An integer word whose high bits are not zero (`uintN`, `address`) or not a sign
        /// extension (`intN`) for `type`.
        case outOfRange(type: String)
        /// Padding bytes after `bytesN`, `function`, `bytes` or `string` data are not zero.
        case nonZeroPadding(type: String)
        /// A `bool` word other than 0 or 1 (hex).
        case invalidBool(String)
        /// A `string` whose bytes are not valid UTF-8.
        case invalidUTF8
        /// The static size of the types overflows an Int (`uint256[999999999][999999999][999999999]`).
        case staticSizeOverflow
        /// The type nests deeper than the limit.
        case depthLimitExceeded(limit: Int)
        /// Offsets that alias the same data would make the decoded value larger than the input.
        case decodedSizeExceedsInput(inputSize: Int)
        /// Call data shorter than a selector.
        case missingSelector(available: Int)
        /// Call data for another function or error.
        case selectorMismatch(expected: ABISelector, found: ABISelector)
    }

    /// The byte offset in the input where the offending word or payload starts.
    public var offset: Int
    /// The value being decoded.
    public var path: ABIValuePath
    /// What is wrong.
    public var reason: Reason

    /// Creates an error at byte `offset`.
    public init(offset: Int, path: ABIValuePath = ABIValuePath(), reason: Reason) {
        self.offset = offset
        self.path = path
        self.reason = reason
    }

    func prepending(_ component: ABIValuePath.Component) -> ABIDecodingError {
        ABIDecodingError(offset: offset, path: path.prepending(component), reason: reason)
    }

    /// One line: byte offset, path, reason.
    public var description: String {
        let rule: String
        switch reason {
        case let .truncated(needed, available):
            rule = "needs \(needed) bytes but only \(available) remain"
        case let .offsetOutOfRange(offset, size):
            rule = "offset \(offset) points past the end of the data (\(hex(size)) bytes)"
        case let .offsetIntoHead(offset, headSize):
            rule = "offset \(hex(offset)) points into the head (\(hex(headSize)) bytes) of its container"
        case let .lengthOutOfRange(length, available):
            rule = "length \(length) needs more than the \(available) bytes that remain"
        case let .outOfRange(type):
            rule = "value does not fit \(type) (high bits not \(type.hasPrefix("int") || type.hasPrefix("fixed") ? "a sign extension" : "zero"))"
        case let .nonZeroPadding(type):
            rule = "padding bytes of \(type) are not zero"
        case let .invalidBool(word):
            rule = "bool must be 0 or 1, found \(word)"
        case .invalidUTF8:
            rule = "string is not valid UTF-8"
        case .staticSizeOverflow:
            rule = "the static size of the types exceeds the addressable range"
        case let .depthLimitExceeded(limit):
            rule = "type nests deeper than \(limit) levels"
        case let .decodedSizeExceedsInput(size):
            rule = "offsets reuse data: the decoded value would exceed the \(size) input bytes"
        case let .missingSelector(available):
            return "call data has \(available) bytes, fewer than the 4-byte selector"
        case let .selectorMismatch(expected, found):
            return "selector \(found) does not match \(expected)"
        }
        return "at byte \(hex(offset))" + (path.components.isEmpty ? "" : " (\(path))") + ": " + rule
    }

    private func hex(_ value: Int) -> String { "0x" + String(value, radix: 16) }
}
