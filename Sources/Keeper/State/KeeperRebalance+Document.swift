import ChainModel

extension KeeperRebalance {
    /// A `planned` record read from the bytes of a plan document (`rebalancer plan --out`): the
    /// hash of those exact bytes, the chain, the Set, the lock flag and the transactions. The
    /// module comes from the module route, or from `module` for the extension route (where the
    /// document only names the extension). Throws `KeeperError.planDocument` naming the field.
    public init(id: String, index: String, planDocument bytes: [UInt8], keeper: Address, startAt: Int64,
                expiresAt: Int64? = nil, module: Address? = nil) throws(KeeperError) {
        let document: JSONValue
        do { document = try JSONValue.parse(bytes) } catch { throw .planDocument(field: "(document)", rule: "not JSON: \(error)") }
        func string(_ value: JSONValue?, _ field: String) throws(KeeperError) -> String {
            guard let text = value?.stringValue else { throw .planDocument(field: field, rule: "must be a string") }
            return text
        }
        func address(_ value: JSONValue?, _ field: String) throws(KeeperError) -> Address {
            let text = try string(value, field)
            do { return try Address(text) } catch { throw .planDocument(field: field, rule: "\(text.prefix(60)) is not an address (\(error))") }
        }
        guard try string(document["format"], "format") == "rebalancer/plan@1" else {
            throw .planDocument(field: "format", rule: "must be rebalancer/plan@1")
        }
        guard case let .number(chainText)? = document["state"]?["chain_id"], let chainID = UInt64(chainText) else {
            throw .planDocument(field: "state.chain_id", rule: "must be an integer chain id")
        }
        let setToken = try address(document["state"]?["set_token"], "state.set_token")
        guard case let .bool(locks)? = document["rebalance"]?["lock_set_token"] else {
            throw .planDocument(field: "rebalance.lock_set_token", rule: "must be true or false")
        }
        let routeKind = try string(document["route"]?["kind"], "route.kind")
        let routeTo = try address(document["route"]?["to"], "route.to")
        let moduleAddress: Address
        switch (routeKind, module) {
        case ("module", nil): moduleAddress = routeTo
        case let ("module", given?):
            guard given == routeTo else {
                throw .planDocument(field: "route.to", rule: "the plan's module \(routeTo) is not the given module \(given)")
            }
            moduleAddress = given
        case let ("extension", given?): moduleAddress = given
        case ("extension", nil): throw .planDocument(field: "route.kind", rule: "extension route: the auction module must be given")
        default: throw .planDocument(field: "route.kind", rule: "must be module or extension, not \(routeKind.prefix(40))")
        }
        guard let transactions = document["transactions"]?.arrayValue else {
            throw .planDocument(field: "transactions", rule: "must be an array")
        }
        var calls: [PlannedCall] = []
        for (i, tx) in transactions.enumerated() {
            let data: [UInt8]
            let text = try string(tx["calldata"], "transactions[\(i)].calldata")
            do { data = try Hex.decode(text, requirePrefix: true) } catch {
                throw .planDocument(field: "transactions[\(i)].calldata", rule: "must be 0x-prefixed hex (\(error))")
            }
            calls.append(PlannedCall(to: try address(tx["to"], "transactions[\(i)].to"), data: data,
                                     purpose: try string(tx["purpose"], "transactions[\(i)].purpose")))
        }
        self.init(id: id, index: index, chainID: chainID, keeper: keeper, module: moduleAddress, setToken: setToken,
                  planHash: Keccak256.hash(bytes), startAt: startAt, expiresAt: expiresAt, locksSet: locks, calls: calls)
    }
}
