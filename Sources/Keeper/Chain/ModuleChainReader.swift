import ChainModel

/// Reads a started rebalance's module state over JSON-RPC, every value at one block (the
/// latest when read): its timestamp, `rebalanceInfo`, `allTargetsMet`, `canRaiseAssetTargets`,
/// `canUnlockEarly` and the Set's `isLocked`. It proposes no bids (an observer keeper).
public struct ModuleChainReader: KeeperChainReading {
    /// The node.
    public var client: RPCClient

    /// Makes a reader over `client`.
    public init(client: RPCClient) { self.client = client }

    static let rebalanceInfo = try! ABIFunction(signature: "rebalanceInfo(address) returns (address,uint256,uint256,uint256,uint256)")
    static let allTargetsMet = try! ABIFunction(signature: "allTargetsMet(address) returns (bool)")
    static let canRaiseAssetTargets = try! ABIFunction(signature: "canRaiseAssetTargets(address) returns (bool)")
    static let canUnlockEarly = try! ABIFunction(signature: "canUnlockEarly(address) returns (bool)")
    static let isLocked = try! ABIFunction(signature: "isLocked() returns (bool)")

    func call(_ to: Address, _ function: ABIFunction, _ arguments: [ABIValue], at block: UInt64) throws(KeeperRunError) -> [ABIValue] {
        let data: [UInt8]
        do {
            data = try client.call(CallRequest(to: to, input: try function.encodeCall(arguments)), at: .number(block))
        } catch let error as RPCError {
            throw .chain("\(function.canonicalSignature) on \(to): \(error)")
        } catch {
            throw .chain("\(function.canonicalSignature): \(error)")
        }
        do { return try function.decodeOutput(data) } catch {
            throw .chain("\(function.canonicalSignature) on \(to): unexpected return data (\(error))")
        }
    }

    func bool(_ to: Address, _ function: ABIFunction, _ arguments: [ABIValue], at block: UInt64) throws(KeeperRunError) -> Bool {
        guard case let .bool(value)? = try call(to, function, arguments, at: block).first else {
            throw .chain("\(function.canonicalSignature) on \(to): not a bool")
        }
        return value
    }

    /// The module's state of `rebalance` at the latest block. `canUnlockEarly` reverting (the
    /// §2.9(1) underflow) reads as `false`. Throws `KeeperRunError.chain` when the node fails.
    public func auction(of rebalance: KeeperRebalance) throws(KeeperRunError) -> AuctionObservation {
        let header: BlockHeader?
        do { header = try client.block(.latest) } catch { throw .chain("eth_getBlockByNumber: \(error)") }
        guard let header else { throw .chain("eth_getBlockByNumber: the node has no latest block") }
        let set = ABIValue.address(rebalance.setToken)
        let info = try call(rebalance.module, Self.rebalanceInfo, [set], at: header.number)
        guard info.count == 5, case let .uint(start) = info[1], case let .uint(duration) = info[2],
              let start64 = start.uint64, let duration64 = duration.uint64 else {
            throw .chain("rebalanceInfo(address) on \(rebalance.module): start or duration out of range")
        }
        let early: Bool
        do { early = try bool(rebalance.module, Self.canUnlockEarly, [set], at: header.number) } catch { early = false }
        return AuctionObservation(
            chainTime: header.timestamp, rebalanceStart: start64, rebalanceDuration: duration64,
            allTargetsMet: try bool(rebalance.module, Self.allTargetsMet, [set], at: header.number),
            canRaiseAssetTargets: try bool(rebalance.module, Self.canRaiseAssetTargets, [set], at: header.number),
            canUnlockEarly: early, isLocked: try bool(rebalance.setToken, Self.isLocked, [], at: header.number))
    }

    /// No bids: returns `nil`.
    public func bid(for rebalance: KeeperRebalance, auction: AuctionObservation) throws(KeeperRunError) -> BidProposal? { nil }
}
