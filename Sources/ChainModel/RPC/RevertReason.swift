/// A decoded revert: why the EVM refused a call, from the revert data a node returns.
public enum RevertReason: Sendable, Equatable, CustomStringConvertible {
    /// `Error(string)`: `require(cond, "reason")` or `raise "reason"`.
    case message(String)
    /// `Panic(uint256)`: a compiler-inserted check (overflow, division by zero, …).
    case panic(UInt256)
    /// A custom error of a known ABI, with its decoded arguments.
    case custom(ABIError, [ABIValue])
    /// No revert data (`revert()` without a reason, or an out-of-gas/invalid opcode).
    case empty
    /// Data that matched no known error, kept as is.
    case unknown([UInt8])

    /// `Error(string)`'s selector, `0x08c379a0`.
    public static let errorSelector: [UInt8] = [0x08, 0xc3, 0x79, 0xa0]
    /// `Panic(uint256)`'s selector, `0x4e487b71`.
    public static let panicSelector: [UInt8] = [0x4e, 0x48, 0x7b, 0x71]

    /// Decodes `data` as `Error(string)`, `Panic(uint256)`, or one of `knownErrors` (matched by
    /// selector). Data that is malformed for the matching selector is `.unknown`; never throws.
    public init(data: [UInt8], knownErrors: [ABIError] = []) {
        guard !data.isEmpty else { self = .empty; return }
        guard data.count >= 4 else { self = .unknown(data); return }
        let selector = Array(data.prefix(4))
        let body = Array(data.dropFirst(4))
        if selector == RevertReason.errorSelector,
           let values = try? ABIDecoder.decode(types: [.string], from: body), case let .string(text)? = values.first {
            self = .message(text)
            return
        }
        if selector == RevertReason.panicSelector,
           let values = try? ABIDecoder.decode(types: [.uint(256)], from: body), case let .uint(code)? = values.first {
            self = .panic(code)
            return
        }
        for error in knownErrors where ABISelector(bytes: selector) == error.selector {
            if let values = try? ABIDecoder.decode(parameters: error.inputs, from: body) {
                self = .custom(error, values)
                return
            }
        }
        self = .unknown(data)
    }

    /// The meaning of a Solidity panic code, per the Solidity documentation.
    public static func panicMeaning(_ code: UInt256) -> String {
        switch code {
        case 0x00: return "generic compiler panic"
        case 0x01: return "assert failed"
        case 0x11: return "arithmetic overflow or underflow"
        case 0x12: return "division or modulo by zero"
        case 0x21: return "invalid enum value"
        case 0x22: return "corrupt storage byte array"
        case 0x31: return "pop on an empty array"
        case 0x32: return "array index out of bounds"
        case 0x41: return "out of memory"
        case 0x51: return "call to an uninitialised function"
        default: return "unknown panic code"
        }
    }

    public var description: String {
        switch self {
        case let .message(text): return "reverted: \(CastSyntax.format(.string(text), style: .annotated))"
        case let .panic(code): return "panicked: \(code.hexString) (\(RevertReason.panicMeaning(code)))"
        case let .custom(error, values):
            return "reverted with \(error.name)(\(values.map { CastSyntax.format($0, style: .raw) }.joined(separator: ", ")))"
        case .empty: return "reverted without data"
        case let .unknown(data): return "reverted with undecoded data \(Hex.encode(data))"
        }
    }
}
