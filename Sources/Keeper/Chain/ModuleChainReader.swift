import ChainModel

/// Reads a started rebalance's module state over JSON-RPC, every value at one block (the
/// latest when read): its timestamp, `rebalanceInfo`, `allTargetsMet`, `canRaiseAssetTargets`,
/// `canUnlockEarly` and the Set's `isLocked`. With a bidding configuration it also proposes
/// bids: for each component with a reference price, the auction's remaining size and preview
/// price, the bidder's balances and allowances to the module, judged by ``BidEvaluator``; with
/// an approval policy, the approval a bid needs first.
public struct ModuleChainReader: KeeperChainReading {
    /// How the keeper bids.
    public struct Bidding: Sendable {
        /// The bidding account.
        public var bidder: Address
        /// Where the reference prices come from (asked on every bid evaluation).
        public var prices: any ReferencePriceSource
        /// The edge demanded against the reference, in basis points.
        public var marginBasisPoints: UInt64
        /// Whether and how much the keeper approves the module to spend before bidding.
        public var approvals: ApprovalPolicy

        /// Makes a configuration.
        public init(bidder: Address, prices: any ReferencePriceSource, marginBasisPoints: UInt64, approvals: ApprovalPolicy = .off) {
            self.bidder = bidder
            self.prices = prices
            self.marginBasisPoints = marginBasisPoints
            self.approvals = approvals
        }

        /// Makes a configuration with fixed reference prices and no approvals.
        public init(bidder: Address, referencePrices: [Address: UInt256], marginBasisPoints: UInt64) {
            self.init(bidder: bidder, prices: FixedReferencePrices(referencePrices), marginBasisPoints: marginBasisPoints)
        }
    }

    /// The node.
    public var client: RPCClient
    /// The bidding configuration; `nil` proposes no bids.
    public var bidding: Bidding?

    /// Makes a reader over `client`, bidding when `bidding` is given.
    public init(client: RPCClient, bidding: Bidding? = nil) {
        self.client = client
        self.bidding = bidding
    }

    static let auctionSize = try! ABIFunction(signature: "getAuctionSizeAndDirection(address,address) returns (bool,uint256)")
    static let bidPreview = try! ABIFunction(signature: "getBidPreview(address,address,address,uint256,uint256,bool) returns "
        + "((address,address,address,address,bytes,bool,uint256,uint256,uint256,uint256,uint256,uint256,uint256))")
    static let balanceOf = try! ABIFunction(signature: "balanceOf(address) returns (uint256)")
    static let allowance = try! ABIFunction(signature: "allowance(address,address) returns (uint256)")

    static let rebalanceInfo = try! ABIFunction(signature: "rebalanceInfo(address) returns (address,uint256,uint256,uint256,uint256)")
    static let allTargetsMet = try! ABIFunction(signature: "allTargetsMet(address) returns (bool)")
    static let canRaiseAssetTargets = try! ABIFunction(signature: "canRaiseAssetTargets(address) returns (bool)")
    static let canUnlockEarly = try! ABIFunction(signature: "canUnlockEarly(address) returns (bool)")
    static let isLocked = try! ABIFunction(signature: "isLocked() returns (bool)")

    func call(_ to: Address, _ function: ABIFunction, _ arguments: [ABIValue], at block: UInt64) throws(KeeperRunError) -> [ABIValue] {
        guard let values = try callUnlessReverted(to, function, arguments, at: block, revertsAllowed: false) else {
            throw .chain("\(function.canonicalSignature) on \(to): no result")
        }
        return values
    }

    /// The decoded result, or `nil` when the call reverted and `revertsAllowed`. Any other
    /// failure (transport, HTTP status, malformed answer, retries used up, undecodable result)
    /// throws `KeeperRunError.chain`, so the step is retried rather than the call skipped.
    func callUnlessReverted(_ to: Address, _ function: ABIFunction, _ arguments: [ABIValue], at block: UInt64,
                            revertsAllowed: Bool = true) throws(KeeperRunError) -> [ABIValue]? {
        let data: [UInt8]
        do {
            data = try client.call(CallRequest(to: to, input: try function.encodeCall(arguments)), at: .number(block))
        } catch let error as RPCError {
            if revertsAllowed, case let .node(_, _, object) = error, object.isRevert { return nil }
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

    func uint(_ to: Address, _ function: ABIFunction, _ arguments: [ABIValue], at block: UInt64) throws(KeeperRunError) -> UInt256 {
        guard case let .uint(value)? = try call(to, function, arguments, at: block).first else {
            throw .chain("\(function.canonicalSignature) on \(to): not a uint256")
        }
        return value
    }

    /// The first favourable bid (``observeBid(for:auction:)``), without the reason when there is none.
    public func bid(for rebalance: KeeperRebalance, auction: AuctionObservation) throws(KeeperRunError) -> BidProposal? {
        try observeBid(for: rebalance, auction: auction).proposal
    }

    /// The first favourable bid over the components with a reference price (in address order),
    /// or none; none without a bidding configuration. Reference prices that cannot be read or
    /// are stale give no bid and a note saying why. A component whose size or preview call
    /// reverts (not auctioned now) is skipped. With an approval policy, bids are capped by the
    /// balance only, and a bid spending more than the allowance carries the approval to send
    /// first (the exact need, or 2^256 − 1). Throws `KeeperRunError.chain` when the node fails
    /// in any other way (transport, status, malformed answer), so the step is retried.
    public func observeBid(for rebalance: KeeperRebalance, auction: AuctionObservation) throws(KeeperRunError) -> BidObservation {
        guard let bidding else { return BidObservation(proposal: nil) }
        let references: [Address: UInt256]
        do { references = try bidding.prices.prices() } catch { return BidObservation(proposal: nil, note: error.description) }
        let header: BlockHeader?
        do { header = try client.block(.latest) } catch { throw .chain("eth_getBlockByNumber: \(error)") }
        guard let block = header?.number else { throw .chain("eth_getBlockByNumber: the node has no latest block") }
        let set = ABIValue.address(rebalance.setToken)
        guard case let .address(quoteAsset)? = try call(rebalance.module, Self.rebalanceInfo, [set], at: block).first else {
            throw .chain("rebalanceInfo(address) on \(rebalance.module): no quote asset")
        }
        let approving = bidding.approvals != .off
        let quoteBalance = try uint(quoteAsset, Self.balanceOf, [.address(bidding.bidder)], at: block)
        let quoteAllowance = try uint(quoteAsset, Self.allowance, [.address(bidding.bidder), .address(rebalance.module)], at: block)
        for (component, reference) in references.sorted(by: { $0.key.lowercased < $1.key.lowercased }) {
            guard let size = try callUnlessReverted(rebalance.module, Self.auctionSize, [set, .address(component)], at: block) else { continue }
            guard size.count == 2, case let .bool(isSell) = size[0], case let .uint(quantity) = size[1] else {
                throw .chain("getAuctionSizeAndDirection on \(rebalance.module): unexpected result")
            }
            if quantity.isZero { continue }
            guard let preview = try callUnlessReverted(
                rebalance.module, Self.bidPreview,
                [set, .address(component), .address(quoteAsset), .uint(quantity), .uint(isSell ? .max : .zero), .bool(isSell)], at: block)
            else { continue }
            guard case let .tuple(info)? = preview.first, info.count == 13,
                  case let .uint(sentBySet) = info[8], case let .uint(receivedBySet) = info[9] else {
                throw .chain("getBidPreview on \(rebalance.module): unexpected BidInfo")
            }
            let componentAllowance = try uint(component, Self.allowance, [.address(bidding.bidder), .address(rebalance.module)], at: block)
            let funds = BidderFunds(
                quoteBalance: quoteBalance, quoteAllowance: approving ? .max : quoteAllowance,
                componentBalance: try uint(component, Self.balanceOf, [.address(bidding.bidder)], at: block),
                componentAllowance: approving ? .max : componentAllowance)
            let quote = AuctionQuote(component: component, quoteAsset: quoteAsset, isSellAuction: isSell, componentQuantity: quantity,
                                     quoteQuantity: isSell ? receivedBySet : sentBySet)
            guard var proposal = BidEvaluator.proposal(quote, referencePrice: reference, marginBasisPoints: bidding.marginBasisPoints,
                                                       funds: funds) else { continue }
            if approving {
                let (token, allowance, need) = isSell ? (quoteAsset, quoteAllowance, proposal.quoteAssetLimit)
                    : (component, componentAllowance, proposal.componentAmount)
                if allowance < need {
                    proposal.approval = TokenApproval(token: token, spender: rebalance.module,
                                                      amount: bidding.approvals == .exact ? need : .max)
                }
            }
            return BidObservation(proposal: proposal)
        }
        return BidObservation(proposal: nil)
    }
}
