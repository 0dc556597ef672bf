/// Why a call reverted, decoded from its revert data.
public enum RevertReason: Hashable, Sendable, CustomStringConvertible {
    /// `Error(string)` (`require(cond, "message")`, `revert("message")`).
    case error(String)
    /// `Panic(uint256)` with the meaning of the code (`0x11`: arithmetic overflow or underflow).
    case panic(code: UInt256, meaning: String)
    /// A custom error of the contract's ABI with its decoded arguments.
    case custom(ABIError, [ABIValue])
    /// Data that matches none of the above (empty for a bare `revert()`).
    case unknown([UInt8])

    /// The selector of `Error(string)`: `0x08c379a0`.
    public static let errorSelector = ABISelector(rawValue: 0x08c3_79a0)
    /// The selector of `Panic(uint256)`: `0x4e487b71`.
    public static let panicSelector = ABISelector(rawValue: 0x4e48_7b71)

    /// Decodes revert data: `Error(string)`, `Panic(uint256)`, then the custom errors of `abi`.
    /// Never throws: data that does not decode canonically as any of them is ``unknown(_:)``.
    public static func decode(_ data: [UInt8], abi: ContractABI? = nil) -> RevertReason {
        guard data.count >= 4, let selector = ABISelector(bytes: data[0..<4]) else { return .unknown(data) }
        if selector == errorSelector,
           let values = try? ABIDecoder.decodeCall(selector: selector, types: [.string], from: data),
           case let .string(message) = values[0] {
            return .error(message)
        }
        if selector == panicSelector,
           let values = try? ABIDecoder.decodeCall(selector: selector, types: [.uint(256)], from: data),
           case let .uint(code) = values[0] {
            return .panic(code: code, meaning: panicMeaning(code))
        }
        if let abi {
            for error in abi.errors where error.selector == selector {
                if let values = try? ABIDecoder.decodeCall(selector: selector, parameters: error.inputs, from: data) {
                    return .custom(error, values)
                }
            }
        }
        return .unknown(data)
    }

    /// The Solidity meaning of a panic code; `unknown panic code` for codes Solidity does not define.
    public static func panicMeaning(_ code: UInt256) -> String {
        guard code.w1 | code.w2 | code.w3 == 0 else { return "unknown panic code" }
        switch code.w0 {
        case 0x00: return "generic compiler-inserted panic"
        case 0x01: return "assertion failed"
        case 0x11: return "arithmetic overflow or underflow"
        case 0x12: return "division or modulo by zero"
        case 0x21: return "conversion to an invalid enum value"
        case 0x22: return "incorrectly encoded storage byte array"
        case 0x31: return "pop() on an empty array"
        case 0x32: return "array index out of bounds"
        case 0x41: return "too much memory allocated or array too large"
        case 0x51: return "call to a zero-initialized internal function"
        default: return "unknown panic code"
        }
    }

    /// One line: `reverted: "Must be the SetToken manager"`, `panic 0x11: arithmetic overflow or underflow`,
    /// `InsufficientBalance(available: 1, required: 2)`, `reverted without data`, `reverted with unrecognized data 0x…`.
    public var description: String {
        switch self {
        case let .error(message):
            return "reverted: " + String(reflecting: message)
        case let .panic(code, meaning):
            let digits = code.minimalBigEndianBytes
            return "panic " + (digits.isEmpty ? "0x00" : Hex.encode(digits)) + ": " + meaning
        case let .custom(error, values):
            return error.name + "(" + zip(error.inputs, values).map { parameter, value in
                let text = value.formatted(as: parameter.type)
                return parameter.name.isEmpty ? text : parameter.name + ": " + text
            }.joined(separator: ", ") + ")"
        case let .unknown(data):
            return data.isEmpty ? "reverted without data" : "reverted with unrecognized data " + Hex.encode(data)
        }
    }
}
