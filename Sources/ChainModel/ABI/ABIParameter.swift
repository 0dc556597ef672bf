/// A named parameter of a function, event or error, or a named component of a tuple.
///
/// ``type`` is authoritative for encoding. ``components`` mirrors the innermost tuple of ``type``
/// (through any array suffixes) and carries the component names, their own components,
/// and internal types; it is empty for non-tuple types.
public struct ABIParameter: Hashable, Sendable {
    /// The parameter name; empty when the signature or JSON omits it.
    public var name: String
    /// The ABI type.
    public var type: ABIType
    /// The named components when ``type`` is a tuple or an array of tuples; empty otherwise.
    public var components: [ABIParameter]
    /// True for `indexed` event parameters.
    public var indexed: Bool
    /// The Solidity type as the compiler wrote it in the JSON ABI (`struct AuctionExecutionParams[]`,
    /// `contract ISetToken`), when known.
    public var internalType: String?

    /// Creates a parameter. When `components` is empty and `type` holds a tuple, unnamed components
    /// are filled in from the type so paths and lookups can always walk them.
    public init(name: String = "", type: ABIType, components: [ABIParameter] = [],
                indexed: Bool = false, internalType: String? = nil) {
        self.name = name
        self.type = type
        self.indexed = indexed
        self.internalType = internalType
        if components.isEmpty, case let .tuple(types)? = type.innermostTuple {
            self.components = types.map { ABIParameter(type: $0) }
        } else {
            self.components = components
        }
    }

    /// `type name` (or just the type when unnamed), with `indexed` for indexed event parameters.
    public var humanReadable: String {
        var text = type.canonicalName
        if indexed { text += " indexed" }
        if !name.isEmpty { text += " " + name }
        return text
    }
}

extension ABIType {
    /// The tuple at the bottom of any array suffixes (`(uint256,string)` for `(uint256,string)[][2]`),
    /// or nil when the element type is not a tuple.
    public var innermostTuple: ABIType? {
        switch self {
        case .tuple: return self
        case let .array(element), let .fixedArray(element, _): return element.innermostTuple
        default: return nil
        }
    }
}
