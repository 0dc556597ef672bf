/// One value of Ethereum's Recursive Length Prefix serialization: a byte string or a list of items.
public enum RLPItem: Equatable, Hashable, Sendable {
    /// A byte string (an integer is its minimal big-endian bytes; 0 is the empty string).
    case bytes([UInt8])
    /// A list of items.
    case list([RLPItem])

    /// The empty byte string, `0x80`.
    public static let empty = RLPItem.bytes([])

    /// The item for an unsigned integer: its minimal big-endian bytes (empty for 0).
    public static func uint(_ value: UInt64) -> RLPItem { .bytes(RLP.minimalBytes(value)) }

    /// The item for a 256-bit unsigned integer: its minimal big-endian bytes (empty for 0).
    public static func uint(_ value: UInt256) -> RLPItem { .bytes(value.minimalBigEndianBytes) }

    /// The bytes of a byte-string item, or nil for a list.
    public var byteString: [UInt8]? {
        if case let .bytes(bytes) = self { return bytes }
        return nil
    }

    /// The items of a list item, or nil for a byte string.
    public var listItems: [RLPItem]? {
        if case let .list(items) = self { return items }
        return nil
    }
}
