/// How a function treats state and ether, from the JSON ABI or a human-readable signature.
public enum ABIStateMutability: String, Hashable, Sendable {
    /// Reads neither state nor the environment.
    case pure
    /// Reads but does not modify state.
    case view
    /// May modify state; rejects ether.
    case nonpayable
    /// May modify state and accepts ether.
    case payable
}

/// A contract function: name, inputs, outputs and state mutability.
public struct ABIFunction: Hashable, Sendable {
    /// The function name.
    public var name: String { didSet { selector = ABISelector(signature: canonicalSignature) } }
    /// The arguments, in order.
    public var inputs: [ABIParameter] { didSet { selector = ABISelector(signature: canonicalSignature) } }
    /// The first four bytes of the Keccak-256 hash of ``canonicalSignature`` (kept up to date when
    /// ``name`` or ``inputs`` change, so encoding calls never rehashes it).
    public private(set) var selector: ABISelector
    /// The return values, in order (empty when unknown or none).
    public var outputs: [ABIParameter]
    /// The state mutability (`nonpayable` unless stated).
    public var stateMutability: ABIStateMutability

    /// Creates a function description.
    public init(name: String, inputs: [ABIParameter], outputs: [ABIParameter] = [],
                stateMutability: ABIStateMutability = .nonpayable) {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.stateMutability = stateMutability
        self.selector = ABISelector(signature: name + canonicalList(inputs))
    }

    /// Parses a human-readable signature, as `cast` and alloy accept it:
    /// `startRebalance(address,address,address[],(uint256,string,bytes)[],(uint256,string,bytes)[],bool,uint256,uint256)`,
    /// `function balanceOf(address owner) external view returns (uint256)`, `balanceOf(address)(uint256)`.
    /// Parameter names, data locations (`memory`, `calldata`, `storage`) and tuple component names are
    /// optional; `tuple(…)` is accepted for tuples.
    ///
    /// Throws ``ABIParseError`` naming the column and rule when the text is not a function signature.
    public init(signature: String) throws(ABIParseError) {
        var scanner = ABISignatureScanner(signature)
        let (name, inputs) = try scanner.parseHeader(keyword: "function")
        var outputs: [ABIParameter] = []
        var mutability = ABIStateMutability.nonpayable
        scanner.skipSpaces()
        if scanner.peek == UInt8(ascii: "(") {
            outputs = try scanner.parseParameterList(allowNames: true, allowIndexed: false, depth: 0)
        }
        while let word = scanner.peekIdentifier() {
            let at: Int = { var copy = scanner; copy.skipSpaces(); return copy.index }()
            _ = scanner.identifier()
            switch word {
            case "external", "public", "internal", "private", "virtual", "override":
                continue
            case "pure", "view", "payable", "nonpayable":
                mutability = ABIStateMutability(rawValue: word)!
            case "returns":
                guard outputs.isEmpty else { throw scanner.error("outputs given twice", at: at) }
                outputs = try scanner.parseParameterList(allowNames: true, allowIndexed: false, depth: 0)
            default:
                throw scanner.error("unexpected '\(word)' after the parameter list", at: at)
            }
        }
        try scanner.expectEnd()
        self.init(name: name, inputs: inputs, outputs: outputs, stateMutability: mutability)
    }

    /// `name(type1,type2,…)` with canonical types, the text hashed for the selector.
    public var canonicalSignature: String { name + canonicalList(inputs) }

    /// The input types, in order.
    public var inputTypes: [ABIType] { inputs.map(\.type) }

    /// The output types, in order.
    public var outputTypes: [ABIType] { outputs.map(\.type) }

    /// A human-readable signature with names: `function bid(address _setToken, …) returns (bool)`.
    public var humanReadable: String {
        var text = "function " + name + "(" + inputs.map(\.humanReadable).joined(separator: ", ") + ")"
        if stateMutability != .nonpayable { text += " " + stateMutability.rawValue }
        if !outputs.isEmpty { text += " returns (" + outputs.map(\.humanReadable).joined(separator: ", ") + ")" }
        return text
    }
}

/// A contract event: name, parameters (some `indexed`) and whether it is anonymous.
public struct ABIEvent: Hashable, Sendable {
    /// The event name.
    public var name: String { didSet { topic0 = Keccak256.hash(utf8: canonicalSignature) } }
    /// The parameters in declaration order, indexed or not.
    public var inputs: [ABIParameter] { didSet { topic0 = Keccak256.hash(utf8: canonicalSignature) } }
    /// The Keccak-256 hash of ``canonicalSignature``: the first topic of non-anonymous logs (kept up
    /// to date when ``name`` or ``inputs`` change).
    public private(set) var topic0: Bytes32
    /// True when the event was declared `anonymous` (no topic0 in its logs).
    public var anonymous: Bool

    /// Creates an event description.
    public init(name: String, inputs: [ABIParameter], anonymous: Bool = false) {
        self.name = name
        self.inputs = inputs
        self.anonymous = anonymous
        self.topic0 = Keccak256.hash(utf8: name + canonicalList(inputs))
    }

    /// Parses `[event] Name(type [indexed] [name], …) [anonymous]`.
    ///
    /// Throws ``ABIParseError`` when the text is not an event signature, or when more than 3
    /// parameters (4 for anonymous events) are indexed.
    public init(signature: String) throws(ABIParseError) {
        var scanner = ABISignatureScanner(signature)
        let (name, inputs) = try scanner.parseHeader(keyword: "event", allowIndexed: true)
        var anonymous = false
        if scanner.peekIdentifier() == "anonymous" {
            _ = scanner.identifier()
            anonymous = true
        }
        try scanner.expectEnd()
        let indexedCount = inputs.filter(\.indexed).count
        guard indexedCount <= (anonymous ? 4 : 3) else {
            throw ABIParseError(input: signature, position: 0,
                                reason: "\(indexedCount) indexed parameters; at most \(anonymous ? 4 : 3) allowed")
        }
        self.init(name: name, inputs: inputs, anonymous: anonymous)
    }

    /// `Name(type1,type2,…)` with canonical types (indexed or not), the text hashed for topic0.
    public var canonicalSignature: String { name + canonicalList(inputs) }


    /// A human-readable signature: `event Transfer(address indexed from, address indexed to, uint256 value)`.
    public var humanReadable: String {
        "event " + name + "(" + inputs.map(\.humanReadable).joined(separator: ", ") + ")" + (anonymous ? " anonymous" : "")
    }
}

/// A custom error: name and parameters, reverted with `selector ‖ abi.encode(params)`.
public struct ABIError: Hashable, Sendable {
    /// The error name.
    public var name: String { didSet { selector = ABISelector(signature: canonicalSignature) } }
    /// The parameters, in order.
    public var inputs: [ABIParameter] { didSet { selector = ABISelector(signature: canonicalSignature) } }
    /// The first four bytes of the Keccak-256 hash of ``canonicalSignature`` (kept up to date when
    /// ``name`` or ``inputs`` change).
    public private(set) var selector: ABISelector

    /// Creates an error description.
    public init(name: String, inputs: [ABIParameter]) {
        self.name = name
        self.inputs = inputs
        self.selector = ABISelector(signature: name + canonicalList(inputs))
    }

    /// Parses `[error] Name(type [name], …)`.
    ///
    /// Throws ``ABIParseError`` when the text is not an error signature.
    public init(signature: String) throws(ABIParseError) {
        var scanner = ABISignatureScanner(signature)
        let (name, inputs) = try scanner.parseHeader(keyword: "error")
        try scanner.expectEnd()
        self.init(name: name, inputs: inputs)
    }

    /// `Name(type1,type2,…)` with canonical types.
    public var canonicalSignature: String { name + canonicalList(inputs) }

    /// A human-readable signature: `error InsufficientBalance(uint256 available, uint256 required)`.
    public var humanReadable: String {
        "error " + name + "(" + inputs.map(\.humanReadable).joined(separator: ", ") + ")"
    }
}

func canonicalList(_ parameters: [ABIParameter]) -> String {
    "(" + parameters.map(\.type.canonicalName).joined(separator: ",") + ")"
}

extension ABISignatureScanner {
    /// Parses an optional leading `keyword`, the name and the parameter list.
    mutating func parseHeader(keyword: String, allowIndexed: Bool = false) throws(ABIParseError) -> (String, [ABIParameter]) {
        guard var name = identifier() else { throw error("expected a name") }
        if name == keyword, let next = identifier() { name = next }
        let inputs = try parseParameterList(allowNames: true, allowIndexed: allowIndexed, depth: 0)
        return (name, inputs)
    }

    func expectEnd() throws(ABIParseError) {
        var copy = self
        copy.skipSpaces()
        guard copy.isAtEnd else { throw copy.error("unexpected text after the signature") }
    }
}
