/// A 32-byte value: a Keccak-256 digest, a transaction or block hash, an event topic, a `bytes32`.
///
/// Stored inline as four big-endian 64-bit words, so copying it never allocates.
public struct Bytes32: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The bytes as four 64-bit words, most significant (first byte) first.
    public var words: (UInt64, UInt64, UInt64, UInt64)

    /// The all-zero value.
    public static let zero = Bytes32(words: (0, 0, 0, 0))

    /// Creates a value from four big-endian words.
    @inlinable
    public init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    /// Creates a value from exactly 32 bytes.
    /// - Throws: ``Hex/DecodingError/wrongLength(expected:actual:)`` when `bytes` does not hold 32 bytes.
    public init<Bytes: Collection>(bytes: Bytes) throws(Hex.DecodingError) where Bytes.Element == UInt8 {
        guard bytes.count == 32 else { throw .wrongLength(expected: 32, actual: bytes.count) }
        var w: [UInt64] = [0, 0, 0, 0]
        for (offset, byte) in bytes.enumerated() { w[offset / 8] = w[offset / 8] << 8 | UInt64(byte) }
        self.words = (w[0], w[1], w[2], w[3])
    }

    /// Reads 32 bytes at `pointer` (no alignment needed).
    @inlinable
    public init(loadingFrom pointer: UnsafeRawPointer) {
        self.words = (
            UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
            UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
            UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
            UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        )
    }

    /// Parses `0x` followed by 64 hex digits (the prefix is optional).
    /// - Throws: ``Hex/DecodingError`` for bad digits or a length other than 32 bytes.
    public init(hex: some StringProtocol) throws(Hex.DecodingError) {
        try self.init(bytes: Hex.decode(hex, count: 32))
    }

    /// Writes the 32 bytes at `pointer`.
    @inlinable
    public func store(to pointer: UnsafeMutableRawPointer) {
        pointer.storeBytes(of: words.0.bigEndian, toByteOffset: 0, as: UInt64.self)
        pointer.storeBytes(of: words.1.bigEndian, toByteOffset: 8, as: UInt64.self)
        pointer.storeBytes(of: words.2.bigEndian, toByteOffset: 16, as: UInt64.self)
        pointer.storeBytes(of: words.3.bigEndian, toByteOffset: 24, as: UInt64.self)
    }

    /// The 32 bytes, first byte first.
    public var bytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            store(to: UnsafeMutableRawPointer(buffer.baseAddress!))
            count = 32
        }
    }

    /// `0x` and 64 lowercase hex digits.
    public var description: String { Hex.encode(bytes) }

    public static func == (lhs: Bytes32, rhs: Bytes32) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    public static func < (lhs: Bytes32, rhs: Bytes32) -> Bool {
        (lhs.words.0, lhs.words.1, lhs.words.2, lhs.words.3) < (rhs.words.0, rhs.words.1, rhs.words.2, rhs.words.3)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(hex: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bytes32 '\(text)': \(error)"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
