import ChainModel

/// Why a trade list cannot be built.
public enum TradePlanError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The module math reverted for `component` (e.g. an overflow) — the contract would too.
    case moduleRevert(component: Address, AuctionModuleError)
    /// A target has no fair price.
    case missingPrice(token: Address)
    /// A total exceeds 2²⁵⁶ − 1.
    case overflow(field: String)

    /// A sentence naming the component and the revert.
    public var description: String {
        switch self {
        case let .moduleRevert(component, error): return "\(component): \(error.description)"
        case let .missingPrice(token): return "no fair price for \(token)"
        case let .overflow(field): return "\(field) exceeds 2^256 − 1"
        }
    }
}

/// Builds the trade list of a rebalance from its targets (§2.5, §10).
public enum TradePlanner {
    /// Trades, totals, turnover and warnings for `targets` computed from `state`.
    ///
    /// - Parameters:
    ///   - protocolFee: the module fee (1e18 = 100 %) used for the buy gross-up.
    ///   - shouldLockSetToken: whether `startRebalance` locks (enables the §2.9(1) check).
    ///   - currentRaiseTargetPercentage: the on-chain value (it persists across rebalances).
    ///   - quoteBalance: the Set's quote balance (defaults to the quote unit's notional).
    ///   - quoteUSDPrice: USD per whole quote asset, 1e18-scaled, with `quoteDecimals`, for USD notionals.
    /// - Throws: `TradePlanError` when the module math would revert.
    public static func plan(state: RebalanceState, targets: TargetUnits, protocolFee: UInt256 = .zero,
                            shouldLockSetToken: Bool = false, currentRaiseTargetPercentage: UInt256 = .zero,
                            quoteBalance: UInt256? = nil, quoteUSDPrice: UInt256? = nil,
                            quoteDecimals: UInt8 = 18) throws(TradePlanError) -> TradeList {
        let supply = state.totalSupply
        let quote = state.quoteAsset
        var trades: [PlannedTrade] = []
        var sells = UInt256.zero, buys = UInt256.zero
        var warnings: [PlanWarning] = []
        var removed: [Address] = []
        let usdScale = pow10(Int(quoteDecimals))
        func total(_ field: String, _ body: () throws(SafeMathError) -> UInt256) throws(TradePlanError) -> UInt256 {
            do { return try body() } catch { throw .overflow(field: field) }
        }
        for token in targets.rebalanceComponents where token != quote {
            let current = state.realUnit(of: token)
            let target = targets.targetUnit(of: token)
            if current == target { continue }
            guard let price = state.price(of: token) else { throw .missingPrice(token: token) }
            let trade: PlannedTrade
            do {
                let (isSell, size) = try AuctionSizing.sizeAndDirection(totalSupply: supply, currentUnit: current,
                                                                       normalizedTargetUnit: target, protocolFee: protocolFee)
                let quoteQuantity = try checked { () throws(SafeMathError) in
                    try AuctionSizing.quoteQuantity(isSellAuction: isSell, componentQuantity: size, price: price)
                }
                let fee = try checked { () throws(SafeMathError) in
                    try PreciseUnitMath.preciseMul(isSell ? quoteQuantity : size, protocolFee)
                }
                var usd: UInt256?
                if let quoteUSDPrice {
                    usd = try checked { () throws(SafeMathError) in
                        try SafeMath.div(try SafeMath.mul(quoteQuantity, quoteUSDPrice), usdScale)
                    }
                }
                trade = PlannedTrade(component: token, isSellAuction: isSell, currentUnit: current, targetUnit: target,
                                     auctionSize: size, fairPrice: price, expectedQuoteQuantity: quoteQuantity,
                                     expectedProtocolFee: fee, isNewComponent: !state.components.contains(token),
                                     isRemoval: target.isZero, notionalUSD: usd)
            } catch {
                throw .moduleRevert(component: token, error)
            }
            if trade.isSellAuction {
                sells = try total("total sell quote") { () throws(SafeMathError) in try SafeMath.add(sells, trade.expectedQuoteQuantity) }
            } else {
                buys = try total("total buy quote") { () throws(SafeMathError) in try SafeMath.add(buys, trade.expectedQuoteQuantity) }
            }
            if trade.isRemoval { removed.append(token) }
            if !target.isZero, readBack(target, state.positionMultiplier) != target {
                warnings.append(.dustReverseAuction(component: token))
            }
            trades.append(trade)
        }
        // Sell proceeds arrive net of the protocol fee.
        let sellFees = trades.filter(\.isSellAuction).reduce(UInt256.zero) { Word256.add($0, $1.expectedProtocolFee).value }
        let quoteHeld: UInt256
        if let quoteBalance {
            quoteHeld = quoteBalance
        } else {
            quoteHeld = try total("quote balance") { () throws(SafeMathError) in try PreciseUnitMath.preciseMul(supply, state.realUnit(of: quote)) }
        }
        let withSells = try total("quote available") { () throws(SafeMathError) in try SafeMath.add(quoteHeld, sells) }
        let availableQuote = withSells > sellFees ? Word256.sub(withSells, sellFees).value : .zero
        if buys > availableQuote { warnings.append(.buysNotFundable(required: buys, available: availableQuote)) }
        if !buys.isZero && !state.components.contains(quote) { warnings.append(.buysWaitForSells) }
        if shouldLockSetToken && targets.targetUnit(of: quote).isZero {
            let leftover = availableQuote > buys ? Word256.sub(availableQuote, buys).value : .zero
            let unit = supply.isZero ? UInt256.zero
                : try total("expected quote unit") { () throws(SafeMathError) in try PreciseUnitMath.preciseDiv(leftover, supply) }
            if unit <= .one { warnings.append(.lockedWithZeroQuoteTarget(expectedQuoteUnit: unit)) }
        }
        if !trades.isEmpty, !supply.isZero, supply < PreciseUnitMath.preciseUnit {
            let (q, r) = Word256.divMod(PreciseUnitMath.preciseUnit, supply)
            warnings.append(.supplyRoundingExceedsTolerance(unitsPerNotionalWei: r.isZero ? q : Word256.add(q, .one).value))
        }
        if !currentRaiseTargetPercentage.isZero { warnings.append(.persistentRaiseTargetPercentage(current: currentRaiseTargetPercentage)) }
        if !removed.isEmpty { warnings.append(.componentOrderChangesAfterRemoval(removed: removed)) }
        let totalValue = try total("total value") { () throws(SafeMathError) in try PreciseUnitMath.preciseMul(targets.setValue, supply) }
        let oneWay = Swift.max(sells, buys)
        let turnover = totalValue.isZero ? .zero
            : try total("turnover") { () throws(SafeMathError) in try PreciseUnitMath.preciseDiv(oneWay, totalValue) }
        return TradeList(targets: targets, trades: trades, totalSellQuote: sells, totalBuyQuote: buys,
                         totalValue: totalValue, turnover: turnover, warnings: warnings)
    }

    /// The real unit SetToken reports after storing `unit` at multiplier `pm`: `⌊⌊unit·1e18/pm⌋·pm/1e18⌋`.
    public static func readBack(_ unit: UInt256, _ positionMultiplier: UInt256) -> UInt256 {
        guard let virtual = try? PreciseUnitMath.preciseDiv(unit, positionMultiplier),
              let real = try? PreciseUnitMath.preciseMul(virtual, positionMultiplier) else { return unit }
        return real
    }

    /// 10^n as a word.
    static func pow10(_ n: Int) -> UInt256 {
        var v = UInt256.one
        for _ in 0..<n { v = Word256.mul(v, 10).value }
        return v
    }
}
