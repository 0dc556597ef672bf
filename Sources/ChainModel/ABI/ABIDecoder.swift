/// The strict Solidity ABI decoder.
///
/// Rules (each violation is an ``ABIDecodingError`` with the byte offset, value path and reason):
/// - every offset and length is range-checked in 256-bit arithmetic before use (no overflow);
///   an offset must point past its container's head and leave room for at least one word;
/// - padding is canonical: `uintN`/`ufixed`/`address` high bits zero, `intN`/`fixed` sign-extended,
///   `bool` 0 or 1, `bytesN`/`function`/`bytes`/`string` tail padding zero (and present);
/// - `string` must be valid UTF-8;
/// - an array length is checked against the remaining input before anything is allocated, and the
///   total decoded size is bounded by the input size (each decoded word is charged against the input,
///   so offsets that alias the same data cannot expand a small input into a huge value);
/// - types nest at most ``depthLimit`` levels.
///
/// Trailing bytes after the last used byte are allowed, as eth-abi and Solidity's own decoder
/// allow them (call data may carry extra bytes; `abi.decode` ignores them).
public enum ABIDecoder {
    /// The nesting limit for tuples and arrays.
    public static let depthLimit = 32

    /// Decodes `abi.encode(values…)` of `types`.
    ///
    /// Throws ``ABIDecodingError`` when the data is not a canonical encoding of the types.
    public static func decode(types: [ABIType], from data: [UInt8]) throws(ABIDecodingError) -> [ABIValue] {
        try decode(parameters: types.map { ABIParameter(type: $0) }, from: data)
    }

    /// Decodes `abi.encode(values…)` of the parameters' types; parameter and component names appear
    /// in error paths.
    ///
    /// Throws ``ABIDecodingError`` when the data is not a canonical encoding of the types.
    public static func decode(parameters: [ABIParameter], from data: [UInt8]) throws(ABIDecodingError) -> [ABIValue] {
        try decode(parameters: parameters, from: data[...], reportingOffset: 0)
    }

    /// Decodes call data: checks that it starts with `selector`, then decodes the arguments.
    ///
    /// Throws ``ABIDecodingError`` for a missing or different selector, or undecodable arguments
    /// (byte offsets in errors count from the start of the call data).
    public static func decodeCall(selector: ABISelector, parameters: [ABIParameter], from data: [UInt8]) throws(ABIDecodingError) -> [ABIValue] {
        guard data.count >= 4 else { throw ABIDecodingError(offset: 0, reason: .missingSelector(available: data.count)) }
        let found = ABISelector(bytes: data[0..<4])!
        guard found == selector else {
            throw ABIDecodingError(offset: 0, reason: .selectorMismatch(expected: selector, found: found))
        }
        return try decode(parameters: parameters, from: data[4...], reportingOffset: 4)
    }

    /// Decodes call data for `selector` and bare types.
    ///
    /// Throws ``ABIDecodingError`` as ``decodeCall(selector:parameters:from:)`` does.
    public static func decodeCall(selector: ABISelector, types: [ABIType], from data: [UInt8]) throws(ABIDecodingError) -> [ABIValue] {
        try decodeCall(selector: selector, parameters: types.map { ABIParameter(type: $0) }, from: data)
    }

    static func decode(parameters: [ABIParameter], from data: ArraySlice<UInt8>, reportingOffset: Int) throws(ABIDecodingError) -> [ABIValue] {
        let result: Result<[ABIValue], ABIDecodingError> = data.withUnsafeBytes { raw in
            var reader = ABIReader(raw, reportingOffset: reportingOffset)
            do throws(ABIDecodingError) {
                return .success(try reader.decodeTuple(parameters.map(\.type), names: parameters, at: 0, depth: 0, arguments: true))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// Reads one encoding. Positions are byte offsets into `bytes`; errors report them plus
/// `reportingOffset` (4 for call data).
struct ABIReader {
    let bytes: UnsafeRawBufferPointer
    let count: Int
    let reportingOffset: Int
    /// Bytes of decoded output still allowed (starts at the input size).
    var budget: Int
    /// When non-nil, what each word is (by byte position), for ``ABILayout``; nil when only decoding.
    var notes: [Int: String]?
    /// The path of the value being decoded, kept only while ``notes`` is non-nil.
    var trail: [ABIValuePath.Component] = []

    init(_ bytes: UnsafeRawBufferPointer, reportingOffset: Int) {
        self.bytes = bytes
        self.count = bytes.count
        self.reportingOffset = reportingOffset
        self.budget = bytes.count
    }

    func failure(_ position: Int, _ reason: ABIDecodingError.Reason) -> ABIDecodingError {
        ABIDecodingError(offset: position + reportingOffset, reason: reason)
    }

    mutating func charge(_ amount: Int, at position: Int) throws(ABIDecodingError) {
        guard amount <= budget else { throw failure(position, .decodedSizeExceedsInput(inputSize: count)) }
        budget -= amount
    }

    /// Reads the word at `position`, charging 32 bytes.
    mutating func word(at position: Int) throws(ABIDecodingError) -> UInt256 {
        guard position <= count - 32 else {
            throw failure(position, .truncated(needed: 32, available: Swift.max(0, count - position)))
        }
        try charge(32, at: position)
        return UInt256(bigEndianWordAt: bytes.baseAddress! + position)
    }

    func hexWord(_ value: UInt256) -> String {
        let digits = value.minimalBigEndianBytes
        return digits.isEmpty ? "0x0" : Hex.encode(digits)
    }

    /// A word read as a non-negative Int no larger than `limit`, or nil.
    func smallInt(_ value: UInt256, limit: Int) -> Int? {
        guard value.w1 | value.w2 | value.w3 == 0, value.w0 <= UInt64(limit) else { return nil }
        return Int(value.w0)
    }

    // MARK: Containers

    /// Decodes a tuple whose encoding starts at `start`. `shape` is the tuple's ``TupleShape`` when the
    /// caller has it already (every element of an array of tuples shares one).
    mutating func decodeTuple(_ types: [ABIType], names: [ABIParameter], at start: Int, depth: Int,
                              arguments: Bool = false, shape known: TupleShape? = nil) throws(ABIDecodingError) -> [ABIValue] {
        guard depth <= ABIDecoder.depthLimit else {
            throw failure(start, .depthLimitExceeded(limit: ABIDecoder.depthLimit))
        }
        guard let shape = known ?? TupleShape(types, reader: self) else {
            throw failure(start, .staticSizeOverflow)
        }
        let headSize = shape.headSize
        guard headSize <= count - start else {
            throw failure(start, .truncated(needed: headSize, available: count - start))
        }
        var values: [ABIValue] = []
        values.reserveCapacity(types.count)
        var position = start
        for index in types.indices {
            let type = types[index]
            let components = index < names.count ? names[index].components : []
            if notes != nil { trail.append(component(index, names, arguments)) }
            defer { if notes != nil { trail.removeLast() } }
            do {
                if shape.isDynamic(field: index, type) {
                    let target = try pointer(at: position, frame: start, headSize: headSize)
                    values.append(try decodeValue(type, names: components, at: target, depth: depth + 1))
                    position += 32
                } else {
                    values.append(try decodeValue(type, names: components, at: position, depth: depth + 1))
                    position += staticSize(type)!
                }
            } catch {
                throw error.prepending(component(index, names, arguments))
            }
        }
        return values
    }

    /// The path step for field or argument `index`, named when `names` has it.
    func component(_ index: Int, _ names: [ABIParameter], _ arguments: Bool) -> ABIValuePath.Component {
        let name = index < names.count ? names[index].name : ""
        return arguments ? .argument(index, name: name) : .field(index, name: name)
    }

    /// Reads the offset word at `position` (relative to `frame`) and returns the absolute target.
    mutating func pointer(at position: Int, frame: Int, headSize: Int) throws(ABIDecodingError) -> Int {
        let raw = try word(at: position)
        guard let offset = smallInt(raw, limit: count) else {
            throw failure(position, .offsetOutOfRange(offset: hexWord(raw), dataSize: count))
        }
        guard offset >= headSize else { throw failure(position, .offsetIntoHead(offset: offset, headSize: headSize)) }
        let target = frame + offset
        guard target <= count - 32 else {
            throw failure(position, .offsetOutOfRange(offset: hexWord(raw), dataSize: count))
        }
        note(position, "offset 0x\(String(offset, radix: 16)) → 0x\(String(target, radix: 16))")
        return target
    }

    /// Decodes `elementCount` elements laid out from `start` (the frame of their offsets); a count
    /// the input cannot hold is reported at `lengthAt` (the length word, or the array's start).
    mutating func decodeSequence(_ element: ABIType, names: [ABIParameter], count elementCount: Int,
                                 at start: Int, depth: Int, lengthAt: Int) throws(ABIDecodingError) -> [ABIValue] {
        guard depth <= ABIDecoder.depthLimit else {
            throw failure(start, .depthLimitExceeded(limit: ABIDecoder.depthLimit))
        }
        let dynamic = element.isDynamic
        guard let elementSize = dynamic ? 32 : staticSize(element) else {
            throw failure(start, .staticSizeOverflow)
        }
        // Bound the allocation by the input: every element costs at least one word of budget and,
        // unless it is empty, its head bytes must be present.
        let available = count - start
        guard elementSize == 0 || elementCount <= available / elementSize else {
            throw failure(lengthAt, .lengthOutOfRange(length: "0x" + String(elementCount, radix: 16), available: Swift.max(0, available)))
        }
        guard elementCount <= budget / 32 else { throw failure(lengthAt, .decodedSizeExceedsInput(inputSize: count)) }
        if elementSize == 0 { try charge(32 * elementCount, at: start) }
        let headSize = elementSize * elementCount
        // Dynamic tuple elements share one shape: work it out once, not once per element. (When it
        // overflows, each element reports that itself, as any tuple does.)
        var tuple: (types: [ABIType], shape: TupleShape)?
        if dynamic, elementCount > 0, case let .tuple(types) = element, let shape = TupleShape(types, reader: self) {
            tuple = (types, shape)
        }
        var values: [ABIValue] = []
        values.reserveCapacity(elementCount)
        for index in 0..<elementCount {
            if notes != nil { trail.append(.element(index)) }
            defer { if notes != nil { trail.removeLast() } }
            do {
                if dynamic {
                    let target = try pointer(at: start + 32 * index, frame: start, headSize: headSize)
                    if let tuple {
                        // What decodeValue does for a tuple (tuples have no words of their own to annotate).
                        values.append(.tuple(try decodeTuple(tuple.types, names: names, at: target, depth: depth + 1,
                                                             shape: tuple.shape)))
                    } else {
                        values.append(try decodeValue(element, names: names, at: target, depth: depth + 1))
                    }
                } else {
                    values.append(try decodeValue(element, names: names, at: start + elementSize * index, depth: depth + 1))
                }
            } catch {
                throw error.prepending(.element(index))
            }
        }
        return values
    }

    // MARK: Values

    /// Decodes one value whose encoding starts at `position` (for dynamic types: the resolved target).
    mutating func decodeValue(_ type: ABIType, names: [ABIParameter], at position: Int, depth: Int) throws(ABIDecodingError) -> ABIValue {
        let value = try decodeValueBody(type, names: names, at: position, depth: depth)
        if notes != nil { annotate(value, type, at: position) }
        return value
    }

    /// Records what the words of a decoded value are.
    mutating func annotate(_ value: ABIValue, _ type: ABIType, at position: Int) {
        switch (type, value) {
        case let (.array, .array(items)):
            note(position, "length \(items.count)")
        case let (.bytes, .bytes(payload)):
            notePayload(position, count: payload.count)
        case let (.string, .string(text)):
            notePayload(position, count: text.utf8.count)
        case (.fixedArray, _), (.tuple, _):
            break
        default:
            note(position, "\(type.canonicalName) \(value.formatted(as: type))")
        }
    }

    mutating func notePayload(_ position: Int, count payloadCount: Int) {
        note(position, "length \(payloadCount)")
        let words = paddedTo32(payloadCount) / 32
        for index in 0..<words {
            note(position + 32 + 32 * index, "data" + (index == words - 1 && payloadCount % 32 != 0 ? " and zero padding" : ""))
        }
    }

    mutating func note(_ position: Int, _ text: @autoclosure () -> String) {
        guard notes != nil else { return }
        let path = ABIValuePath(trail)
        notes![position] = path.components.isEmpty ? text() : "\(path): \(text())"
    }

    mutating func decodeValueBody(_ type: ABIType, names: [ABIParameter], at position: Int, depth: Int) throws(ABIDecodingError) -> ABIValue {
        switch type {
        case let .uint(bits), let .ufixed(bits, _):
            let value = try word(at: position)
            guard value.fitsUnsigned(bits: bits) else { throw failure(position, .outOfRange(type: type.canonicalName)) }
            return .uint(value)
        case let .int(bits), let .fixed(bits, _):
            let value = try word(at: position)
            guard value.fitsSigned(bits: bits) else { throw failure(position, .outOfRange(type: type.canonicalName)) }
            return .int(Int256(bitPattern: value))
        case .address:
            let value = try word(at: position)
            guard value.fitsUnsigned(bits: 160) else { throw failure(position, .outOfRange(type: "address")) }
            return .address(Address(loadingFrom: bytes.baseAddress! + position + 12))
        case .bool:
            let value = try word(at: position)
            guard value.fitsUnsigned(bits: 1) else { throw failure(position, .invalidBool(hexWord(value))) }
            return .bool(value.w0 == 1)
        case let .fixedBytes(size):
            return .fixedBytes(try leftAligned(size, type, at: position))
        case .function:
            return .fixedBytes(try leftAligned(24, type, at: position))
        case .bytes:
            return .bytes(ABIReader.copy(try payload(type, at: position)))
        case .string:
            guard let text = ABIReader.string(validatingUTF8: try payload(type, at: position)) else {
                throw failure(position + 32, .invalidUTF8)
            }
            return .string(text)
        case let .array(element):
            let raw = try word(at: position)
            let limit = count - position - 32
            guard let length = smallInt(raw, limit: limit) else {
                throw failure(position, .lengthOutOfRange(length: hexWord(raw), available: limit))
            }
            return .array(try decodeSequence(element, names: names, count: length, at: position + 32, depth: depth,
                                             lengthAt: position))
        case let .fixedArray(element, size):
            return .array(try decodeSequence(element, names: names, count: size, at: position, depth: depth, lengthAt: position))
        case let .tuple(types):
            return .tuple(try decodeTuple(types, names: names, at: position, depth: depth))
        }
    }

    /// `bytesN` / `function`: `size` bytes followed by zero padding in one word.
    mutating func leftAligned(_ size: Int, _ type: ABIType, at position: Int) throws(ABIDecodingError) -> [UInt8] {
        _ = try word(at: position)
        let start = bytes.baseAddress! + position
        if ABIReader.firstNonZeroByte(start, from: size, to: 32) != nil {
            throw failure(position, .nonZeroPadding(type: type.canonicalName))
        }
        return ABIReader.copy(UnsafeRawBufferPointer(start: start, count: size))
    }

    /// `bytes` / `string`: a length word, the data, zero padding to a word boundary. Returns the data
    /// in place (no copy).
    mutating func payload(_ type: ABIType, at position: Int) throws(ABIDecodingError) -> UnsafeRawBufferPointer {
        let raw = try word(at: position)
        let available = count - position - 32
        guard let length = smallInt(raw, limit: available), paddedTo32(length) <= available else {
            throw failure(position, .lengthOutOfRange(length: hexWord(raw), available: available))
        }
        let padded = paddedTo32(length)
        try charge(padded, at: position + 32)
        let start = bytes.baseAddress! + position + 32
        if let index = ABIReader.firstNonZeroByte(start, from: length, to: padded) {
            throw failure(position + 32 + index, .nonZeroPadding(type: type.canonicalName))
        }
        return UnsafeRawBufferPointer(start: start, count: length)
    }

    /// The index of the first non-zero byte in `start[from..<to]`, or nil when they are all zero.
    /// Reads eight bytes at a time, then finds the byte within the first non-zero group.
    static func firstNonZeroByte(_ start: UnsafeRawPointer, from: Int, to end: Int) -> Int? {
        var index = from
        while index + 8 <= end {
            if start.loadUnaligned(fromByteOffset: index, as: UInt64.self) != 0 { break }
            index += 8
        }
        while index < end {
            if start.load(fromByteOffset: index, as: UInt8.self) != 0 { return index }
            index += 1
        }
        return nil
    }

    /// A new array holding `raw`'s bytes. (`Array(_:)` on a raw buffer allocates through the
    /// specialized buffer initializer; `init(unsafeUninitializedCapacity:)` goes through a generic,
    /// unspecialized allocation that looks up type metadata on every call, about three times the cost.)
    @inline(__always)
    static func copy(_ raw: UnsafeRawBufferPointer) -> [UInt8] {
        Array(raw)
    }

    /// The string whose UTF-8 encoding is exactly `raw`, or nil when `raw` is not valid UTF-8.
    ///
    /// Builds the string straight from the buffer. `String(decoding:as:)` repairs invalid input
    /// with U+FFFD, so input that is not all ASCII is accepted only if the result re-encodes to the
    /// very same bytes (a repaired string never does).
    static func string(validatingUTF8 raw: UnsafeRawBufferPointer) -> String? {
        let units = raw.assumingMemoryBound(to: UInt8.self)
        var text = String(decoding: units, as: UTF8.self)
        if isASCII(raw) { return text }
        let exact = text.withUTF8 { stored in stored.count == units.count && stored.elementsEqual(units) }
        return exact ? text : nil
    }

    /// Whether every byte of `raw` is below 0x80 (checked eight bytes at a time).
    static func isASCII(_ raw: UnsafeRawBufferPointer) -> Bool {
        guard let base = raw.baseAddress else { return true }
        var combined: UInt64 = 0
        var index = 0
        while index + 8 <= raw.count {
            combined |= base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < raw.count {
            combined |= UInt64(base.load(fromByteOffset: index, as: UInt8.self))
            index += 1
        }
        return combined & 0x8080_8080_8080_8080 == 0
    }

    // MARK: Sizes

    /// The static (head) size of a type with overflow checks; nil when it does not fit in an Int.
    /// A dynamic type's head is its 32-byte offset.
    func staticSize(_ type: ABIType) -> Int? {
        switch type {
        case let .fixedArray(element, elementCount):
            if elementCount > 0 && element.isDynamic { return 32 }
            guard let size = staticSize(element) else { return nil }
            let (product, overflow) = size.multipliedReportingOverflow(by: elementCount)
            return overflow ? nil : product
        case let .tuple(components):
            if components.contains(where: \.isDynamic) { return 32 }
            return staticSize(components)
        default:
            return 32
        }
    }

    func staticSize(_ types: [ABIType]) -> Int? {
        var total = 0
        for type in types {
            guard let size = staticSize(type) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(size)
            if overflow { return nil }
            total = sum
        }
        return total
    }
}

/// What decoding a tuple needs to know about its field types, worked out in one pass: the head size
/// and which fields are dynamic (held in a bit mask for the first 64 fields; later fields are asked).
struct TupleShape {
    /// The tuple's head size in bytes.
    let headSize: Int
    /// Bit `i` is set when field `i` (for `i < 64`) is dynamic.
    let dynamicFields: UInt64

    /// The shape of a tuple of `types`, or nil when its head size overflows an Int.
    init?(_ types: [ABIType], reader: ABIReader) {
        var total = 0
        var mask: UInt64 = 0
        for index in types.indices {
            let type = types[index]
            let size: Int
            if type.isDynamic {
                if index < 64 { mask |= 1 << UInt64(index) }
                size = 32
            } else {
                guard let fixed = reader.staticSize(type) else { return nil }
                size = fixed
            }
            let (sum, overflow) = total.addingReportingOverflow(size)
            if overflow { return nil }
            total = sum
        }
        headSize = total
        dynamicFields = mask
    }

    /// Whether field `index`, of type `type`, is dynamic.
    @inline(__always)
    func isDynamic(field index: Int, _ type: ABIType) -> Bool {
        index < 64 ? dynamicFields & (1 << UInt64(index)) != 0 : type.isDynamic
    }
}

extension ABIFunction {
    /// Decodes call data for this function: checks the selector, then decodes ``inputs``.
    ///
    /// Throws ``ABIDecodingError`` for another selector or undecodable arguments.
    public func decodeCall(_ data: [UInt8]) throws(ABIDecodingError) -> [ABIValue] {
        try ABIDecoder.decodeCall(selector: selector, parameters: inputs, from: data)
    }

    /// Decodes return data (`eth_call` output) as ``outputs``.
    ///
    /// Throws ``ABIDecodingError`` when the data is not a canonical encoding of the outputs.
    public func decodeOutput(_ data: [UInt8]) throws(ABIDecodingError) -> [ABIValue] {
        try ABIDecoder.decode(parameters: outputs, from: data)
    }
}
