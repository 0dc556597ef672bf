/// Why RLP bytes were refused. Offsets count from the start of the decoded input.
public enum RLPDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// There were no bytes where an item must start.
    case empty
    /// An item's header announces more bytes than its enclosing input or list holds.
    case truncated(offset: Int, needed: Int, available: Int)
    /// A single byte below `0x80` wrapped as `0x81 xx`: it must be written as itself.
    case nonCanonicalSingleByte(offset: Int)
    /// The long form (`0xb8…`/`0xf8…`) used for a payload shorter than 56 bytes.
    case nonCanonicalLongLength(offset: Int, length: Int)
    /// A long-form length written with a leading zero byte.
    case leadingZeroInLength(offset: Int)
    /// A long-form length that does not fit the input size at all.
    case lengthTooLarge(offset: Int)
    /// Bytes left after the top-level item.
    case trailingBytes(offset: Int, count: Int)
    /// Lists nested deeper than the decoder's limit.
    case tooDeep(offset: Int, limit: Int)
    /// An integer field with a leading zero byte (integers are minimal big-endian; 0 is empty).
    case leadingZeroInInteger(offset: Int?)
    /// An integer field longer than its type allows.
    case integerTooLarge(byteCount: Int, limit: Int)
    /// A list where a byte string was required.
    case expectedBytes
    /// A byte string where a list was required.
    case expectedList

    public var description: String {
        switch self {
        case .empty:
            return "RLP input is empty"
        case let .truncated(offset, needed, available):
            return "RLP item at offset \(offset) needs \(needed) bytes but only \(available) remain"
        case let .nonCanonicalSingleByte(offset):
            return "RLP at offset \(offset): a single byte below 0x80 must encode as itself, not as 0x81 xx"
        case let .nonCanonicalLongLength(offset, length):
            return "RLP at offset \(offset): long-form length \(length) used for a payload under 56 bytes"
        case let .leadingZeroInLength(offset):
            return "RLP at offset \(offset): length has a leading zero byte"
        case let .lengthTooLarge(offset):
            return "RLP at offset \(offset): length exceeds the input size"
        case let .trailingBytes(offset, count):
            return "RLP: \(count) trailing bytes after the item, from offset \(offset)"
        case let .tooDeep(offset, limit):
            return "RLP at offset \(offset): lists nested deeper than \(limit)"
        case let .leadingZeroInInteger(offset):
            return "RLP integer\(offset.map { " at offset \($0)" } ?? "") has a leading zero byte"
        case let .integerTooLarge(byteCount, limit):
            return "RLP integer of \(byteCount) bytes exceeds \(limit) bytes"
        case .expectedBytes:
            return "RLP: expected a byte string, found a list"
        case .expectedList:
            return "RLP: expected a list, found a byte string"
        }
    }
}

/// Where one item sits in the input: whether it is a list and the range of its payload.
public struct RLPHeader: Equatable, Sendable {
    /// True for a list, false for a byte string.
    public var isList: Bool
    /// Offset of the first payload byte.
    public var payloadStart: Int
    /// Number of payload bytes.
    public var payloadCount: Int
    /// Offset just past the item.
    public var end: Int { payloadStart + payloadCount }
}

extension RLP {
    /// The default nesting limit of ``decode(_:maxDepth:)``.
    public static let defaultMaxDepth = 64

    /// Reads the header of the item at `offset`, which must end by `end`, checking every canonical-form rule.
    /// - Returns: the item's kind and payload range (within `offset..<end`).
    /// - Throws: ``RLPDecodingError`` for a missing, truncated or non-canonical header.
    public static func readHeader(_ input: UnsafeRawBufferPointer, at offset: Int, end: Int) throws(RLPDecodingError) -> RLPHeader {
        guard offset < end else { throw .empty }
        let prefix = input[offset]
        let available = end - offset - 1
        switch prefix {
        case 0x00...0x7f:
            return RLPHeader(isList: false, payloadStart: offset, payloadCount: 1)
        case 0x80...0xb7, 0xc0...0xf7:
            let isList = prefix >= 0xc0
            let count = Int(prefix - (isList ? 0xc0 : 0x80))
            guard count <= available else { throw .truncated(offset: offset, needed: count + 1, available: available + 1) }
            if !isList && count == 1 && input[offset + 1] < 0x80 { throw .nonCanonicalSingleByte(offset: offset) }
            return RLPHeader(isList: isList, payloadStart: offset + 1, payloadCount: count)
        default:
            let isList = prefix >= 0xf8
            let lengthCount = Int(prefix - (isList ? 0xf7 : 0xb7))
            guard lengthCount <= available else {
                throw .truncated(offset: offset, needed: lengthCount + 1, available: available + 1)
            }
            guard input[offset + 1] != 0 else { throw .leadingZeroInLength(offset: offset) }
            // A length that needs more than 7 bytes cannot fit any real input.
            guard lengthCount <= 7 else { throw .lengthTooLarge(offset: offset) }
            var count = 0
            for index in 0..<lengthCount { count = count << 8 | Int(input[offset + 1 + index]) }
            guard count >= 56 else { throw .nonCanonicalLongLength(offset: offset, length: count) }
            let remaining = available - lengthCount
            guard count <= remaining else {
                throw .truncated(offset: offset, needed: 1 + lengthCount + count, available: available + 1)
            }
            return RLPHeader(isList: isList, payloadStart: offset + 1 + lengthCount, payloadCount: count)
        }
    }

    /// Decodes exactly one item that spans all of `input`.
    /// - Parameter maxDepth: the deepest list nesting accepted (the top-level list is depth 1).
    /// - Returns: the item. Its storage never exceeds a small multiple of the input size.
    /// - Throws: ``RLPDecodingError`` for non-canonical or truncated encodings, trailing bytes, or nesting beyond `maxDepth`.
    public static func decode(_ input: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth) throws(RLPDecodingError) -> RLPItem {
        let (item, end) = try decodeItem(input, at: 0, end: input.count, depth: 0, maxDepth: maxDepth)
        guard end == input.count else { throw .trailingBytes(offset: end, count: input.count - end) }
        return item
    }

    /// Decodes exactly one item that spans all of `bytes`.
    /// - Throws: ``RLPDecodingError`` as ``decode(_:maxDepth:)-(UnsafeRawBufferPointer,_)`` does.
    public static func decode(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(RLPDecodingError) -> RLPItem {
        try bytes.withUnsafeBytes { raw in
            Result<RLPItem, RLPDecodingError> { () throws(RLPDecodingError) in try decode(raw, maxDepth: maxDepth) }
        }.get()
    }

    static func decodeItem(_ input: UnsafeRawBufferPointer, at offset: Int, end: Int, depth: Int, maxDepth: Int)
        throws(RLPDecodingError) -> (RLPItem, Int) {
        let header = try readHeader(input, at: offset, end: end)
        guard header.isList else {
            let payload = Array(input[header.payloadStart..<header.end])
            return (.bytes(payload), header.end)
        }
        guard depth < maxDepth else { throw .tooDeep(offset: offset, limit: maxDepth) }
        var items: [RLPItem] = []
        var cursor = header.payloadStart
        while cursor < header.end {
            let (child, next) = try decodeItem(input, at: cursor, end: header.end, depth: depth + 1, maxDepth: maxDepth)
            items.append(child)
            cursor = next
        }
        return (.list(items), header.end)
    }

    /// Reads a minimal big-endian unsigned integer of at most 8 bytes (empty is 0).
    /// - Throws: ``RLPDecodingError/leadingZeroInInteger(offset:)`` or ``RLPDecodingError/integerTooLarge(byteCount:limit:)``.
    public static func uint64<Bytes: Collection>(fromMinimal bytes: Bytes) throws(RLPDecodingError) -> UInt64
    where Bytes.Element == UInt8 {
        guard bytes.count <= 8 else { throw .integerTooLarge(byteCount: bytes.count, limit: 8) }
        if let first = bytes.first, first == 0 { throw .leadingZeroInInteger(offset: nil) }
        var value: UInt64 = 0
        for byte in bytes { value = value << 8 | UInt64(byte) }
        return value
    }

    /// Reads a minimal big-endian unsigned integer of at most 32 bytes (empty is 0).
    /// - Throws: ``RLPDecodingError/leadingZeroInInteger(offset:)`` or ``RLPDecodingError/integerTooLarge(byteCount:limit:)``.
    public static func uint256<Bytes: Collection>(fromMinimal bytes: Bytes) throws(RLPDecodingError) -> UInt256
    where Bytes.Element == UInt8 {
        guard bytes.count <= 32 else { throw .integerTooLarge(byteCount: bytes.count, limit: 32) }
        if let first = bytes.first, first == 0 { throw .leadingZeroInInteger(offset: nil) }
        return UInt256(bigEndianBytes: bytes)!
    }
}

extension RLPItem {
    /// The bytes of a byte-string item.
    /// - Throws: ``RLPDecodingError/expectedBytes`` for a list.
    public func bytesValue() throws(RLPDecodingError) -> [UInt8] {
        guard case let .bytes(bytes) = self else { throw .expectedBytes }
        return bytes
    }

    /// The items of a list item.
    /// - Throws: ``RLPDecodingError/expectedList`` for a byte string.
    public func listValue() throws(RLPDecodingError) -> [RLPItem] {
        guard case let .list(items) = self else { throw .expectedList }
        return items
    }

    /// The item read as a minimal big-endian integer of at most 64 bits.
    /// - Throws: ``RLPDecodingError`` for a list, a leading zero or more than 8 bytes.
    public func uint64Value() throws(RLPDecodingError) -> UInt64 {
        try RLP.uint64(fromMinimal: bytesValue())
    }

    /// The item read as a minimal big-endian integer of at most 256 bits.
    /// - Throws: ``RLPDecodingError`` for a list, a leading zero or more than 32 bytes.
    public func uint256Value() throws(RLPDecodingError) -> UInt256 {
        try RLP.uint256(fromMinimal: bytesValue())
    }
}
