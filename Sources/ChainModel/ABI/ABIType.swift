/// A Solidity ABI type (the contract ABI specification's types).
///
/// Tuple component names, `indexed` flags and internal types are not part of the type; they live
/// with the parameters of functions, events and errors.
public indirect enum ABIType: Hashable, Sendable {
    /// `uint<M>`, 8 ≤ M ≤ 256, M a multiple of 8.
    case uint(Int)
    /// `int<M>`, 8 ≤ M ≤ 256, M a multiple of 8.
    case int(Int)
    /// `address`: 20 bytes, encoded as `uint160`.
    case address
    /// `bool`: encoded as `uint8` restricted to 0 and 1.
    case bool
    /// `bytes<M>`, 1 ≤ M ≤ 32: right-padded to a word.
    case fixedBytes(Int)
    /// `function`: an address followed by a 4-byte selector, encoded as `bytes24`.
    case function
    /// `fixed<M>x<N>`: a signed M-bit integer v standing for v / 10^N (0 < N ≤ 80).
    case fixed(bits: Int, decimals: Int)
    /// `ufixed<M>x<N>`: an unsigned M-bit integer v standing for v / 10^N (0 < N ≤ 80).
    case ufixed(bits: Int, decimals: Int)
    /// `bytes`: dynamic byte string.
    case bytes
    /// `string`: dynamic UTF-8 string.
    case string
    /// `T[]`: dynamic array.
    case array(ABIType)
    /// `T[k]`: fixed-size array of k elements.
    case fixedArray(ABIType, Int)
    /// `(T1,T2,…)`: a tuple (a Solidity struct).
    case tuple([ABIType])

    /// The canonical type string used in signatures: `uint256`, `(uint256,string,bytes)[]`, …
    public var canonicalName: String {
        switch self {
        case let .uint(bits): return "uint\(bits)"
        case let .int(bits): return "int\(bits)"
        case .address: return "address"
        case .bool: return "bool"
        case let .fixedBytes(count): return "bytes\(count)"
        case .function: return "function"
        case let .fixed(bits, decimals): return "fixed\(bits)x\(decimals)"
        case let .ufixed(bits, decimals): return "ufixed\(bits)x\(decimals)"
        case .bytes: return "bytes"
        case .string: return "string"
        case let .array(element): return element.canonicalName + "[]"
        case let .fixedArray(element, count): return element.canonicalName + "[\(count)]"
        case let .tuple(components): return "(" + components.map(\.canonicalName).joined(separator: ",") + ")"
        }
    }

    /// True for types encoded in the tail with an offset in the head: `bytes`, `string`, `T[]`,
    /// and arrays or tuples that contain a dynamic type.
    public var isDynamic: Bool {
        switch self {
        case .bytes, .string, .array: return true
        case let .fixedArray(element, count): return count > 0 && element.isDynamic
        case let .tuple(components): return components.contains { $0.isDynamic }
        default: return false
        }
    }

    /// The number of bytes the type occupies in the head of an enclosing tuple:
    /// 32 for dynamic types (an offset), the full static size otherwise.
    public var headSize: Int {
        if isDynamic { return 32 }
        switch self {
        case let .fixedArray(element, count): return count * element.headSize
        case let .tuple(components): return components.reduce(0) { $0 + $1.headSize }
        default: return 32
        }
    }
}

extension ABIType: CustomStringConvertible {
    /// The canonical type string.
    public var description: String { canonicalName }
}
