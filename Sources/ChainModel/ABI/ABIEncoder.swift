/// The Solidity ABI encoder (`abi.encode` of a parameter list, and call data).
///
/// Encoding runs in two passes: the first validates every value against its type and computes
/// the exact size; the second writes into one zero-filled buffer of that size. No intermediate
/// arrays are built per word or per element.
public enum ABIEncoder {
    /// The exact number of bytes ``encode(_:types:)`` returns for these values.
    ///
    /// Throws ``ABIEncodingError`` when the value count differs from the type count or a value
    /// does not fit its type (the error names the value's path and the rule).
    public static func encodedSize(_ values: [ABIValue], types: [ABIType]) throws(ABIEncodingError) -> Int {
        try validateArguments(values, types, names: [])
    }

    /// `abi.encode(values…)`: the encoding of the tuple of `types` holding `values`.
    ///
    /// Throws ``ABIEncodingError`` when the value count differs from the type count, or a value
    /// has the wrong kind, is out of range (`uint8` given 256), has the wrong byte count (`bytes4`
    /// given 3 bytes) or the wrong element count (`T[k]` given other than k elements).
    public static func encode(_ values: [ABIValue], types: [ABIType]) throws(ABIEncodingError) -> [UInt8] {
        let size = try validateArguments(values, types, names: [])
        return write(values, types, size: size, selector: nil)
    }

    /// Like ``encode(_:types:)``, with parameter and component names used in error paths
    /// (`argument 4 (_newComponentsAuctionParams)[1].priceAdapterName: …`).
    ///
    /// Throws ``ABIEncodingError`` under the same conditions as ``encode(_:types:)``.
    public static func encode(_ values: [ABIValue], parameters: [ABIParameter]) throws(ABIEncodingError) -> [UInt8] {
        let types = parameters.map(\.type)
        let size = try validateArguments(values, types, names: parameters)
        return write(values, types, size: size, selector: nil)
    }

    /// Call data: the 4-byte `selector` followed by `abi.encode(values…)`.
    ///
    /// Throws ``ABIEncodingError`` under the same conditions as ``encode(_:types:)``.
    public static func encodeCall(selector: ABISelector, _ values: [ABIValue], parameters: [ABIParameter]) throws(ABIEncodingError) -> [UInt8] {
        let types = parameters.map(\.type)
        let size = try validateArguments(values, types, names: parameters)
        return write(values, types, size: size, selector: selector)
    }

    /// Call data from a selector and bare types.
    ///
    /// Throws ``ABIEncodingError`` under the same conditions as ``encode(_:types:)``.
    public static func encodeCall(selector: ABISelector, _ values: [ABIValue], types: [ABIType]) throws(ABIEncodingError) -> [UInt8] {
        let size = try validateArguments(values, types, names: [])
        return write(values, types, size: size, selector: selector)
    }

    /// Allocates the one output buffer, zero-filled, and writes the validated values into it.
    static func write(_ values: [ABIValue], _ types: [ABIType], size: Int, selector: ABISelector?) -> [UInt8] {
        let prefix = selector == nil ? 0 : 4
        return [UInt8](unsafeUninitializedCapacity: size + prefix) { buffer, count in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            if let base = raw.baseAddress {
                if let selector { base.storeBytes(of: selector.rawValue.bigEndian, as: UInt32.self) }
                _ = writeTuple(values, types, base + prefix, 0)
            }
            count = size + prefix
        }
    }

    // MARK: Validation and size

    /// Validates the arguments and returns their encoded size. `names` (possibly empty) supplies
    /// parameter and component names for error paths.
    static func validateArguments(_ values: [ABIValue], _ types: [ABIType], names: [ABIParameter]) throws(ABIEncodingError) -> Int {
        guard values.count == types.count else {
            throw ABIEncodingError(reason: .argumentCount(expected: types.count, actual: values.count))
        }
        var total = 0
        for index in values.indices {
            do {
                let argument = try measure(values[index], types[index], index < names.count ? names[index].components : [])
                total += argument.dynamic ? 32 + argument.size : argument.size
            } catch {
                throw error.prepending(.argument(index, name: index < names.count ? names[index].name : ""))
            }
        }
        return total
    }

    /// The encoded size of one value (head and tail for dynamic types), after validating it, and
    /// whether the type is dynamic (computed in the same walk, so the validation pass never
    /// re-walks the type). `names` are the tuple components of the enclosing parameter (may be empty).
    static func encodedSize(_ value: ABIValue, _ type: ABIType, _ names: [ABIParameter]) throws(ABIEncodingError) -> Int {
        try measure(value, type, names).size
    }

    static func measure(_ value: ABIValue, _ type: ABIType, _ names: [ABIParameter]) throws(ABIEncodingError) -> (size: Int, dynamic: Bool) {
        func mismatch() -> ABIEncodingError {
            ABIEncodingError(reason: .typeMismatch(expected: type.canonicalName, found: value.kindDescription))
        }
        switch type {
        case let .uint(bits), let .ufixed(bits, _):
            guard case let .uint(number) = value else { throw mismatch() }
            guard number.fitsUnsigned(bits: bits) else { throw ABIEncodingError(reason: .outOfRange(type: type.canonicalName)) }
            return (32, false)
        case let .int(bits), let .fixed(bits, _):
            guard case let .int(number) = value else { throw mismatch() }
            guard number.bitPattern.fitsSigned(bits: bits) else { throw ABIEncodingError(reason: .outOfRange(type: type.canonicalName)) }
            return (32, false)
        case .address:
            guard case .address = value else { throw mismatch() }
            return (32, false)
        case .bool:
            guard case .bool = value else { throw mismatch() }
            return (32, false)
        case let .fixedBytes(size):
            guard case let .fixedBytes(bytes) = value else { throw mismatch() }
            guard bytes.count == size else {
                throw ABIEncodingError(reason: .wrongByteCount(type: type.canonicalName, expected: size, actual: bytes.count))
            }
            return (32, false)
        case .function:
            guard case let .fixedBytes(bytes) = value else { throw mismatch() }
            guard bytes.count == 24 else {
                throw ABIEncodingError(reason: .wrongByteCount(type: "function", expected: 24, actual: bytes.count))
            }
            return (32, false)
        case .bytes:
            guard case let .bytes(bytes) = value else { throw mismatch() }
            return (32 + paddedTo32(bytes.count), true)
        case .string:
            guard case let .string(text) = value else { throw mismatch() }
            return (32 + paddedTo32(text.utf8.count), true)
        case let .array(element):
            guard case let .array(items) = value else { throw mismatch() }
            return (32 + (try sequenceSize(items, element, names)), true)
        case let .fixedArray(element, count):
            guard case let .array(items) = value else { throw mismatch() }
            guard items.count == count else {
                throw ABIEncodingError(reason: .wrongElementCount(type: type.canonicalName, expected: count, actual: items.count))
            }
            return (try sequenceSize(items, element, names), count > 0 && element.isDynamic)
        case let .tuple(types):
            guard case let .tuple(items) = value else { throw mismatch() }
            guard items.count == types.count else {
                throw ABIEncodingError(reason: .wrongTupleArity(expected: types.count, actual: items.count))
            }
            var total = 0
            var dynamic = false
            for index in items.indices {
                do {
                    let field = try measure(items[index], types[index], index < names.count ? names[index].components : [])
                    total += field.dynamic ? 32 + field.size : field.size
                    dynamic = dynamic || field.dynamic
                } catch {
                    throw error.prepending(.field(index, name: index < names.count ? names[index].name : ""))
                }
            }
            return (total, dynamic)
        }
    }

    static func sequenceSize(_ items: [ABIValue], _ element: ABIType, _ names: [ABIParameter]) throws(ABIEncodingError) -> Int {
        var total = 0
        for index in items.indices {
            do {
                let item = try measure(items[index], element, names)
                total += item.dynamic ? 32 + item.size : item.size
            } catch {
                throw error.prepending(.element(index))
            }
        }
        return total
    }

    // MARK: Writing (values already validated)

    /// Writes `value` at `position` and returns the position just past its encoding.
    static func write(_ value: ABIValue, _ type: ABIType, _ base: UnsafeMutableRawPointer, _ position: Int) -> Int {
        switch type {
        case let .array(element):
            let items = value.items
            UInt256(UInt64(items.count)).storeBigEndianWord(to: base + position)
            return writeSequence(items, element, base, position + 32)
        case let .fixedArray(element, _):
            return writeSequence(value.items, element, base, position)
        case let .tuple(types):
            return writeTuple(value.items, types, base, position)
        default:
            break
        }
        let word = base + position
        switch value {
        case let .uint(number):
            number.storeBigEndianWord(to: word)
        case let .int(number):
            number.bitPattern.storeBigEndianWord(to: word)
        case let .address(address):
            address.store(to: word + 12)
        case let .bool(flag):
            word.storeBytes(of: flag ? 1 : 0, toByteOffset: 31, as: UInt8.self)
        case let .fixedBytes(bytes):
            bytes.withUnsafeBytes { word.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        case let .bytes(bytes):
            UInt256(UInt64(bytes.count)).storeBigEndianWord(to: word)
            bytes.withUnsafeBytes { if let source = $0.baseAddress { (word + 32).copyMemory(from: source, byteCount: $0.count) } }
            return position + 32 + paddedTo32(bytes.count)
        case var .string(text):
            return text.withUTF8 { utf8 in
                UInt256(UInt64(utf8.count)).storeBigEndianWord(to: word)
                if let source = utf8.baseAddress { (word + 32).copyMemory(from: source, byteCount: utf8.count) }
                return position + 32 + paddedTo32(utf8.count)
            }
        case .array, .tuple:
            break
        }
        return position + 32
    }

    static func writeSequence(_ items: [ABIValue], _ element: ABIType, _ base: UnsafeMutableRawPointer, _ start: Int) -> Int {
        if element.isDynamic {
            var tail = start + 32 * items.count
            for index in items.indices {
                UInt256(UInt64(tail - start)).storeBigEndianWord(to: base + start + 32 * index)
                tail = write(items[index], element, base, tail)
            }
            return tail
        }
        var position = start
        for item in items { position = write(item, element, base, position) }
        return position
    }

    static func writeTuple(_ items: [ABIValue], _ types: [ABIType], _ base: UnsafeMutableRawPointer, _ start: Int) -> Int {
        var tail = start + types.reduce(0) { $0 + $1.headSize }
        var position = start
        for (item, type) in zip(items, types) {
            if type.isDynamic {
                UInt256(UInt64(tail - start)).storeBigEndianWord(to: base + position)
                position += 32
                tail = write(item, type, base, tail)
            } else {
                position = write(item, type, base, position)
            }
        }
        return Swift.max(tail, position)
    }
}

extension ABIFunction {
    /// Call data for this function: ``selector`` followed by the encoded arguments.
    ///
    /// Throws ``ABIEncodingError`` (with the parameter names in its path) when the arguments do
    /// not match ``inputs``.
    public func encodeCall(_ arguments: [ABIValue]) throws(ABIEncodingError) -> [UInt8] {
        try ABIEncoder.encodeCall(selector: selector, arguments, parameters: inputs)
    }
}

extension ABIError {
    /// Revert data for this error: ``selector`` followed by the encoded parameters.
    ///
    /// Throws ``ABIEncodingError`` when the values do not match ``inputs``.
    public func encode(_ values: [ABIValue]) throws(ABIEncodingError) -> [UInt8] {
        try ABIEncoder.encodeCall(selector: selector, values, parameters: inputs)
    }
}
