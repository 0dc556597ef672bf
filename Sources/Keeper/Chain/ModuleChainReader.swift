import ChainModel

/// Reads a started rebalance's module state over JSON-RPC, every value at one block (the
/// latest when read): its timestamp, `rebalanceInfo`, `allTargetsMet`, `canRaiseAssetTargets`,
/// `canUnlockEarly` and the Set's `isLocked`. With a bidding configuration it also proposes
/// bids: for each component with a reference price, the auction's remaining size and preview
/// price, the bidder's balances and allowances to the module, judged by ``BidEvaluator``.
public struct ModuleChainReader: KeeperChainReading {
    /// How the keeper bids.
    public struct Bidding: Sendable, Equatable {
        /// The bidding account.
        public var bidder: Address
        /// Reference prices in the adapter scale (§3.1), by component.
        public var referencePrices: [Address: UInt256]
        /// The edge demanded against the reference, in basis points.
        public var marginBasisPoints: UInt64

        /// Makes a configuration.
        public init(bidder: Address, referencePrices: [Address: UInt256], marginBasisPoints: UInt64) {
            self.bidder = bidder
            self.referencePrices = referencePrices
            self.marginBasisPoints = marginBasisPoints
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

    func uint(_ to: Address, _ function: ABIFunction, _ arguments: [ABIValue], at block: UInt64) throws(KeeperRunError) -> UInt256 {
        guard case let .uint(value)? = try call(to, function, arguments, at: block).first else {
            throw .chain("\(function.canonicalSignature) on \(to): not a uint256")
        }
        return value
    }

    /// The first favourable bid over the components with a reference price (in address order),
    /// or `nil`; `nil` without a bidding configuration. A component whose size or preview cannot
    /// be read (a revert: not auctioned now) is skipped for this step. Throws
    /// `KeeperRunError.chain` when the quote asset, balances or allowances cannot be read.
    public func bid(for rebalance: KeeperRebalance, auction: AuctionObservation) throws(KeeperRunError) -> BidProposal? {
        guard let bidding else { return nil }
        let header: BlockHeader?
        do { header = try client.block(.latest) } catch { throw .chain("eth_getBlockByNumber: \(error)") }
        guard let block = header?.number else { throw .chain("eth_getBlockByNumber: the node has no latest block") }
        let set = ABIValue.address(rebalance.setToken)
        guard case let .address(quoteAsset)? = try call(rebalance.module, Self.rebalanceInfo, [set], at: block).first else {
            throw .chain("rebalanceInfo(address) on \(rebalance.module): no quote asset")
        }
        let quoteBalance = try uint(quoteAsset, Self.balanceOf, [.address(bidding.bidder)], at: block)
        let quoteAllowance = try uint(quoteAsset, Self.allowance, [.address(bidding.bidder), .address(rebalance.module)], at: block)
        for (component, reference) in bidding.referencePrices.sorted(by: { $0.key.lowercased < $1.key.lowercased }) {
            let size: [ABIValue]
            do { size = try call(rebalance.module, Self.auctionSize, [set, .address(component)], at: block) } catch { continue }
            guard size.count == 2, case let .bool(isSell) = size[0], case let .uint(quantity) = size[1], !quantity.isZero else { continue }
            let preview: [ABIValue]
            do {
                preview = try call(rebalance.module, Self.bidPreview,
                                   [set, .address(component), .address(quoteAsset), .uint(quantity), .uint(isSell ? .max : .zero), .bool(isSell)],
                                   at: block)
            } catch { continue }
            guard case let .tuple(info)? = preview.first, info.count == 13,
                  case let .uint(sentBySet) = info[8], case let .uint(receivedBySet) = info[9] else {
                throw .chain("getBidPreview on \(rebalance.module): unexpected BidInfo")
            }
            let funds = BidderFunds(
                quoteBalance: quoteBalance, quoteAllowance: quoteAllowance,
                componentBalance: try uint(component, Self.balanceOf, [.address(bidding.bidder)], at: block),
                componentAllowance: try uint(component, Self.allowance, [.address(bidding.bidder), .address(rebalance.module)], at: block))
            let quote = AuctionQuote(component: component, quoteAsset: quoteAsset, isSellAuction: isSell, componentQuantity: quantity,
                                     quoteQuantity: isSell ? receivedBySet : sentBySet)
            if let proposal = BidEvaluator.proposal(quote, referencePrice: reference, marginBasisPoints: bidding.marginBasisPoints, funds: funds) {
                return proposal
            }
        }
        return nil
    }
}
