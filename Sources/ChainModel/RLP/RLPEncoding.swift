/// Recursive Length Prefix encoding and decoding (Ethereum yellow paper, appendix B).
///
/// Encoding measures the output first and writes it once into an exactly sized buffer.
/// Decoding (``decode(_:maxDepth:)``) is strict: only the canonical encoding of an item is accepted.
public enum RLP {
    /// The number of bytes of the header in front of a payload of `payloadCount` bytes
    /// (1 below 56 bytes, else 1 plus the length's minimal big-endian byte count).
    @inlinable
    public static func headerCount(payloadCount: Int) -> Int {
        payloadCount < 56 ? 1 : 1 + byteCount(of: UInt64(payloadCount))
    }

    /// The encoded size of the byte string `bytes`: one byte for a single byte below `0x80`,
    /// otherwise header plus payload.
    @inlinable
    public static func encodedCount(ofBytes bytes: UnsafeRawBufferPointer) -> Int {
        if bytes.count == 1 && bytes[0] < 0x80 { return 1 }
        return headerCount(payloadCount: bytes.count) + bytes.count
    }

    /// The encoded size of a byte string of `count` bytes whose first byte is `first` (nil when empty).
    @inlinable
    public static func encodedCount(byteStringCount count: Int, first: UInt8?) -> Int {
        if count == 1, let first, first < 0x80 { return 1 }
        return headerCount(payloadCount: count) + count
    }

    /// The encoded size of a list whose items take `payloadCount` encoded bytes together.
    @inlinable
    public static func encodedCount(listPayloadCount payloadCount: Int) -> Int {
        headerCount(payloadCount: payloadCount) + payloadCount
    }

    /// The encoded size of the unsigned integer `value` (its minimal big-endian bytes).
    @inlinable
    public static func encodedCount(_ value: UInt64) -> Int {
        value < 0x80 && value != 0 ? 1 : 1 + byteCount(of: value)
    }

    /// The encoded size of the 256-bit unsigned integer `value` (its minimal big-endian bytes).
    @inlinable
    public static func encodedCount(_ value: UInt256) -> Int {
        if value.w1 | value.w2 | value.w3 == 0 { return encodedCount(value.w0) }
        return 1 + (value.bitLength + 7) / 8
    }

    /// The number of bytes of the minimal big-endian form of `value` (0 for 0).
    @inlinable
    public static func byteCount(of value: UInt64) -> Int { (64 - value.leadingZeroBitCount + 7) / 8 }

    /// The minimal big-endian bytes of `value` (empty for 0).
    public static func minimalBytes(_ value: UInt64) -> [UInt8] {
        let count = byteCount(of: value)
        return (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64(count - 1 - $0))) }
    }

    /// Returns the encoding of `item`.
    public static func encode(_ item: RLPItem) -> [UInt8] {
        let count = item.encodedCount
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var writer = RLPWriter(UnsafeMutableRawBufferPointer(buffer))
            writer.write(item)
            precondition(writer.offset == count, "RLP size computation and writer disagree")
            initialized = count
        }
    }
}

extension RLPItem {
    /// The number of bytes ``RLP/encode(_:)`` produces for this item.
    public var encodedCount: Int {
        switch self {
        case let .bytes(bytes):
            return RLP.encodedCount(byteStringCount: bytes.count, first: bytes.first)
        case .list:
            return RLP.encodedCount(listPayloadCount: payloadCount)
        }
    }

    /// The payload size: the byte count of a string, or the encoded size of a list's items.
    var payloadCount: Int {
        switch self {
        case let .bytes(bytes): return bytes.count
        case let .list(items): return items.reduce(0) { $0 + $1.encodedCount }
        }
    }
}

/// Writes RLP into a caller-sized buffer, front to back, without allocating.
///
/// Callers size the buffer with the `RLP.encodedCount` functions and then write each field;
/// writing past the end is a programming error and traps.
public struct RLPWriter {
    /// The destination buffer.
    public let buffer: UnsafeMutableRawBufferPointer
    /// The number of bytes written so far (the next write goes here).
    public var offset: Int = 0

    /// Creates a writer that fills `buffer` from its start.
    @inlinable
    public init(_ buffer: UnsafeMutableRawBufferPointer) { self.buffer = buffer }

    @usableFromInline
    mutating func put(_ byte: UInt8) {
        precondition(offset < buffer.count, "RLPWriter buffer overflow")
        buffer[offset] = byte
        offset += 1
    }

    /// Writes a header: `shortBase + count` below 56 bytes, else `longBase` plus the length's byte count, then the length.
    @usableFromInline
    mutating func writeHeader(count: Int, shortBase: UInt8, longBase: UInt8) {
        if count < 56 {
            put(shortBase + UInt8(count))
        } else {
            let length = UInt64(count)
            let lengthCount = RLP.byteCount(of: length)
            put(longBase + UInt8(lengthCount))
            for index in stride(from: lengthCount - 1, through: 0, by: -1) {
                put(UInt8(truncatingIfNeeded: length >> (8 * UInt64(index))))
            }
        }
    }

    /// Writes the header of a list whose items take `payloadCount` encoded bytes.
    @inlinable
    public mutating func writeListHeader(payloadCount: Int) {
        writeHeader(count: payloadCount, shortBase: 0xc0, longBase: 0xf7)
    }

    /// Writes the byte string `bytes` (a single byte below `0x80` stands for itself).
    @inlinable
    public mutating func writeBytes(_ bytes: UnsafeRawBufferPointer) {
        if bytes.count == 1 && bytes[0] < 0x80 {
            put(bytes[0])
            return
        }
        writeHeader(count: bytes.count, shortBase: 0x80, longBase: 0xb7)
        precondition(offset + bytes.count <= buffer.count, "RLPWriter buffer overflow")
        if let source = bytes.baseAddress, bytes.count > 0 {
            (buffer.baseAddress! + offset).copyMemory(from: source, byteCount: bytes.count)
        }
        offset += bytes.count
    }

    /// Writes the byte string `bytes`.
    @inlinable
    public mutating func writeBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { writeBytes($0) }
    }

    /// Writes an unsigned integer as its minimal big-endian bytes.
    @inlinable
    public mutating func write(_ value: UInt64) {
        if value != 0 && value < 0x80 {
            put(UInt8(value))
            return
        }
        let count = RLP.byteCount(of: value)
        put(0x80 + UInt8(count))
        for index in stride(from: count - 1, through: 0, by: -1) {
            put(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))))
        }
    }

    /// Writes a 256-bit unsigned integer as its minimal big-endian bytes.
    @inlinable
    public mutating func write(_ value: UInt256) {
        if value.w1 | value.w2 | value.w3 == 0 {
            write(value.w0)
            return
        }
        let count = (value.bitLength + 7) / 8
        put(0x80 + UInt8(count))
        withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { word in
            value.storeBigEndianWord(to: word.baseAddress!)
            for index in (32 - count)..<32 { put(word[index]) }
        }
    }

    /// Writes a 20-byte address as a byte string.
    @inlinable
    public mutating func write(_ address: Address) {
        put(0x80 + 20)
        precondition(offset + 20 <= buffer.count, "RLPWriter buffer overflow")
        address.store(to: buffer.baseAddress! + offset)
        offset += 20
    }

    /// Writes a 32-byte value as a byte string.
    @inlinable
    public mutating func write(_ word: Bytes32) {
        put(0x80 + 32)
        precondition(offset + 32 <= buffer.count, "RLPWriter buffer overflow")
        word.store(to: buffer.baseAddress! + offset)
        offset += 32
    }

    /// Writes the empty byte string `0x80` (an absent `to`, the integer 0).
    @inlinable
    public mutating func writeEmpty() { put(0x80) }

    /// Writes one byte as is, outside RLP framing (the EIP-2718 type byte).
    @inlinable
    public mutating func writeRawByte(_ byte: UInt8) { put(byte) }

    /// Writes already-encoded RLP bytes unchanged.
    @inlinable
    public mutating func writeEncoded(_ encoded: UnsafeRawBufferPointer) {
        precondition(offset + encoded.count <= buffer.count, "RLPWriter buffer overflow")
        if let source = encoded.baseAddress, encoded.count > 0 {
            (buffer.baseAddress! + offset).copyMemory(from: source, byteCount: encoded.count)
        }
        offset += encoded.count
    }

    /// Writes `item` and everything inside it.
    public mutating func write(_ item: RLPItem) {
        switch item {
        case let .bytes(bytes):
            writeBytes(bytes)
        case let .list(items):
            writeListHeader(payloadCount: item.payloadCount)
            for child in items { write(child) }
        }
    }
}
