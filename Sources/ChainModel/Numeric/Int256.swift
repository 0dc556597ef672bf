/// A signed 256-bit integer in two's complement (the EVM's `int256`), stored as its bit pattern.
///
/// Arithmetic with Solidity semantics is in `Int256+Arithmetic`; parsing, formatting, conversions
/// and `Codable` are shared with ``UInt256`` in the other files of `Numeric/`.
public struct Int256: Sendable, Hashable {
    /// The two's-complement bit pattern.
    public var bitPattern: UInt256

    /// Creates a value from its two's-complement bit pattern.
    @inlinable
    public init(bitPattern: UInt256) { self.bitPattern = bitPattern }

    /// Creates a value equal to `value`.
    @inlinable
    public init(_ value: Int64) {
        let fill: UInt64 = value < 0 ? .max : 0
        self.bitPattern = UInt256(w0: UInt64(bitPattern: value), w1: fill, w2: fill, w3: fill)
    }

    /// 0.
    public static let zero = Int256(0)
    /// 2²⁵⁵ − 1.
    public static let max = Int256(bitPattern: UInt256(w0: .max, w1: .max, w2: .max, w3: UInt64(Int64.max)))
    /// −2²⁵⁵.
    public static let min = Int256(bitPattern: UInt256(w0: 0, w1: 0, w2: 0, w3: 1 << 63))

    /// True when the value is below zero.
    @inlinable
    public var isNegative: Bool { bitPattern.w3 >> 63 == 1 }
}

extension Int256: Comparable {
    /// Returns true when `lhs` is numerically smaller than `rhs`.
    @inlinable
    public static func < (lhs: Int256, rhs: Int256) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        return lhs.bitPattern < rhs.bitPattern
    }
}

extension Int256: ExpressibleByIntegerLiteral {
    /// Integer literals within `Int64`.
    public init(integerLiteral value: Int64) { self.init(value) }
}
