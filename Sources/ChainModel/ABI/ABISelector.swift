/// A 4-byte function or error selector: the first four bytes of the Keccak-256 hash of the
/// canonical signature. Stored inline (no heap), usable as a dictionary key.
public struct ABISelector: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The four bytes as a big-endian integer (`0x8e0f7756` for `startRebalance`).
    public var rawValue: UInt32

    /// Creates a selector from its big-endian integer value.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Creates a selector from exactly four bytes; returns nil for any other count.
    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        guard bytes.count == 4 else { return nil }
        rawValue = bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The selector of a canonical signature such as `transfer(address,uint256)`.
    public init(signature: String) {
        rawValue = UInt32(truncatingIfNeeded: Keccak256.hash(utf8: signature).words.0 >> 32)
    }

    /// The four bytes, most significant first.
    public var bytes: [UInt8] {
        [UInt8(rawValue >> 24), UInt8(truncatingIfNeeded: rawValue >> 16),
         UInt8(truncatingIfNeeded: rawValue >> 8), UInt8(truncatingIfNeeded: rawValue)]
    }

    /// `0x` and eight lowercase hex digits.
    public var description: String { Hex.encode(bytes) }

    /// Orders selectors by their integer value.
    public static func < (lhs: ABISelector, rhs: ABISelector) -> Bool { lhs.rawValue < rhs.rawValue }
}
