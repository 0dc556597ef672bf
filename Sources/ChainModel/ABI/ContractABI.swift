import Foundation

/// A contract's JSON ABI (the Solidity compiler's format, or a Hardhat/Foundry artifact holding it
/// under `"abi"`): functions, events, errors, constructor, fallback and receive, with lookups by
/// name, selector and topic.
public struct ContractABI: Sendable {
    /// The constructor's inputs and mutability.
    public struct Constructor: Hashable, Sendable {
        /// The constructor arguments.
        public var inputs: [ABIParameter]
        /// `payable` or `nonpayable`.
        public var stateMutability: ABIStateMutability
    }

    /// The functions, in file order (overloads keep their own entries).
    public var functions: [ABIFunction]
    /// The events, in file order.
    public var events: [ABIEvent]
    /// The custom errors, in file order.
    public var errors: [ABIError]
    /// The constructor, when the ABI declares one.
    public var constructor: Constructor?
    /// The fallback function's mutability, when the ABI declares one.
    public var fallback: ABIStateMutability?
    /// True when the ABI declares a `receive` function.
    public var hasReceive: Bool

    /// Creates an ABI from its parts.
    public init(functions: [ABIFunction] = [], events: [ABIEvent] = [], errors: [ABIError] = [],
                constructor: Constructor? = nil, fallback: ABIStateMutability? = nil, hasReceive: Bool = false) {
        self.functions = functions
        self.events = events
        self.errors = errors
        self.constructor = constructor
        self.fallback = fallback
        self.hasReceive = hasReceive
    }

    /// Parses a JSON ABI: a top-level array of entries, or an object whose `abi` member is one.
    ///
    /// Throws ``ContractABIError`` naming the entry, the parameter and the rule when the JSON is
    /// malformed, a type string is invalid, a tuple lacks `components`, or an entry kind is unknown.
    public init(json: Data) throws(ContractABIError) {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: json)
        } catch {
            throw ContractABIError(location: "the document", reason: "not valid JSON (\(error.localizedDescription))")
        }
        let entries: [Any]
        if let list = root as? [Any] {
            entries = list
        } else if let object = root as? [String: Any], let list = object["abi"] as? [Any] {
            entries = list
        } else {
            throw ContractABIError(location: "the document", reason: "expected an array of ABI entries or an object with an \"abi\" array")
        }
        self.init()
        for (index, entry) in entries.enumerated() {
            guard let object = entry as? [String: Any] else {
                throw ContractABIError(location: "entry \(index)", reason: "expected an object")
            }
            try add(object, index: index)
        }
    }

    private mutating func add(_ entry: [String: Any], index: Int) throws(ContractABIError) {
        let kind = try ContractABIReader.string(entry, "type", at: "entry \(index)", default: "function")
        let name = try ContractABIReader.string(entry, "name", at: "entry \(index)", default: "")
        let location = name.isEmpty ? "entry \(index) (\(kind))" : "entry \(index) (\(kind) \(name))"
        let reader = ContractABIReader(location: location)
        switch kind {
        case "function":
            guard !name.isEmpty else { throw ContractABIError(location: location, reason: "a function needs a name") }
            functions.append(ABIFunction(name: name, inputs: try reader.parameters(entry, "inputs", indexedAllowed: false),
                                         outputs: try reader.parameters(entry, "outputs", indexedAllowed: false),
                                         stateMutability: try reader.mutability(entry)))
        case "event":
            guard !name.isEmpty else { throw ContractABIError(location: location, reason: "an event needs a name") }
            let anonymous = try reader.bool(entry, "anonymous")
            let inputs = try reader.parameters(entry, "inputs", indexedAllowed: true)
            let indexed = inputs.filter(\.indexed).count
            guard indexed <= (anonymous ? 4 : 3) else {
                throw ContractABIError(location: location, reason: "\(indexed) indexed inputs; at most \(anonymous ? 4 : 3) allowed")
            }
            events.append(ABIEvent(name: name, inputs: inputs, anonymous: anonymous))
        case "error":
            guard !name.isEmpty else { throw ContractABIError(location: location, reason: "an error needs a name") }
            errors.append(ABIError(name: name, inputs: try reader.parameters(entry, "inputs", indexedAllowed: false)))
        case "constructor":
            guard constructor == nil else { throw ContractABIError(location: location, reason: "a second constructor") }
            constructor = Constructor(inputs: try reader.parameters(entry, "inputs", indexedAllowed: false),
                                      stateMutability: try reader.mutability(entry))
        case "fallback":
            fallback = try reader.mutability(entry)
        case "receive":
            hasReceive = true
        default:
            throw ContractABIError(location: location, reason: "unknown entry type \"\(kind)\" (expected function, event, error, constructor, fallback or receive)")
        }
    }

    // MARK: Lookups

    /// The functions called `name` (several when overloaded).
    public func functions(named name: String) -> [ABIFunction] { functions.filter { $0.name == name } }

    /// The function called `name`, or nil when there is none or it is overloaded (use a signature then).
    public func function(named name: String) -> ABIFunction? {
        let matches = functions(named: name)
        return matches.count == 1 ? matches[0] : nil
    }

    /// The function whose canonical signature or name is `nameOrSignature` (unique), or nil.
    public func function(_ nameOrSignature: String) -> ABIFunction? {
        nameOrSignature.contains("(")
            ? functions.first { $0.canonicalSignature == nameOrSignature }
            : function(named: nameOrSignature)
    }

    /// The function with this selector, or nil.
    public func function(selector: ABISelector) -> ABIFunction? { functions.first { $0.selector == selector } }

    /// The event called `name` (the first, when overloaded), or nil.
    public func event(named name: String) -> ABIEvent? { events.first { $0.name == name } }

    /// The non-anonymous event whose topic0 is `topic`, or nil.
    public func event(topic0 topic: Bytes32) -> ABIEvent? { events.first { !$0.anonymous && $0.topic0 == topic } }

    /// The custom error called `name` (the first, when overloaded), or nil.
    public func error(named name: String) -> ABIError? { errors.first { $0.name == name } }

    /// The custom error with this selector, or nil.
    public func error(selector: ABISelector) -> ABIError? { errors.first { $0.selector == selector } }
}

/// A JSON ABI that cannot be read: where (`entry 3 (function bid) inputs[1] (_component)`) and why.
public struct ContractABIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The entry and parameter concerned.
    public var location: String
    /// What is wrong.
    public var reason: String

    /// Creates an error at `location`.
    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    /// One line: `invalid JSON ABI at <location>: <reason>`.
    public var description: String { "invalid JSON ABI at \(location): \(reason)" }
}

/// Field readers with located errors.
struct ContractABIReader {
    let location: String

    static func string(_ object: [String: Any], _ key: String, at location: String, default fallback: String) throws(ContractABIError) -> String {
        guard let value = object[key], !(value is NSNull) else { return fallback }
        guard let text = value as? String else {
            throw ContractABIError(location: location, reason: "\"\(key)\" must be a string")
        }
        return text
    }

    func bool(_ object: [String: Any], _ key: String) throws(ContractABIError) -> Bool {
        guard let value = object[key], !(value is NSNull) else { return false }
        // JSON booleans arrive as NSNumber with the `char` encoding; JSON numbers never do.
        guard let number = value as? NSNumber, String(cString: number.objCType) == "c" else {
            throw ContractABIError(location: location, reason: "\"\(key)\" must be true or false")
        }
        return number.boolValue
    }

    func mutability(_ object: [String: Any]) throws(ContractABIError) -> ABIStateMutability {
        if let value = object["stateMutability"], !(value is NSNull) {
            guard let text = value as? String, let mutability = ABIStateMutability(rawValue: text) else {
                throw ContractABIError(location: location, reason: "\"stateMutability\" must be pure, view, nonpayable or payable")
            }
            return mutability
        }
        // Pre-0.5 compilers: `constant` and `payable` flags.
        if try bool(object, "payable") { return .payable }
        if try bool(object, "constant") { return .view }
        return .nonpayable
    }

    func parameters(_ object: [String: Any], _ key: String, indexedAllowed: Bool, depth: Int = 0) throws(ContractABIError) -> [ABIParameter] {
        guard let value = object[key], !(value is NSNull) else { return [] }
        guard let list = value as? [Any] else { throw ContractABIError(location: location, reason: "\"\(key)\" must be an array") }
        var result: [ABIParameter] = []
        for (index, item) in list.enumerated() {
            guard let parameter = item as? [String: Any] else {
                throw ContractABIError(location: "\(location) \(key)[\(index)]", reason: "expected an object")
            }
            let name = try Self.string(parameter, "name", at: "\(location) \(key)[\(index)]", default: "")
            let here = ContractABIReader(location: "\(location) \(key)[\(index)]" + (name.isEmpty ? "" : " (\(name))"))
            result.append(try here.parameter(parameter, name: name, indexedAllowed: indexedAllowed, depth: depth))
        }
        return result
    }

    func parameter(_ object: [String: Any], name: String, indexedAllowed: Bool, depth: Int) throws(ContractABIError) -> ABIParameter {
        guard depth < ABIDecoder.depthLimit else {
            throw ContractABIError(location: location, reason: "components nested deeper than \(ABIDecoder.depthLimit) levels")
        }
        guard let typeText = object["type"] as? String else {
            throw ContractABIError(location: location, reason: "missing \"type\"")
        }
        let indexed = try bool(object, "indexed")
        if indexed && !indexedAllowed { throw ContractABIError(location: location, reason: "\"indexed\" is only allowed on event inputs") }
        let internalType = try Self.string(object, "internalType", at: location, default: "")
        var components: [ABIParameter] = []
        var canonical = typeText
        if typeText.hasPrefix("tuple") {
            components = try parameters(object, "components", indexedAllowed: false, depth: depth + 1)
            guard object["components"] is [Any] else {
                throw ContractABIError(location: location, reason: "type \"\(typeText)\" needs \"components\"")
            }
            canonical = canonicalList(components) + typeText.dropFirst("tuple".count)
        }
        let type: ABIType
        do {
            type = try ABIType(parsing: canonical)
        } catch {
            throw ContractABIError(location: location, reason: "invalid type \"\(typeText)\": \(error.reason)")
        }
        return ABIParameter(name: name, type: type, components: components, indexed: indexed,
                            internalType: internalType.isEmpty ? nil : internalType)
    }
}
