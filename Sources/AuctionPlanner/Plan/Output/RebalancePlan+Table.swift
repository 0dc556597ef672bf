import ChainModel

extension RebalancePlan {
    /// The plan for people: a header, current vs target weights and units, trades, a curves
    /// summary, the transactions and the warnings. Amounts are exact token amounts.
    public var table: String {
        let s = snapshot
        let q = quoteSymbol
        var out = "Rebalance of \(s.symbol) \(s.setToken.checksummed)\n"
        out += "State: chain \(s.block.chainId), block \(s.block.number) \(s.block.hash), timestamp \(s.block.timestamp)\n"
        out += "Supply \(UnitFormatting.tokens(s.totalSupply, decimals: 18)), position multiplier \(s.positionMultiplier), "
        out += "protocol fee \(UnitFormatting.percent(protocolFee))\n"
        out += "Set value \(UnitFormatting.tokens(tradeList.targets.setValue, decimals: quoteDecimals)) \(q) per Set, "
        out += "total \(UnitFormatting.tokens(tradeList.totalValue, decimals: quoteDecimals)) \(q); "
        out += "one-way turnover \(UnitFormatting.percent(tradeList.turnover))\n"
        switch policy.route {
        case .module: out += "Route: module \(policy.module.checksummed)\n"
        case let .extensionContract(a): out += "Route: manager extension \(a.checksummed) (module \(policy.module.checksummed))\n"
        }
        out += "\nComponents\n"
        out += UnitFormatting.table(
            ["token", "current", "target", "current unit", "target unit", "action"],
            rows.map { r in
                [r.symbol, UnitFormatting.percent(r.currentWeight), UnitFormatting.percent(r.targetWeight),
                 UnitFormatting.tokens(r.currentUnit, decimals: r.decimals), UnitFormatting.tokens(r.targetUnit, decimals: r.decimals),
                 r.action.rawValue]
            }, rightAligned: [1, 2, 3, 4])
        out += "\nTrades (\(tradeList.trades.count); sells \(UnitFormatting.tokens(tradeList.totalSellQuote, decimals: quoteDecimals)) \(q), "
        out += "buys \(UnitFormatting.tokens(tradeList.totalBuyQuote, decimals: quoteDecimals)) \(q))\n"
        out += UnitFormatting.table(
            ["token", "side", "auction size", "fair price (\(q))", "quote at fair (\(q))", "USD"],
            tradeList.trades.map { t in
                let d = decimals(of: t.component)
                return [symbol(of: t.component), t.isSellAuction ? "sell" : "buy", UnitFormatting.tokens(t.auctionSize, decimals: d),
                        humanPrice(t.fairPrice, decimals: d), UnitFormatting.tokens(t.expectedQuoteQuantity, decimals: quoteDecimals),
                        t.notionalUSD.map { UnitFormatting.fixed($0, decimals: 18, places: 2) } ?? "-"]
            }, rightAligned: [2, 3, 4, 5])
        out += "\nCurves (duration \(policy.durationSeconds) s)\n"
        out += UnitFormatting.table(
            ["token", "adapter", "start (\(q))", "fair at (s)", "bound (\(q))", "bound at (s)", "last price (\(q))"],
            schedule.components.map { c in
                let d = decimals(of: c.trade.component)
                return [symbol(of: c.trade.component), c.adapter.kindName, humanPrice(c.prices.first ?? .zero, decimals: d),
                        c.fairCrossingSecond?.description ?? "never", humanPrice(c.endState.boundPrice, decimals: d),
                        c.endState.boundReachedAt?.description ?? "never", humanPrice(c.endState.lastPrice, decimals: d)]
            }, rightAligned: [2, 3, 4, 5, 6])
        out += "\nTransactions\n"
        out += UnitFormatting.table(
            ["#", "to", "function", "calldata bytes"],
            transactions.enumerated().map { i, tx in
                ["\(i)", tx.to.checksummed, tx.function.name + "(" + tx.function.inputTypes.map(\.canonicalName).joined(separator: ",") + ")",
                 "\(tx.calldata.count)"]
            }, rightAligned: [3])
        out += "\nWarnings\n"
        out += warnings.isEmpty ? "none\n" : warnings.map { "- " + $0 + "\n" }.joined()
        return out
    }

    private func decimals(of token: Address) -> Int { rows.first { $0.address == token }?.decimals ?? 18 }

    /// An adapter-scale price as quote per whole component, to 8 places (rounded down).
    private func humanPrice(_ price: UInt256, decimals: Int) -> String {
        UnitFormatting.fixed(price, decimals: 18 + quoteDecimals - decimals, places: 8)
    }
}
