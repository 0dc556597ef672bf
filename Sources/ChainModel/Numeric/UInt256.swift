/// An unsigned 256-bit integer: the EVM word. Fixed width, four 64-bit limbs, no heap.
///
/// Arithmetic (`UInt256+Arithmetic`, `+Division`, `+Bitwise`), parsing (`NumericParsing`),
/// formatting (`NumericFormatting`), conversions and `Codable` live in the other files of `Numeric/`;
/// this file holds the storage, byte conversions and comparisons.
public struct UInt256: Sendable {
    /// Limbs, least significant first: value = w0 + w1·2⁶⁴ + w2·2¹²⁸ + w3·2¹⁹².
    /// Bits 0 ..< 64.
    public var w0: UInt64
    /// Bits 64 ..< 128.
    public var w1: UInt64
    /// Bits 128 ..< 192.
    public var w2: UInt64
    /// Bits 192 ..< 256.
    public var w3: UInt64

    /// Creates a value from its four limbs, least significant first.
    @inlinable
    public init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0; self.w1 = w1; self.w2 = w2; self.w3 = w3
    }

    /// Creates a value equal to `value`.
    @inlinable
    public init(_ value: UInt64) { self.init(w0: value, w1: 0, w2: 0, w3: 0) }

    /// 0.
    public static let zero = UInt256(0)
    /// 1.
    public static let one = UInt256(1)
    /// 2²⁵⁶ − 1.
    public static let max = UInt256(w0: .max, w1: .max, w2: .max, w3: .max)

    /// True when the value is 0.
    @inlinable
    public var isZero: Bool { (w0 | w1 | w2 | w3) == 0 }

    /// Reads a big-endian 32-byte word at `pointer` (no alignment needed).
    @inlinable
    public init(bigEndianWordAt pointer: UnsafeRawPointer) {
        self.init(
            w0: UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 24, as: UInt64.self)),
            w1: UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
            w2: UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
            w3: UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        )
    }

    /// Writes the value as a big-endian 32-byte word at `pointer`.
    @inlinable
    public func storeBigEndianWord(to pointer: UnsafeMutableRawPointer) {
        pointer.storeBytes(of: w3.bigEndian, toByteOffset: 0, as: UInt64.self)
        pointer.storeBytes(of: w2.bigEndian, toByteOffset: 8, as: UInt64.self)
        pointer.storeBytes(of: w1.bigEndian, toByteOffset: 16, as: UInt64.self)
        pointer.storeBytes(of: w0.bigEndian, toByteOffset: 24, as: UInt64.self)
    }

    /// Creates a value from at most 32 big-endian bytes (fewer bytes are left-padded with zeros).
    /// Returns nil when there are more than 32 bytes.
    public init?<Bytes: Collection>(bigEndianBytes bytes: Bytes) where Bytes.Element == UInt8 {
        let count = bytes.count
        guard count <= 32 else { return nil }
        var limbs: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for (index, byte) in bytes.enumerated() {
            let position = count - 1 - index  // 0 = least significant byte
            let shifted = UInt64(byte) << UInt64(8 * (position & 7))
            switch position >> 3 {
            case 0: limbs.0 |= shifted
            case 1: limbs.1 |= shifted
            case 2: limbs.2 |= shifted
            default: limbs.3 |= shifted
            }
        }
        self.init(w0: limbs.0, w1: limbs.1, w2: limbs.2, w3: limbs.3)
    }

    /// The value as a 32-byte big-endian word.
    public var bigEndianBytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            storeBigEndianWord(to: UnsafeMutableRawPointer(buffer.baseAddress!))
            count = 32
        }
    }

    /// The value as big-endian bytes without leading zero bytes (empty for 0), as RLP wants.
    public var minimalBigEndianBytes: [UInt8] {
        let count = (bitLength + 7) / 8
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                let position = count - 1 - index  // 0 = least significant byte
                buffer[index] = UInt8(truncatingIfNeeded: limb(position >> 3) >> UInt64(8 * (position & 7)))
            }
            initialized = count
        }
    }

    /// The number of bits needed to write the value (0 for 0).
    @inlinable
    public var bitLength: Int {
        if w3 != 0 { return 256 - w3.leadingZeroBitCount }
        if w2 != 0 { return 192 - w2.leadingZeroBitCount }
        if w1 != 0 { return 128 - w1.leadingZeroBitCount }
        return 64 - w0.leadingZeroBitCount
    }
}

extension UInt256: Equatable, Hashable, Comparable {
    /// Returns true when both values are equal.
    @inlinable
    public static func == (lhs: UInt256, rhs: UInt256) -> Bool {
        lhs.w0 == rhs.w0 && lhs.w1 == rhs.w1 && lhs.w2 == rhs.w2 && lhs.w3 == rhs.w3
    }

    /// Returns true when `lhs` is numerically smaller than `rhs`.
    @inlinable
    public static func < (lhs: UInt256, rhs: UInt256) -> Bool {
        if lhs.w3 != rhs.w3 { return lhs.w3 < rhs.w3 }
        if lhs.w2 != rhs.w2 { return lhs.w2 < rhs.w2 }
        if lhs.w1 != rhs.w1 { return lhs.w1 < rhs.w1 }
        return lhs.w0 < rhs.w0
    }

    /// Feeds the four limbs to `hasher`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(w0); hasher.combine(w1); hasher.combine(w2); hasher.combine(w3)
    }
}

extension UInt256: ExpressibleByIntegerLiteral {
    /// Integer literals up to `UInt64.max`; larger constants come from parsing text with ``init(_:)``.
    public init(integerLiteral value: UInt64) { self.init(value) }
}
