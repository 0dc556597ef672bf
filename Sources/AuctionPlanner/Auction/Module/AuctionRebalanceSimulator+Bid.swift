import ChainModel

extension AuctionRebalanceSimulator {
    /// `getBidPreview` (§2.3 steps 1–13): the bid's `BidInfo` at `blockTimestamp`, with
    /// `componentQuantity == UInt256.max` meaning "the whole auction". Throws the first failing
    /// check's revert.
    public func bidPreview(component: Address, quoteAsset: Address, componentQuantity: UInt256,
                           quoteQuantityLimit: UInt256, isSellAuction: Bool) throws(AuctionModuleError) -> BidInfo {
        let info = rebalanceInfo
        if component == info.quoteAsset { throw .cannotBidExplicitlyOnQuoteAsset }
        if quoteAsset != info.quoteAsset { throw .quoteAssetMismatch }
        if !info.rebalanceComponents.contains(component) { throw .componentNotPartOfRebalance(component) }
        if try isRebalanceDurationElapsed() { throw .rebalanceMustBeInProgress }
        if componentQuantity.isZero { throw .componentAmountMustBePositive }
        let params = executionInfo[component] ?? AuctionExecutionParams(targetUnit: .zero, priceAdapterName: "", priceAdapterConfigData: [])
        guard registeredAdapterNames.contains(params.priceAdapterName) else { throw .mustBeValidAdapter(name: params.priceAdapterName) }
        let adapter: PriceAdapter
        do {
            adapter = try PriceAdapter(name: params.priceAdapterName, configData: params.priceAdapterConfigData)
        } catch { throw .priceAdapter(error) }
        let supply = setToken.totalSupply
        let (isSell, auctionQuantity) = try auctionSizeAndDirection(component)
        if isSell != isSellAuction { throw .auctionDirectionMismatch }
        var quantity = componentQuantity
        if componentQuantity == .max {
            quantity = auctionQuantity
        } else if componentQuantity > auctionQuantity {
            throw .bidSizeExceedsAuctionQuantity
        }
        let elapsed = try checked { () throws(SafeMathError) in try SafeMath.sub(blockTimestamp, info.rebalanceStartTime) }
        let price: UInt256
        do { price = try adapter.price(timeElapsed: elapsed) } catch { throw .priceAdapter(error) }
        let quote = try checked { () throws(SafeMathError) in
            try AuctionSizing.quoteQuantity(isSellAuction: isSell, componentQuantity: quantity, price: price)
        }
        let (send, receive) = isSell ? (component, info.quoteAsset) : (info.quoteAsset, component)
        let bid = BidInfo(
            sendToken: send, receiveToken: receive,
            priceAdapterName: params.priceAdapterName, priceAdapterConfigData: params.priceAdapterConfigData,
            isSellAuction: isSell, auctionQuantity: auctionQuantity, componentPrice: price,
            quantitySentBySet: isSell ? quantity : quote, quantityReceivedBySet: isSell ? quote : quantity,
            preBidTokenSentBalance: setToken.balance(of: send), preBidTokenReceivedBalance: setToken.balance(of: receive),
            setTotalSupply: supply)
        if isSell {
            if quote > quoteQuantityLimit { throw .quoteAssetQuantityExceedsLimit }
        } else {
            if quote < quoteQuantityLimit { throw .quoteAssetQuantityBelowLimit }
            if quote > bid.preBidTokenSentBalance { throw .insufficientQuoteAssetBalance }
        }
        return bid
    }

    /// `bid` (§2.3, §2.5, §2.6): validates as ``bidPreview(component:quoteAsset:componentQuantity:quoteQuantityLimit:isSellAuction:)``,
    /// moves the tokens, pays the protocol fee in the receive token, and recomputes both positions
    /// (airdrop-aware, with component append and swap-and-pop removal). Bidder permission is not
    /// modelled. Throws the contract's revert and leaves the state unchanged.
    @discardableResult
    public mutating func bid(component: Address, quoteAsset: Address, componentAmount: UInt256,
                             quoteAssetLimit: UInt256, isSellAuction: Bool) throws(AuctionModuleError) -> BidExecution {
        let info = try bidPreview(component: component, quoteAsset: quoteAsset, componentQuantity: componentAmount,
                                  quoteQuantityLimit: quoteAssetLimit, isSellAuction: isSellAuction)
        let fee = protocolFee
        return try transactionBody { (s: inout SetTokenState) throws(AuctionModuleError) -> BidExecution in
            try s.transfer(info.receiveToken, info.quantityReceivedBySet, incoming: true)
            try s.transfer(info.sendToken, info.quantitySentBySet, incoming: false)
            let exchanged = try checked { () throws(SafeMathError) in
                try SafeMath.sub(s.balance(of: info.receiveToken), info.preBidTokenReceivedBalance)
            }
            let protocolFee = try checked { () throws(SafeMathError) in try PreciseUnitMath.preciseMul(exchanged, fee) }
            if !protocolFee.isZero { try s.transfer(info.receiveToken, protocolFee, incoming: false) }
            let sendUnit = try s.calculateAndEditDefaultPosition(info.sendToken, setTotalSupply: info.setTotalSupply,
                                                                  previousBalance: info.preBidTokenSentBalance)
            let receiveUnit = try s.calculateAndEditDefaultPosition(info.receiveToken, setTotalSupply: info.setTotalSupply,
                                                                     previousBalance: info.preBidTokenReceivedBalance)
            let (sent, received) = try checked { () throws(SafeMathError) in
                (try SafeMath.sub(info.preBidTokenSentBalance, s.balance(of: info.sendToken)),
                 try SafeMath.sub(s.balance(of: info.receiveToken), info.preBidTokenReceivedBalance))
            }
            return BidExecution(info: info, netQuantitySentBySet: sent, netQuantityReceivedBySet: received,
                                protocolFee: protocolFee, computedSendTokenUnit: sendUnit, computedReceiveTokenUnit: receiveUnit)
        }
    }

    /// Runs `body` on a copy of the SetToken and keeps it only on success.
    private mutating func transactionBody<T>(_ body: (inout SetTokenState) throws(AuctionModuleError) -> T) throws(AuctionModuleError) -> T {
        var copy = setToken
        let result = try body(&copy)
        setToken = copy
        return result
    }
}
