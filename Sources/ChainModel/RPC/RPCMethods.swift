/// Typed wrappers of the `eth_*` methods the tool uses. Each throws `RPCError`; a result that
/// breaks the wire format is `.malformedResponse` naming the field, value and rule.
extension RPCClient {
    private func decode<T>(_ method: String, _ body: (JSONValue) throws(RPCFieldError) -> T,
                           _ params: [JSONValue]) throws(RPCError) -> T {
        let result = try call(method, params)
        do {
            return try body(result)
        } catch {
            throw .malformedResponse(endpoint: endpoint.redacted, method: method, reason: error.description)
        }
    }

    /// `eth_chainId`: the chain id the node serves.
    public func chainID() throws(RPCError) -> UInt64 {
        try decode("eth_chainId", { (v) throws(RPCFieldError) in try RPCQuantity.uint64(v, field: "result") }, [])
    }

    /// `eth_blockNumber`: the number of the most recent block.
    public func blockNumber() throws(RPCError) -> UInt64 {
        try decode("eth_blockNumber", { (v) throws(RPCFieldError) in try RPCQuantity.uint64(v, field: "result") }, [])
    }

    /// `eth_getBalance`: the wei balance of `address` at `block`.
    public func balance(of address: Address, at block: BlockTag = .latest) throws(RPCError) -> UInt256 {
        try decode("eth_getBalance", { (v) throws(RPCFieldError) in try RPCQuantity.uint256(v, field: "result") },
                   [.string(address.lowercased), block.json])
    }

    /// `eth_getTransactionCount`: the nonce of `address` at `block` (`.pending` counts the pool).
    public func transactionCount(of address: Address, at block: BlockTag = .pending) throws(RPCError) -> UInt64 {
        try decode("eth_getTransactionCount", { (v) throws(RPCFieldError) in try RPCQuantity.uint64(v, field: "result") },
                   [.string(address.lowercased), block.json])
    }

    /// `eth_getCode`: the code at `address`.
    public func code(at address: Address, block: BlockTag = .latest) throws(RPCError) -> [UInt8] {
        try decode("eth_getCode", { (v) throws(RPCFieldError) in try RPCQuantity.data(v, field: "result") },
                   [.string(address.lowercased), block.json])
    }

    /// `eth_call`: the return data of `request` executed at `block`, with optional state
    /// overrides. A revert is `RPCError.node` whose `revertData` holds the reason.
    public func call(_ request: CallRequest, at block: BlockTag = .latest,
                     stateOverride: [(Address, AccountOverride)] = []) throws(RPCError) -> [UInt8] {
        var params: [JSONValue] = [request.json, block.json]
        if !stateOverride.isEmpty {
            params.append(.object(stateOverride.map { ($0.0.lowercased, $0.1.json) }))
        }
        return try decode("eth_call", { (v) throws(RPCFieldError) in try RPCQuantity.data(v, field: "result") }, params)
    }

    /// `eth_estimateGas`: the gas `request` needs at `block`. A revert is `RPCError.node`.
    public func estimateGas(_ request: CallRequest, at block: BlockTag = .latest) throws(RPCError) -> UInt64 {
        try decode("eth_estimateGas", { (v) throws(RPCFieldError) in try RPCQuantity.uint64(v, field: "result") },
                   [request.json, block.json])
    }

    /// `eth_gasPrice`: the node's legacy gas price suggestion.
    public func gasPrice() throws(RPCError) -> UInt256 {
        try decode("eth_gasPrice", { (v) throws(RPCFieldError) in try RPCQuantity.uint256(v, field: "result") }, [])
    }

    /// `eth_feeHistory` over `blockCount` blocks ending at `newest`, with reward `percentiles`
    /// (ascending, 0…100).
    public func feeHistory(blockCount: UInt64, newest: BlockTag = .latest, percentiles: [Double]) throws(RPCError) -> FeeHistory {
        let count = percentiles.count
        return try decode("eth_feeHistory", { (v) throws(RPCFieldError) in try FeeHistory(json: v, percentileCount: count) },
                          [.string(RPCQuantity.encode(blockCount)), newest.json,
                           .array(percentiles.map { .number(RPCClient.formatPercentile($0)) })])
    }

    static func formatPercentile(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// `eth_getBlockByNumber` without transactions; `nil` when the node has no such block.
    public func block(_ tag: BlockTag) throws(RPCError) -> BlockHeader? {
        try decode("eth_getBlockByNumber", { (v) throws(RPCFieldError) in v.isNull ? nil : try BlockHeader(json: v) },
                   [tag.json, .bool(false)])
    }

    /// `eth_getTransactionReceipt`: the receipt, or `nil` while the transaction is not mined
    /// (or unknown).
    public func transactionReceipt(_ hash: Bytes32) throws(RPCError) -> TransactionReceipt? {
        try decode("eth_getTransactionReceipt", { (v) throws(RPCFieldError) in v.isNull ? nil : try TransactionReceipt(json: v) },
                   [.string(hash.description)])
    }

    /// `eth_getTransactionByHash`: the transaction, or `nil` when the node does not know it.
    public func transaction(_ hash: Bytes32) throws(RPCError) -> TransactionSummary? {
        try decode("eth_getTransactionByHash", { (v) throws(RPCFieldError) in v.isNull ? nil : try TransactionSummary(json: v) },
                   [.string(hash.description)])
    }

    /// `eth_sendRawTransaction`: broadcasts signed bytes and returns the hash the node reports.
    public func sendRawTransaction(_ raw: [UInt8]) throws(RPCError) -> Bytes32 {
        try decode("eth_sendRawTransaction", { (v) throws(RPCFieldError) in try RPCQuantity.bytes32(v, field: "result") },
                   [.string(Hex.encode(raw))])
    }
}
