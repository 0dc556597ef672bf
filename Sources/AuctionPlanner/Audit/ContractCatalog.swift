import ChainModel
import Foundation

/// Why an audit command cannot proceed: a file that cannot be read, bytes that match nothing known.
public struct AuditError: Error, Hashable, Sendable, CustomStringConvertible {
    /// One line naming the input, the value and the rule it broke.
    public var description: String

    /// Creates an error with `description`.
    public init(_ description: String) { self.description = description }
}

/// The JSON ABIs of `contracts-abi/`, searched by selector: what lets `decode` recognise calldata
/// and custom revert errors without being told the function.
public struct ContractCatalog: Sendable {
    /// The contracts, by file name without `.json`, in file-name order.
    public var contracts: [(name: String, abi: ContractABI)]

    /// Creates a catalog from parsed ABIs.
    public init(contracts: [(name: String, abi: ContractABI)]) { self.contracts = contracts }

    /// Loads every `*.json` file of `directory` as a JSON ABI.
    ///
    /// - Returns: the catalog, contracts sorted by name.
    /// - Throws: ``AuditError`` naming the directory when it cannot be listed or holds no ABI,
    ///   or naming the file and the entry when an ABI does not parse.
    public static func load(directory: String) throws(AuditError) -> ContractCatalog {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw AuditError("--abi-dir '\(directory)': cannot list the directory (\(error.localizedDescription))")
        }
        var contracts: [(name: String, abi: ContractABI)] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else { throw AuditError("\(path): cannot read the file") }
            let abi: ContractABI
            do { abi = try ContractABI(json: data) } catch { throw AuditError("\(path): \(error.description)") }
            contracts.append((String(name.dropLast(5)), abi))
        }
        guard !contracts.isEmpty else { throw AuditError("--abi-dir '\(directory)': no *.json ABI files") }
        return ContractCatalog(contracts: contracts)
    }

    /// The function with `selector` and the names of every contract declaring it, or nil when no
    /// contract does. (A selector fixes the canonical signature, so the declarations agree on types.)
    public func function(selector: ABISelector) -> (function: ABIFunction, contracts: [String])? {
        var found: ABIFunction?
        var names: [String] = []
        for (name, abi) in contracts {
            if let function = abi.function(selector: selector) {
                if found == nil { found = function }
                names.append(name)
            }
        }
        return found.map { ($0, names) }
    }

    /// One ABI holding the custom errors of every contract (first declaration of each selector kept),
    /// for ``RevertReason/decode(_:abi:)``.
    public var errors: ContractABI {
        var seen = Set<ABISelector>()
        var errors: [ABIError] = []
        for (_, abi) in contracts {
            for error in abi.errors where seen.insert(error.selector).inserted { errors.append(error) }
        }
        return ContractABI(errors: errors)
    }

    /// Decodes `calldata` as a call of a catalog function.
    ///
    /// - Returns: the call with its fields (adapter configs decoded into named parameters).
    /// - Throws: ``AuditError`` when the data is shorter than a selector, the selector matches no
    ///   function, or the arguments do not decode strictly for it.
    public func decodeCall(_ calldata: [UInt8]) throws(AuditError) -> DecodedCall {
        guard calldata.count >= 4, let selector = ABISelector(bytes: calldata[0..<4]) else {
            throw AuditError("calldata: \(calldata.count) bytes; a call needs at least a 4-byte selector")
        }
        guard let match = function(selector: selector) else {
            throw AuditError("calldata: selector \(selector) matches no function of contracts-abi/")
        }
        let values: [ABIValue]
        do { values = try match.function.decodeCall(calldata) } catch {
            throw AuditError("calldata: \(error) for \(match.function.canonicalSignature)")
        }
        return DecodedCall(function: match.function, contracts: match.contracts,
                           fields: AuditFields.flatten(match.function.inputs, values))
    }

    /// Decodes an event log: the catalog event whose signature hash is `topics[0]`, its indexed
    /// parameters from the other topics (dynamic ones stay hashes) and the rest from `data`.
    ///
    /// - Returns: the event with its fields (`name`, or `name (topic hash)` for a hashed indexed value).
    /// - Throws: ``AuditError`` when there is no topic, no event has that topic0, or topics and data
    ///   do not decode strictly for it.
    public func decodeLog(topics: [Bytes32], data: [UInt8]) throws(AuditError) -> DecodedLog {
        guard let topic0 = topics.first else { throw AuditError("--topic: a log needs at least topic0 (anonymous events are not recognised)") }
        var found: ABIEvent?
        var names: [String] = []
        for (name, abi) in contracts {
            if let event = abi.event(topic0: topic0) {
                if found == nil { found = event }
                names.append(name)
            }
        }
        guard let event = found else { throw AuditError("--topic: topic0 \(topic0) matches no event of contracts-abi/") }
        let decoded: ABIDecodedLog
        do { decoded = try event.decodeLog(topics: topics, data: data) } catch { throw AuditError("log: \(error)") }
        var fields: [AuditField] = []
        for (index, field) in decoded.fields.enumerated() {
            let name = field.parameter.name.isEmpty ? "arg\(index)" : field.parameter.name
            if field.isTopicHash {
                guard case let .fixedBytes(hash) = field.value else { continue }
                fields.append(AuditField(path: name + " (topic hash)", value: Hex.encode(hash)))
            } else {
                fields += AuditFields.fields(of: field.parameter, field.value, path: name)
            }
        }
        return DecodedLog(event: event, contracts: names, fields: fields)
    }

    /// Recognises `bytes` as, in this order: a raw signed transaction, revert data (`Error(string)`,
    /// `Panic(uint256)` or a catalog custom error), or calldata of a catalog function.
    ///
    /// - Returns: what the bytes are, decoded.
    /// - Throws: ``AuditError`` when they are none of these, saying what was tried.
    public func recognise(_ bytes: [UInt8]) throws(AuditError) -> DecodedData {
        if let first = bytes.first, first == 0x01 || first == 0x02 || first >= 0xc0,
           let signed = try? SignedTransaction(raw: bytes) {
            var call: DecodedCall?
            if signed.transaction.data.count >= 4 { call = try? decodeCall(signed.transaction.data) }
            return .transaction(signed, call)
        }
        let revert = RevertReason.decode(bytes, abi: errors)
        if case .unknown = revert {} else { return .revert(revert) }
        guard bytes.count >= 4, let selector = ABISelector(bytes: bytes[0..<4]) else {
            throw AuditError("data: \(bytes.count) bytes are not a signed transaction, revert data or calldata")
        }
        if function(selector: selector) != nil { return .call(try decodeCall(bytes)) }
        throw AuditError("data: not a signed transaction, and selector \(selector) matches no function or error of contracts-abi/")
    }
}

/// A call decoded against the catalog.
public struct DecodedCall: Hashable, Sendable {
    /// The function called.
    public var function: ABIFunction
    /// The contracts (ABI file names) declaring it.
    public var contracts: [String]
    /// The arguments, flattened (see ``AuditFields/flatten(_:_:)``).
    public var fields: [AuditField]
}

/// An event log decoded against the catalog.
public struct DecodedLog: Hashable, Sendable {
    /// The event.
    public var event: ABIEvent
    /// The contracts (ABI file names) declaring it.
    public var contracts: [String]
    /// Its parameters, flattened (see ``AuditFields/flatten(_:_:)``).
    public var fields: [AuditField]
}

/// What ``ContractCatalog/recognise(_:)`` found.
public enum DecodedData: Sendable {
    /// A raw signed transaction, with its calldata decoded when a catalog function matches it.
    case transaction(SignedTransaction, DecodedCall?)
    /// Revert data.
    case revert(RevertReason)
    /// Calldata of a catalog function.
    case call(DecodedCall)
}
