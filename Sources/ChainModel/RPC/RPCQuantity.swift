/// A field of a JSON-RPC result that broke the wire format's rules.
public struct RPCFieldError: Error, Equatable, CustomStringConvertible {
    /// The dotted path of the field (`receipt.logs[0].topics[1]`).
    public var field: String
    /// The offending value as it appeared (shortened to 80 characters).
    public var value: String
    /// The rule it broke.
    public var rule: String

    /// Makes an error for `field` whose `value` broke `rule`.
    public init(field: String, value: String, rule: String) {
        self.field = field
        self.value = value.count > 80 ? String(value.prefix(77)) + "..." : value
        self.rule = rule
    }

    public var description: String { "\(field): \(value) \(rule)" }
}

/// Reading and writing the JSON-RPC encodings of quantities and data (Ethereum JSON-RPC spec:
/// quantities are `0x` + minimal hex digits, `0x0` for zero; data is `0x` + two digits a byte).
public enum RPCQuantity {
    /// The wire form of `value`: `0x0`, `0x1f`, … (lowercase, no leading zeros).
    public static func encode(_ value: UInt64) -> String {
        "0x" + String(value, radix: 16)
    }

    /// The wire form of a 256-bit `value`.
    public static func encode(_ value: UInt256) -> String {
        let bytes = value.minimalBigEndianBytes
        guard let first = bytes.first else { return "0x0" }
        var text = "0x" + String(first, radix: 16)
        for byte in bytes.dropFirst() {
            text += byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }
        return text
    }

    static func digits(_ json: JSONValue?, field: String, maximumDigits: Int) throws(RPCFieldError) -> Substring {
        guard let json else { throw RPCFieldError(field: field, value: "(missing)", rule: "is required") }
        guard case let .string(text) = json else {
            throw RPCFieldError(field: field, value: json.serialized, rule: "must be a 0x-prefixed hex quantity string")
        }
        guard text.hasPrefix("0x"), text.count > 2 else {
            throw RPCFieldError(field: field, value: text, rule: "must be a 0x-prefixed hex quantity")
        }
        let body = text.dropFirst(2)
        guard body.utf8.allSatisfy({ Hex.digitValue($0) != nil }) else {
            throw RPCFieldError(field: field, value: text, rule: "has a non-hex digit")
        }
        let significant = body.drop { $0 == "0" }
        guard significant.count <= maximumDigits else {
            throw RPCFieldError(field: field, value: text, rule: "exceeds \(maximumDigits * 4) bits")
        }
        return significant
    }

    /// Reads a quantity that must fit in 64 bits. Leading zeros are tolerated (some nodes send
    /// them); a missing field, a non-string, a missing `0x` or an overflow throws `RPCFieldError`.
    public static func uint64(_ json: JSONValue?, field: String) throws(RPCFieldError) -> UInt64 {
        let significant = try digits(json, field: field, maximumDigits: 16)
        var value: UInt64 = 0
        for byte in significant.utf8 { value = value << 4 | UInt64(Hex.digitValue(byte)!) }
        return value
    }

    /// Reads a quantity of up to 256 bits; throws `RPCFieldError` like `uint64(_:field:)`.
    public static func uint256(_ json: JSONValue?, field: String) throws(RPCFieldError) -> UInt256 {
        let significant = try digits(json, field: field, maximumDigits: 64)
        var bytes = [UInt8](repeating: 0, count: 32)
        var position = 31
        var high = false
        for byte in significant.utf8.reversed() {
            let digit = Hex.digitValue(byte)!
            if high { bytes[position] |= digit << 4; position -= 1 } else { bytes[position] = digit }
            high.toggle()
        }
        return UInt256(bigEndianBytes: bytes)!
    }

    /// Reads `0x`-prefixed data of any even length, at most `maximumBytes`; throws `RPCFieldError`.
    public static func data(_ json: JSONValue?, field: String, maximumBytes: Int = 16 * 1024 * 1024) throws(RPCFieldError) -> [UInt8] {
        guard let json else { throw RPCFieldError(field: field, value: "(missing)", rule: "is required") }
        guard case let .string(text) = json else {
            throw RPCFieldError(field: field, value: json.serialized, rule: "must be 0x-prefixed hex data")
        }
        guard text.utf8.count / 2 <= maximumBytes + 1 else {
            throw RPCFieldError(field: field, value: text, rule: "exceeds \(maximumBytes) bytes")
        }
        do {
            return try Hex.decode(text, requirePrefix: true)
        } catch {
            throw RPCFieldError(field: field, value: text, rule: "is not hex data (\(error))")
        }
    }

    /// Reads a 32-byte hash; throws `RPCFieldError` for any other length or a malformed value.
    public static func bytes32(_ json: JSONValue?, field: String) throws(RPCFieldError) -> Bytes32 {
        let bytes = try data(json, field: field, maximumBytes: 32)
        guard bytes.count == 32 else {
            throw RPCFieldError(field: field, value: json?.serialized ?? "", rule: "must be 32 bytes, got \(bytes.count)")
        }
        return try! Bytes32(bytes: bytes)
    }

    /// Reads a 20-byte address (any letter case); throws `RPCFieldError` otherwise.
    public static func address(_ json: JSONValue?, field: String) throws(RPCFieldError) -> Address {
        let bytes = try data(json, field: field, maximumBytes: 20)
        guard bytes.count == 20 else {
            throw RPCFieldError(field: field, value: json?.serialized ?? "", rule: "must be 20 bytes, got \(bytes.count)")
        }
        return try! Address(bytes: bytes)
    }

    /// Reads an address that may be JSON `null` or absent (contract creation, `contractAddress`).
    public static func optionalAddress(_ json: JSONValue?, field: String) throws(RPCFieldError) -> Address? {
        guard let json, !json.isNull else { return nil }
        return try address(json, field: field)
    }

    /// Reads a quantity that may be JSON `null` or absent (a pending transaction's block number).
    public static func optionalUInt64(_ json: JSONValue?, field: String) throws(RPCFieldError) -> UInt64? {
        guard let json, !json.isNull else { return nil }
        return try uint64(json, field: field)
    }

    /// Reads an array, or throws `RPCFieldError` naming `field`.
    public static func array(_ json: JSONValue?, field: String) throws(RPCFieldError) -> [JSONValue] {
        guard let json else { throw RPCFieldError(field: field, value: "(missing)", rule: "is required") }
        guard let elements = json.arrayValue else {
            throw RPCFieldError(field: field, value: json.serialized, rule: "must be an array")
        }
        return elements
    }
}
