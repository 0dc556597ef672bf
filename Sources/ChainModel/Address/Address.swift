/// A 20-byte Ethereum account address, printed with its EIP-55 mixed-case checksum.
///
/// Stored inline (no heap). Parsing accepts all-lowercase and all-uppercase hex without a
/// checksum, and mixed case only when it is the correct EIP-55 checksum.
public struct Address: Sendable, Hashable, Comparable {
    // Big-endian: bytes 0..<4, 4..<12, 12..<20.
    @usableFromInline var high: UInt32
    @usableFromInline var middle: UInt64
    @usableFromInline var low: UInt64

    /// Why address text or bytes were refused.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        /// Not `0x` followed by 40 hex digits.
        case malformed(String)
        /// Mixed-case text whose case pattern is not the EIP-55 checksum; `expected` is the correct form.
        case badChecksum(String, expected: String)
        /// Not exactly 20 bytes.
        case wrongLength(Int)

        public var description: String {
            switch self {
            case let .malformed(text):
                return "'\(text)' is not an address: expected 0x followed by 40 hex digits"
            case let .badChecksum(text, expected):
                return "'\(text)' has a wrong EIP-55 checksum (mixed case must be \(expected), or write it all lowercase)"
            case let .wrongLength(count):
                return "an address is 20 bytes, got \(count)"
            }
        }
    }

    /// The zero address `0x000…0`.
    public static let zero = Address(high: 0, middle: 0, low: 0)

    @inlinable
    init(high: UInt32, middle: UInt64, low: UInt64) {
        self.high = high; self.middle = middle; self.low = low
    }

    /// Reads 20 bytes at `pointer`.
    @inlinable
    public init(loadingFrom pointer: UnsafeRawPointer) {
        self.init(
            high: UInt32(bigEndian: pointer.loadUnaligned(fromByteOffset: 0, as: UInt32.self)),
            middle: UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 4, as: UInt64.self)),
            low: UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 12, as: UInt64.self))
        )
    }

    /// Creates an address from exactly 20 bytes.
    /// - Throws: ``ParseError/wrongLength(_:)`` for any other count.
    public init<Bytes: Collection>(bytes: Bytes) throws(ParseError) where Bytes.Element == UInt8 {
        guard bytes.count == 20 else { throw .wrongLength(bytes.count) }
        self = Array(bytes).withUnsafeBytes { Address(loadingFrom: $0.baseAddress!) }
    }

    /// Parses `0x` + 40 hex digits, checking the EIP-55 checksum when the letters are mixed case.
    /// - Throws: ``ParseError/malformed(_:)`` or ``ParseError/badChecksum(_:expected:)``.
    public init(_ text: String) throws(ParseError) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 42, utf8[0] == UInt8(ascii: "0"), utf8[1] == UInt8(ascii: "x") || utf8[1] == UInt8(ascii: "X") else {
            throw .malformed(text)
        }
        var bytes = [UInt8](repeating: 0, count: 20)
        var hasLower = false, hasUpper = false
        for index in 0..<40 {
            let ascii = utf8[2 + index]
            guard let digit = Hex.digitValue(ascii) else { throw .malformed(text) }
            if ascii >= UInt8(ascii: "a") && ascii <= UInt8(ascii: "f") { hasLower = true }
            if ascii >= UInt8(ascii: "A") && ascii <= UInt8(ascii: "F") { hasUpper = true }
            bytes[index / 2] |= index % 2 == 0 ? digit << 4 : digit
        }
        let address = bytes.withUnsafeBytes { Address(loadingFrom: $0.baseAddress!) }
        if hasLower && hasUpper {
            let expected = address.checksummed
            guard expected.utf8.dropFirst(2).elementsEqual(utf8.dropFirst(2)) else {
                throw .badChecksum(text, expected: expected)
            }
        }
        self = address
    }

    /// Writes the 20 bytes at `pointer`.
    @inlinable
    public func store(to pointer: UnsafeMutableRawPointer) {
        pointer.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt32.self)
        pointer.storeBytes(of: middle.bigEndian, toByteOffset: 4, as: UInt64.self)
        pointer.storeBytes(of: low.bigEndian, toByteOffset: 12, as: UInt64.self)
    }

    /// The 20 bytes.
    public var bytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 20) { buffer, count in
            store(to: UnsafeMutableRawPointer(buffer.baseAddress!))
            count = 20
        }
    }

    /// The address as a 256-bit integer (the ABI word without padding concerns).
    public var uint256: UInt256 {
        UInt256(w0: low, w1: middle, w2: UInt64(high), w3: 0)
    }

    /// `0x` and 40 lowercase hex digits.
    public var lowercased: String { Hex.encode(bytes) }

    /// The EIP-55 form: a hex letter is uppercase when the matching nibble of
    /// keccak256(lowercase hex without `0x`) is 8 or more.
    public var checksummed: String {
        let lower = Array(Hex.encode(bytes, prefix: false).utf8)
        let digest = Keccak256.hash(lower).bytes
        var output: [UInt8] = [UInt8(ascii: "0"), UInt8(ascii: "x")]
        output.reserveCapacity(42)
        for (index, ascii) in lower.enumerated() {
            let nibble = index % 2 == 0 ? digest[index / 2] >> 4 : digest[index / 2] & 0x0f
            output.append(ascii >= UInt8(ascii: "a") && nibble >= 8 ? ascii - 32 : ascii)
        }
        return String(decoding: output, as: UTF8.self)
    }

    @inlinable
    public static func < (lhs: Address, rhs: Address) -> Bool {
        (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low)
    }
}

extension Address: CustomStringConvertible, Codable {
    /// The EIP-55 checksummed form.
    public var description: String { checksummed }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(checksummed)
    }
}
