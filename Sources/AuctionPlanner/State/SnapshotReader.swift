import ChainModel

/// One `eth_call`: the contract and the calldata.
public struct ContractCall: Sendable, Hashable {
    /// The contract called.
    public var to: Address
    /// `selector ‖ abi.encode(arguments)`.
    public var data: [UInt8]

    /// Creates a call.
    public init(to: Address, data: [UInt8]) { self.to = to; self.data = data }
}

/// Why a snapshot cannot be read.
public enum SnapshotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The node failed or a call reverted (the source's own message).
    case call(String)
    /// A return value did not decode as the function's outputs.
    case badReturn(contract: Address, function: String, reason: String)
    /// A value is out of the range the snapshot accepts.
    case outOfRange(contract: Address, function: String, value: String, rule: String)

    /// A sentence naming the contract, the function and the rule.
    public var description: String {
        switch self {
        case let .call(message): return message
        case let .badReturn(contract, function, reason): return "\(contract).\(function) returned data that does not decode: \(reason)"
        case let .outOfRange(contract, function, value, rule): return "\(contract).\(function) returned \(value): \(rule)"
        }
    }
}

/// Executes read-only calls at the block the snapshot is pinned to, as one batch; the CLI
/// implements it with a JSON-RPC batch of `eth_call`s at a fixed block number.
public protocol ChainStateSource {
    /// The return data of each call, in order. Throws `SnapshotError.call` when the node fails or a call reverts.
    func call(_ calls: [ContractCall]) throws(SnapshotError) -> [[UInt8]]
}

/// Reads a SetToken's state in two batches (SetToken and module views; then per-component units,
/// decimals, symbols and the protocol fee) through a ``ChainStateSource`` pinned to `block`.
public enum SnapshotReader {
    /// The snapshot of `setToken` (and `module`, if given) at `block`.
    /// - Throws: `SnapshotError` when a call fails, a return does not decode, or a value is out of range
    ///   (a negative real unit, decimals above 77, more than 1000 components).
    public static func read(setToken: Address, module: Address?, block: SetTokenSnapshot.Block,
                            source: some ChainStateSource) throws(SnapshotError) -> SetTokenSnapshot {
        let set = ABIValue.address(setToken)
        var first: [Query] = [
            Query(setToken, "getComponents()", [], [.array(.address)]),
            Query(setToken, "totalSupply()", [], [.uint(256)]),
            Query(setToken, "positionMultiplier()", [], [.int(256)]),
            Query(setToken, "manager()", [], [.address]),
            Query(setToken, "getModules()", [], [.array(.address)]),
            Query(setToken, "isLocked()", [], [.bool]),
            Query(setToken, "locker()", [], [.address]),
            Query(setToken, "symbol()", [], [.string]),
        ]
        if let module {
            first += [
                Query(setToken, "isInitializedModule(address)", [.address(module)], [.bool]),
                Query(module, "controller()", [], [.address]),
                Query(module, "rebalanceInfo(address)", [set], [.address, .uint(256), .uint(256), .uint(256), .uint(256)]),
                Query(module, "permissionInfo(address)", [set], [.bool]),
            ]
        }
        let r1 = try run(first, source)
        let components = try addresses(r1[0], first[0])
        if components.count > 1_000 {
            throw .outOfRange(contract: setToken, function: "getComponents()", value: "\(components.count) components", rule: "at most 1000")
        }
        let pm = try signedNonNegative(r1[2][0], first[2])
        if pm.isZero { throw .outOfRange(contract: setToken, function: "positionMultiplier()", value: "0", rule: "must be > 0") }
        var second: [Query] = []
        for c in components {
            second += [Query(setToken, "getDefaultPositionRealUnit(address)", [.address(c)], [.int(256)]),
                       Query(c, "decimals()", [], [.uint(8)]),
                       Query(c, "symbol()", [], [.string])]
        }
        var controller: Address?
        if let module {
            controller = try address(r1[9][0], first[9])
            second.append(Query(controller!, "getModuleFee(address,uint256)", [.address(module), .uint(.zero)], [.uint(256)]))
        }
        let r2 = try run(second, source)
        var entries: [SetTokenSnapshot.Component] = []
        for (i, c) in components.enumerated() {
            let unit = try signedNonNegative(r2[3 * i][0], second[3 * i])
            guard case let .uint(d) = r2[3 * i + 1][0], let decimals = d.uint64, decimals <= 77 else {
                throw .outOfRange(contract: c, function: "decimals()", value: "\(r2[3 * i + 1][0])", rule: "must be 0…77")
            }
            entries.append(.init(address: c, symbol: try text(r2[3 * i + 2][0]), decimals: Int(decimals), realUnit: unit))
        }
        var moduleView: SetTokenSnapshot.Module?
        if let module {
            let info = r1[10]
            guard case let .bool(initialized) = r1[8][0], case let .bool(anyone) = r1[11][0],
                  case let .address(quote) = info[0], case let .uint(start) = info[1], case let .uint(duration) = info[2],
                  case let .uint(infoPM) = info[3], case let .uint(raise) = info[4], case let .uint(fee) = r2.last![0] else {
                throw .badReturn(contract: module, function: "rebalanceInfo(address)", reason: "unexpected value types")
            }
            moduleView = .init(address: module, isInitialized: initialized, protocolFee: fee, anyoneCanBid: anyone,
                               rebalance: .init(quoteAsset: quote, startTime: start, duration: duration, positionMultiplier: infoPM,
                                                raiseTargetPercentage: raise))
        }
        guard case let .uint(supply) = r1[1][0], case let .bool(locked) = r1[5][0] else {
            throw .badReturn(contract: setToken, function: "totalSupply()/isLocked()", reason: "unexpected value types")
        }
        return SetTokenSnapshot(block: block, setToken: setToken, symbol: try text(r1[7][0]), manager: try address(r1[3][0], first[3]),
                                modules: try addresses(r1[4], first[4]), isLocked: locked, locker: try address(r1[6][0], first[6]),
                                totalSupply: supply, positionMultiplier: pm, components: entries, module: moduleView)
    }

    /// One call with its signature and output types.
    struct Query {
        let to: Address
        let signature: String
        let arguments: [ABIValue]
        let outputs: [ABIType]
        init(_ to: Address, _ signature: String, _ arguments: [ABIValue], _ outputs: [ABIType]) {
            self.to = to; self.signature = signature; self.arguments = arguments; self.outputs = outputs
        }
        var call: ContractCall {
            let function = try! ABIFunction(signature: signature)
            return ContractCall(to: to, data: (try? function.encodeCall(arguments)) ?? [])
        }
    }

    private static func run(_ queries: [Query], _ source: some ChainStateSource) throws(SnapshotError) -> [[ABIValue]] {
        let results = try source.call(queries.map(\.call))
        guard results.count == queries.count else {
            throw .call("the node answered \(results.count) of \(queries.count) calls")
        }
        var out: [[ABIValue]] = []
        for (query, data) in zip(queries, results) {
            do { out.append(try ABIDecoder.decode(types: query.outputs, from: data)) } catch {
                // Some tokens (MKR) return `bytes32` from symbol(): accept it as a zero-padded string.
                if query.signature == "symbol()", data.count == 32 {
                    out.append([.string(String(decoding: data.prefix { $0 != 0 }, as: UTF8.self))])
                    continue
                }
                throw .badReturn(contract: query.to, function: query.signature, reason: error.description)
            }
        }
        return out
    }

    private static func addresses(_ values: [ABIValue], _ query: Query) throws(SnapshotError) -> [Address] {
        guard case let .array(items)? = values.first else { throw .badReturn(contract: query.to, function: query.signature, reason: "not an array") }
        var out: [Address] = []
        for item in items {
            guard case let .address(a) = item else { throw .badReturn(contract: query.to, function: query.signature, reason: "not an address") }
            out.append(a)
        }
        return out
    }

    private static func address(_ value: ABIValue, _ query: Query) throws(SnapshotError) -> Address {
        guard case let .address(a) = value else { throw .badReturn(contract: query.to, function: query.signature, reason: "not an address") }
        return a
    }

    private static func signedNonNegative(_ value: ABIValue, _ query: Query) throws(SnapshotError) -> UInt256 {
        guard case let .int(v) = value else { throw .badReturn(contract: query.to, function: query.signature, reason: "not an int256") }
        if v.isNegative { throw .outOfRange(contract: query.to, function: query.signature, value: v.description, rule: "must be ≥ 0") }
        return v.bitPattern
    }

    private static func text(_ value: ABIValue) throws(SnapshotError) -> String {
        if case let .string(s) = value { return s }
        return "\(value)"
    }
}
