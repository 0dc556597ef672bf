import ChainModel

/// A JSON value written deterministically: object keys sorted by their UTF-8 bytes, two-space
/// indentation, no trailing spaces, a final newline. Amounts are decimal strings (`.string`);
/// `.integer` is for small counts (decimals, block numbers, seconds below 2⁵³).
public indirect enum CanonicalJSON: Sendable, Hashable {
    /// An object; keys are sorted when written.
    case object([String: CanonicalJSON])
    /// An array, in order.
    case array([CanonicalJSON])
    /// A string.
    case string(String)
    /// A small integer.
    case integer(Int64)
    /// `true` / `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// A decimal string of `value`.
    public static func amount(_ value: UInt256) -> CanonicalJSON { .string(value.description) }
    /// The EIP-55 text of `address`.
    public static func address(_ address: Address) -> CanonicalJSON { .string(address.checksummed) }
    /// `0x` hex of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> CanonicalJSON { .string(Hex.encode(bytes)) }

    /// The document text: sorted keys, two-space indentation, final newline. Same value, same bytes.
    public func encoded() -> String {
        var out = ""
        write(to: &out, indent: 0)
        out += "\n"
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case let .object(fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{\n"
            let keys = fields.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (i, key) in keys.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                JSONStringLiteral.write(key, to: &out)
                out += ": "
                fields[key]!.write(to: &out, indent: indent + 2)
                out += i == keys.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(to: &out, indent: indent + 2)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case let .string(text): JSONStringLiteral.write(text, to: &out)
        case let .integer(value): out += String(value)
        case let .bool(value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }

}
