/// A block selector of the JSON-RPC methods that read state.
public enum BlockTag: Sendable, Equatable, CustomStringConvertible {
    /// The most recent block.
    case latest
    /// The block being built, including the node's pool (for nonces).
    case pending
    /// The genesis block.
    case earliest
    /// The most recent block the beacon chain considers safe.
    case safe
    /// The most recent finalized block.
    case finalized
    /// A block by number.
    case number(UInt64)

    /// Parses `latest`, `pending`, `earliest`, `safe`, `finalized`, a decimal or a `0x` number;
    /// `nil` for anything else.
    public init?(_ text: String) {
        switch text {
        case "latest": self = .latest
        case "pending": self = .pending
        case "earliest": self = .earliest
        case "safe": self = .safe
        case "finalized": self = .finalized
        default:
            if text.hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16) { self = .number(value) }
            else if let value = UInt64(text) { self = .number(value) }
            else { return nil }
        }
    }

    /// The JSON-RPC parameter.
    public var json: JSONValue {
        switch self {
        case .number(let value): return .string(RPCQuantity.encode(value))
        default: return .string(description)
        }
    }

    public var description: String {
        switch self {
        case .latest: return "latest"
        case .pending: return "pending"
        case .earliest: return "earliest"
        case .safe: return "safe"
        case .finalized: return "finalized"
        case let .number(value): return String(value)
        }
    }
}

/// The transaction object of `eth_call` and `eth_estimateGas`.
public struct CallRequest: Sendable, Equatable {
    /// The sender (`from`); the real sender for a dry run.
    public var from: Address?
    /// The callee; `nil` for contract creation.
    public var to: Address?
    /// The calldata (`input`).
    public var input: [UInt8]
    /// The wei sent along.
    public var value: UInt256?
    /// The gas limit.
    public var gas: UInt64?
    /// Legacy gas price.
    public var gasPrice: UInt256?
    /// EIP-1559 max fee per gas.
    public var maxFeePerGas: UInt256?
    /// EIP-1559 max priority fee per gas.
    public var maxPriorityFeePerGas: UInt256?

    /// Makes a call request.
    public init(from: Address? = nil, to: Address?, input: [UInt8], value: UInt256? = nil, gas: UInt64? = nil,
                gasPrice: UInt256? = nil, maxFeePerGas: UInt256? = nil, maxPriorityFeePerGas: UInt256? = nil) {
        self.from = from
        self.to = to
        self.input = input
        self.value = value
        self.gas = gas
        self.gasPrice = gasPrice
        self.maxFeePerGas = maxFeePerGas
        self.maxPriorityFeePerGas = maxPriorityFeePerGas
    }

    /// The JSON-RPC transaction object (both `input` and `data`, as nodes differ in which they read).
    public var json: JSONValue {
        var members: [(String, JSONValue)] = []
        if let from { members.append(("from", .string(from.lowercased))) }
        if let to { members.append(("to", .string(to.lowercased))) }
        let data = JSONValue.string(Hex.encode(input))
        members.append(("input", data))
        members.append(("data", data))
        if let value { members.append(("value", .string(RPCQuantity.encode(value)))) }
        if let gas { members.append(("gas", .string(RPCQuantity.encode(gas)))) }
        if let gasPrice { members.append(("gasPrice", .string(RPCQuantity.encode(gasPrice)))) }
        if let maxFeePerGas { members.append(("maxFeePerGas", .string(RPCQuantity.encode(maxFeePerGas)))) }
        if let maxPriorityFeePerGas { members.append(("maxPriorityFeePerGas", .string(RPCQuantity.encode(maxPriorityFeePerGas)))) }
        return .object(members)
    }
}

/// One account's replacement state for `eth_call` (geth's state-override set).
public struct AccountOverride: Sendable, Equatable {
    /// A replacement balance in wei.
    public var balance: UInt256?
    /// A replacement nonce.
    public var nonce: UInt64?
    /// Replacement code.
    public var code: [UInt8]?
    /// Storage slots to set, leaving the others (`stateDiff`).
    public var stateDiff: [(slot: Bytes32, value: Bytes32)]

    /// Makes an override.
    public init(balance: UInt256? = nil, nonce: UInt64? = nil, code: [UInt8]? = nil, stateDiff: [(slot: Bytes32, value: Bytes32)] = []) {
        self.balance = balance
        self.nonce = nonce
        self.code = code
        self.stateDiff = stateDiff
    }

    public static func == (lhs: AccountOverride, rhs: AccountOverride) -> Bool {
        lhs.balance == rhs.balance && lhs.nonce == rhs.nonce && lhs.code == rhs.code
            && lhs.stateDiff.count == rhs.stateDiff.count
            && zip(lhs.stateDiff, rhs.stateDiff).allSatisfy { $0.slot == $1.slot && $0.value == $1.value }
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = []
        if let balance { members.append(("balance", .string(RPCQuantity.encode(balance)))) }
        if let nonce { members.append(("nonce", .string(RPCQuantity.encode(nonce)))) }
        if let code { members.append(("code", .string(Hex.encode(code)))) }
        if !stateDiff.isEmpty {
            members.append(("stateDiff", .object(stateDiff.map { ($0.slot.description, .string($0.value.description)) })))
        }
        return .object(members)
    }
}

/// `eth_feeHistory`'s answer.
public struct FeeHistory: Sendable, Equatable {
    /// The first block covered.
    public var oldestBlock: UInt64
    /// Base fee of each covered block, plus the next block's (one more entry than blocks).
    public var baseFeePerGas: [UInt256]
    /// Gas used / gas limit of each covered block.
    public var gasUsedRatio: [Double]
    /// The requested reward percentiles of each block's effective tips.
    public var reward: [[UInt256]]

    /// Makes a fee history.
    public init(oldestBlock: UInt64, baseFeePerGas: [UInt256], gasUsedRatio: [Double], reward: [[UInt256]]) {
        self.oldestBlock = oldestBlock
        self.baseFeePerGas = baseFeePerGas
        self.gasUsedRatio = gasUsedRatio
        self.reward = reward
    }

    /// Parses a result object; throws `RPCFieldError` naming the first bad field, including a
    /// `baseFeePerGas` that is not one longer than `gasUsedRatio` or reward rows of the wrong width.
    public init(json: JSONValue, percentileCount: Int) throws(RPCFieldError) {
        oldestBlock = try RPCQuantity.uint64(json["oldestBlock"], field: "feeHistory.oldestBlock")
        let fees = try RPCQuantity.array(json["baseFeePerGas"], field: "feeHistory.baseFeePerGas")
        baseFeePerGas = try fees.enumerated().map { (i, v) throws(RPCFieldError) in
            try RPCQuantity.uint256(v, field: "feeHistory.baseFeePerGas[\(i)]")
        }
        let ratios = try RPCQuantity.array(json["gasUsedRatio"], field: "feeHistory.gasUsedRatio")
        gasUsedRatio = try ratios.enumerated().map { (i, v) throws(RPCFieldError) in
            guard case let .number(text) = v, let ratio = Double(text), ratio >= 0 else {
                throw RPCFieldError(field: "feeHistory.gasUsedRatio[\(i)]", value: v.serialized, rule: "must be a non-negative number")
            }
            return ratio
        }
        guard baseFeePerGas.count == gasUsedRatio.count + 1 else {
            throw RPCFieldError(field: "feeHistory.baseFeePerGas", value: "\(baseFeePerGas.count) entries",
                                rule: "must have one more entry than gasUsedRatio (\(gasUsedRatio.count))")
        }
        if percentileCount > 0 {
            let rows = try RPCQuantity.array(json["reward"], field: "feeHistory.reward")
            guard rows.count == gasUsedRatio.count else {
                throw RPCFieldError(field: "feeHistory.reward", value: "\(rows.count) rows", rule: "must have one row per block (\(gasUsedRatio.count))")
            }
            reward = try rows.enumerated().map { (i, row) throws(RPCFieldError) in
                let cells = try RPCQuantity.array(row, field: "feeHistory.reward[\(i)]")
                guard cells.count == percentileCount else {
                    throw RPCFieldError(field: "feeHistory.reward[\(i)]", value: "\(cells.count) entries", rule: "must have \(percentileCount)")
                }
                return try cells.enumerated().map { (j, cell) throws(RPCFieldError) in
                    try RPCQuantity.uint256(cell, field: "feeHistory.reward[\(i)][\(j)]")
                }
            }
        } else {
            reward = []
        }
    }
}

/// One event log of a receipt.
public struct EventLog: Sendable, Equatable {
    /// The emitting contract.
    public var address: Address
    /// The indexed topics (topic 0 is the event signature hash for non-anonymous events).
    public var topics: [Bytes32]
    /// The non-indexed data.
    public var data: [UInt8]
    /// The log's index in its block.
    public var logIndex: UInt64

    /// Makes a log.
    public init(address: Address, topics: [Bytes32], data: [UInt8], logIndex: UInt64) {
        self.address = address
        self.topics = topics
        self.data = data
        self.logIndex = logIndex
    }

    init(json: JSONValue, field: String) throws(RPCFieldError) {
        address = try RPCQuantity.address(json["address"], field: field + ".address")
        let topicValues = try RPCQuantity.array(json["topics"], field: field + ".topics")
        guard topicValues.count <= 4 else {
            throw RPCFieldError(field: field + ".topics", value: "\(topicValues.count) topics", rule: "must be at most 4")
        }
        topics = try topicValues.enumerated().map { (i, v) throws(RPCFieldError) in
            try RPCQuantity.bytes32(v, field: field + ".topics[\(i)]")
        }
        data = try RPCQuantity.data(json["data"], field: field + ".data")
        logIndex = try RPCQuantity.uint64(json["logIndex"], field: field + ".logIndex")
    }
}

/// A mined transaction's receipt.
public struct TransactionReceipt: Sendable, Equatable {
    /// The transaction hash.
    public var transactionHash: Bytes32
    /// The including block's hash.
    public var blockHash: Bytes32
    /// The including block's number.
    public var blockNumber: UInt64
    /// The transaction's index in the block.
    public var transactionIndex: UInt64
    /// The sender.
    public var from: Address
    /// The callee; `nil` for contract creation.
    public var to: Address?
    /// The created contract, for contract creation.
    public var contractAddress: Address?
    /// Whether execution succeeded (status 1).
    public var succeeded: Bool
    /// Gas used by this transaction.
    public var gasUsed: UInt64
    /// Gas used in the block up to and including this transaction.
    public var cumulativeGasUsed: UInt64
    /// The price per gas actually paid.
    public var effectiveGasPrice: UInt256
    /// The EIP-2718 type (0 legacy, 1 access list, 2 dynamic fee, …).
    public var type: UInt64
    /// The event logs.
    public var logs: [EventLog]

    /// Parses a receipt object; throws `RPCFieldError` naming the first bad field.
    public init(json: JSONValue) throws(RPCFieldError) {
        guard case .object = json else {
            throw RPCFieldError(field: "receipt", value: json.serialized, rule: "must be an object")
        }
        transactionHash = try RPCQuantity.bytes32(json["transactionHash"], field: "receipt.transactionHash")
        blockHash = try RPCQuantity.bytes32(json["blockHash"], field: "receipt.blockHash")
        blockNumber = try RPCQuantity.uint64(json["blockNumber"], field: "receipt.blockNumber")
        transactionIndex = try RPCQuantity.uint64(json["transactionIndex"], field: "receipt.transactionIndex")
        from = try RPCQuantity.address(json["from"], field: "receipt.from")
        to = try RPCQuantity.optionalAddress(json["to"], field: "receipt.to")
        contractAddress = try RPCQuantity.optionalAddress(json["contractAddress"], field: "receipt.contractAddress")
        let status = try RPCQuantity.uint64(json["status"], field: "receipt.status")
        guard status <= 1 else { throw RPCFieldError(field: "receipt.status", value: String(status), rule: "must be 0x0 or 0x1") }
        succeeded = status == 1
        gasUsed = try RPCQuantity.uint64(json["gasUsed"], field: "receipt.gasUsed")
        cumulativeGasUsed = try RPCQuantity.uint64(json["cumulativeGasUsed"], field: "receipt.cumulativeGasUsed")
        effectiveGasPrice = try RPCQuantity.uint256(json["effectiveGasPrice"], field: "receipt.effectiveGasPrice")
        type = try json["type"].map { (v) throws(RPCFieldError) in try RPCQuantity.uint64(v, field: "receipt.type") } ?? 0
        let logValues = try RPCQuantity.array(json["logs"], field: "receipt.logs")
        logs = try logValues.enumerated().map { (i, v) throws(RPCFieldError) in
            try EventLog(json: v, field: "receipt.logs[\(i)]")
        }
    }
}

/// The header fields of a block the client uses.
public struct BlockHeader: Sendable, Equatable {
    /// The block number.
    public var number: UInt64
    /// The block hash.
    public var hash: Bytes32
    /// The parent's hash.
    public var parentHash: Bytes32
    /// Seconds since the Unix epoch.
    public var timestamp: UInt64
    /// The EIP-1559 base fee; `nil` before London.
    public var baseFeePerGas: UInt256?
    /// The gas limit.
    public var gasLimit: UInt64
    /// The gas used.
    public var gasUsed: UInt64

    /// Parses a block object; throws `RPCFieldError` naming the first bad field.
    public init(json: JSONValue) throws(RPCFieldError) {
        guard case .object = json else {
            throw RPCFieldError(field: "block", value: json.serialized, rule: "must be an object")
        }
        number = try RPCQuantity.uint64(json["number"], field: "block.number")
        hash = try RPCQuantity.bytes32(json["hash"], field: "block.hash")
        parentHash = try RPCQuantity.bytes32(json["parentHash"], field: "block.parentHash")
        timestamp = try RPCQuantity.uint64(json["timestamp"], field: "block.timestamp")
        if let fee = json["baseFeePerGas"], !fee.isNull {
            baseFeePerGas = try RPCQuantity.uint256(fee, field: "block.baseFeePerGas")
        } else {
            baseFeePerGas = nil
        }
        gasLimit = try RPCQuantity.uint64(json["gasLimit"], field: "block.gasLimit")
        gasUsed = try RPCQuantity.uint64(json["gasUsed"], field: "block.gasUsed")
    }
}

/// The fields of `eth_getTransactionByHash` the submitter needs.
public struct TransactionSummary: Sendable, Equatable {
    /// The hash.
    public var hash: Bytes32
    /// The sender.
    public var from: Address
    /// The nonce.
    public var nonce: UInt64
    /// The including block, or `nil` while pending.
    public var blockNumber: UInt64?

    /// Parses a transaction object; throws `RPCFieldError` naming the first bad field.
    public init(json: JSONValue) throws(RPCFieldError) {
        hash = try RPCQuantity.bytes32(json["hash"], field: "transaction.hash")
        from = try RPCQuantity.address(json["from"], field: "transaction.from")
        nonce = try RPCQuantity.uint64(json["nonce"], field: "transaction.nonce")
        blockNumber = try RPCQuantity.optionalUInt64(json["blockNumber"], field: "transaction.blockNumber")
    }
}

extension AccountOverride {
    /// Parses a geth state-override set: `{"0xaddr": {"balance": "0x…", "nonce": "0x…", "code":
    /// "0x…", "stateDiff": {"0xslot": "0xvalue"}}, …}`. Throws `RPCFieldError` naming the
    /// address and member that is malformed or unknown (`state`, which replaces all storage,
    /// is not supported: use `stateDiff`).
    public static func parseSet(_ json: JSONValue) throws(RPCFieldError) -> [(Address, AccountOverride)] {
        guard case let .object(members) = json else {
            throw RPCFieldError(field: "stateOverride", value: json.kindName, rule: "must be an object keyed by address")
        }
        var result: [(Address, AccountOverride)] = []
        for (key, value) in members {
            let address = try RPCQuantity.address(.string(key), field: "stateOverride key")
            guard case let .object(fields) = value else {
                throw RPCFieldError(field: "stateOverride[\(key)]", value: value.kindName, rule: "must be an object")
            }
            var account = AccountOverride()
            for (name, field) in fields {
                let path = "stateOverride[\(key)].\(name)"
                switch name {
                case "balance": account.balance = try RPCQuantity.uint256(field, field: path)
                case "nonce": account.nonce = try RPCQuantity.uint64(field, field: path)
                case "code": account.code = try RPCQuantity.data(field, field: path)
                case "stateDiff":
                    guard case let .object(slots) = field else {
                        throw RPCFieldError(field: path, value: field.kindName, rule: "must be an object of slot: value")
                    }
                    for (slot, word) in slots {
                        account.stateDiff.append((try RPCQuantity.bytes32(.string(slot), field: path + " slot"),
                                                  try RPCQuantity.bytes32(word, field: path + "[\(slot)]")))
                    }
                default:
                    throw RPCFieldError(field: path, value: name, rule: "is not a supported override (balance, nonce, code, stateDiff)")
                }
            }
            result.append((address, account))
        }
        return result
    }
}
