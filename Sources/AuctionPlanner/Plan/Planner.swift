import ChainModel
import Foundation

/// Plans a rebalance from parsed inputs, without I/O: the entry point of `rebalancer plan` and of
/// the benchmarks.
///
/// Steps (each with the auction engine's exact integer math):
/// 1. Prices → the adapter scale (§3.1): `quote × 10^(18 + quoteDecimals − decimals)`, nearest, halves up.
/// 2. Weights → 1e18-scaled integers (nearest); the residual to exactly 1e18 (at most 1e9 wei, else
///    an error) goes to the largest weight, the first on ties.
/// 3. Target units (``TargetUnitCalculator``, quote absorbs the residual), the trade list
///    (``TradePlanner``), a price curve per trade from the policy (``CurveBuilder``), the
///    `startRebalance` arguments (constant adapters at fair price for everything not traded),
///    the schedule (``AuctionSchedule``) and the ordered transactions.
public enum Planner {
    /// The plan for `inputs`.
    /// - Throws: `PlanError` naming the file, field and rule of an inconsistent input, or the
    ///   module rule a rebalance would break.
    public static func plan(_ inputs: PlanInputs) throws(PlanError) -> RebalancePlan {
        let snapshot = inputs.snapshot, policy = inputs.policy, sheet = inputs.prices
        let pricesFile = inputs.path("prices"), weightsFile = inputs.path("weights"), policyFile = inputs.path("policy")
        func inputError(_ file: String, _ field: String, _ value: String, _ rule: String) -> PlanError {
            .input(InputFileError(file: file, line: nil, field: field, value: value, rule: rule))
        }
        if let module = snapshot.module, module.address != policy.module {
            throw inputError(policyFile, "module", policy.module.checksummed,
                             "differs from the snapshot's module \(module.address.checksummed)")
        }
        // Decimals and prices.
        var decimals: [Address: Int] = [:]
        var symbols: [Address: String] = [:]
        for c in snapshot.components { decimals[c.address] = c.decimals; symbols[c.address] = c.symbol }
        guard let quoteEntry = sheet.entry(for: policy.quoteAsset) else {
            throw inputError(pricesFile, "prices", policy.quoteAsset.checksummed, "no entry for the policy's quote asset")
        }
        if quoteEntry.quote.mantissa != UInt256.power(of10: quoteEntry.quote.fractionDigits) {
            throw inputError(pricesFile, "prices[\(index(of: quoteEntry, in: sheet))].quote", quoteEntry.quote.description,
                             "the quote asset's price in quote must be exactly 1")
        }
        let quoteDecimals = decimals[policy.quoteAsset] ?? quoteEntry.decimals
        var weighted: [(token: Address, wad: UInt256)] = []
        var weightSum = UInt256.zero
        for (i, entry) in inputs.weights.entries.enumerated() {
            guard let address = entry.address else {
                throw inputError(weightsFile, "weights[\(i)].address", "null", "every weighted asset needs its token address")
            }
            guard let d = DecimalText(entry.weight), let wad = d.scaled(byPowerOf10: 18, rounding: .nearestHalfUp) else {
                throw inputError(weightsFile, "weights[\(i)].weight", entry.weight, "expected a decimal fraction")
            }
            if let known = decimals[address], let given = entry.decimals, given != known {
                throw inputError(weightsFile, "weights[\(i)].decimals", "\(given)", "the token has \(known) decimals on chain")
            }
            if decimals[address] == nil, let given = entry.decimals { decimals[address] = given }
            if symbols[address] == nil { symbols[address] = entry.symbol }
            weighted.append((address, wad))
            weightSum = weightSum &+ wad
        }
        let one = UInt256(1_000_000_000_000_000_000)
        let tolerance = UInt256(1_000_000_000)
        if (weightSum > one ? weightSum - one : one - weightSum) > tolerance {
            throw inputError(weightsFile, "weights", weightSum.description, "the weights must sum to 1 within 1e-9 (1e18-scaled sum shown)")
        }
        if let largest = weighted.indices.max(by: { weighted[$0].wad < weighted[$1].wad || (weighted[$0].wad == weighted[$1].wad && $0 > $1) }) {
            weighted[largest].wad = weightSum > one ? weighted[largest].wad - (weightSum - one) : weighted[largest].wad + (one - weightSum)
        }
        let targetWeights: TargetWeights
        do { targetWeights = try TargetWeights(wads: weighted) } catch {
            throw inputError(weightsFile, "weights", "", error.description)
        }
        var prices: [Address: UInt256] = [:]
        let needed = snapshot.components.map(\.address) + weighted.map(\.token) + [policy.quoteAsset]
        for token in needed where prices[token] == nil {
            guard let entry = sheet.entry(for: token) else {
                throw inputError(pricesFile, "prices", token.checksummed,
                                 "no price for \(symbols[token] ?? "this token"); every component and weighted token needs one")
            }
            var at: String { "prices[\(index(of: entry, in: sheet))]" }
            if let known = decimals[token], known != entry.decimals {
                throw inputError(pricesFile, "\(at).decimals", "\(entry.decimals)", "the token has \(known) decimals")
            }
            decimals[token] = entry.decimals
            if symbols[token] == nil { symbols[token] = entry.symbol }
            guard let p = entry.adapterPrice(quoteDecimals: quoteDecimals), !p.isZero else {
                throw inputError(pricesFile, "\(at).quote", entry.quote.description,
                                 "rounds to 0 (or exceeds 2^256 − 1) in the adapter scale quote × 10^(18 + \(quoteDecimals) − \(entry.decimals))")
            }
            prices[token] = p
        }
        // Targets and trades.
        var realUnits: [Address: UInt256] = [:]
        for c in snapshot.components { realUnits[c.address] = c.realUnit }
        let state = RebalanceState(components: snapshot.components.map(\.address), realUnits: realUnits,
                                   totalSupply: snapshot.totalSupply, positionMultiplier: snapshot.positionMultiplier,
                                   quoteAsset: policy.quoteAsset, prices: prices)
        guard let minimum = policy.minimumTradeQuote.scaled(byPowerOf10: quoteDecimals, rounding: .down) else {
            throw inputError(policyFile, "minimum_trade_quote", policy.minimumTradeQuote.description, "exceeds 2^256 − 1 base units")
        }
        let protocolFee = snapshot.module?.protocolFee ?? .zero
        let targets: TargetUnits
        do {
            targets = try TargetUnitCalculator.compute(state: state, weights: targetWeights, minimumTradeNotional: minimum,
                                                       quotePolicy: .absorbResidual, protocolFee: protocolFee)
        } catch { throw .targets(error) }
        let onChainRaise = snapshot.module?.rebalance.raiseTargetPercentage ?? .zero
        let setsRaise = policy.raiseTargetPercentage != nil && (snapshot.module == nil || policy.raiseTargetPercentage != onChainRaise)
        let setsAnyone = policy.anyoneCanBid != nil && (snapshot.module == nil || policy.anyoneCanBid != snapshot.module?.anyoneCanBid)
        let quoteUSD = quoteEntry.usd.scaled(byPowerOf10: 18, rounding: .nearestHalfUp)
        let tradeList: TradeList
        do {
            tradeList = try TradePlanner.plan(state: state, targets: targets, protocolFee: protocolFee,
                                              shouldLockSetToken: policy.lockSetToken,
                                              currentRaiseTargetPercentage: policy.raiseTargetPercentage == nil ? onChainRaise : .zero,
                                              quoteUSDPrice: quoteUSD, quoteDecimals: UInt8(clamping: quoteDecimals))
        } catch { throw .trades(error) }
        // Curves, arguments, schedule, transactions.
        var adapters: [Address: PriceAdapter] = [:]
        for trade in tradeList.trades {
            adapters[trade.component] = try CurveBuilder.adapter(policy.curve(for: trade.component), component: trade.component,
                                                                 isSellAuction: trade.isSellAuction, fairPrice: trade.fairPrice)
        }
        let arguments: StartRebalanceArguments
        do { arguments = try StartRebalanceArguments(state: state, targets: targets, adapters: adapters) } catch {
            throw .arguments(error)
        }
        let schedule: AuctionSchedule
        do {
            schedule = try AuctionSchedule.generate(trades: tradeList.trades, adapters: adapters,
                                                    duration: UInt256(policy.durationSeconds), steps: policy.scheduleSteps)
        } catch { throw .schedule(error) }
        let transactions = try RebalanceCalls.transactions(set: snapshot.setToken, policy: policy, arguments: arguments,
                                                           oldComponents: targets.oldComponents, setRaiseTarget: setsRaise,
                                                           setAnyoneBid: setsAnyone)
        // Rows.
        var rows: [RebalancePlan.Row] = []
        let tokens = targets.rebalanceComponents + targets.skippedNewComponents
        for token in tokens {
            let current = state.realUnit(of: token)
            let target = targets.targetUnit(of: token)
            let price = prices[token] ?? .zero
            let value = (try? UInt256.mulDiv(current, price, one)) ?? .zero
            let currentWeight = targets.setValue.isZero ? .zero : ((try? UInt256.mulDiv(value, one, targets.setValue)) ?? .zero)
            let action: RebalancePlan.Action
            if token == policy.quoteAsset { action = .quote }
            else if targets.skippedNewComponents.contains(token) { action = .skipped }
            else if targets.untouched.contains(token) { action = .untouched }
            else if current == target { action = .hold }
            else if target.isZero { action = .remove }
            else if current.isZero { action = .add }
            else { action = target > current ? .buy : .sell }
            rows.append(RebalancePlan.Row(address: token, symbol: symbols[token] ?? token.checksummed, decimals: decimals[token] ?? 0,
                                          fairPrice: price, currentUnit: current, targetUnit: action == .skipped ? .zero : target,
                                          currentWeight: currentWeight, targetWeight: targetWeights.wads[token] ?? .zero, action: action))
        }
        // Warnings.
        // Name tokens by symbol in the module-math warnings.
        var byText: [String: String] = [:]
        for (address, symbol) in symbols { byText[address.checksummed] = symbol }
        var warnings = tradeList.warnings.map { naming($0.description, byText) }
        if snapshot.isLocked {
            warnings.append("the SetToken is locked by \(snapshot.locker.checksummed) at block \(snapshot.block.number); startRebalance reverts until it is unlocked")
        }
        if let module = snapshot.module {
            if !module.isInitialized || !snapshot.modules.contains(module.address) {
                warnings.append("\(module.address.checksummed) is not an initialized module of the Set; startRebalance reverts (Must be a valid and initialized SetToken)")
            }
            let r = module.rebalance
            let end = r.startTime &+ r.duration
            if !r.startTime.isZero, end > UInt256(snapshot.block.timestamp) {
                warnings.append("a rebalance started at \(r.startTime) runs until \(end); startRebalance now replaces it")
            }
        }
        for token in targets.untouched {
            warnings.append("\(symbols[token] ?? token.checksummed): trade below the minimum notional (\(policy.minimumTradeQuote) quote); the current unit is kept")
        }
        for token in targets.skippedNewComponents {
            warnings.append("\(symbols[token] ?? token.checksummed): new position below the minimum notional (\(policy.minimumTradeQuote) quote); not added")
        }
        let quoteUSDApprox = quoteEntry.usd.approximate
        for entry in sheet.entries where entry.address != policy.quoteAsset && needed.contains(entry.address) {
            let implied = entry.quote.approximate * quoteUSDApprox
            let usd = entry.usd.approximate
            if usd > 0, abs(implied - usd) / usd > 0.02 {
                warnings.append("\(entry.symbol): usd \(entry.usd) and quote \(entry.quote) × \(quoteEntry.usd) USD differ by more than 2 %; check the price sources")
            }
        }
        return RebalancePlan(inputs: inputs.files, snapshot: snapshot, policy: policy, quoteSymbol: symbols[policy.quoteAsset] ?? quoteEntry.symbol,
                             quoteDecimals: quoteDecimals, protocolFee: protocolFee, rows: rows, tradeList: tradeList,
                             adapters: adapters, arguments: arguments, schedule: schedule, transactions: transactions,
                             warnings: warnings)
    }

    /// `text` with each checksummed address of `symbols` replaced by its symbol.
    private static func naming(_ text: String, _ symbols: [String: String]) -> String {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 42 else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            if i + 42 <= utf8.count, utf8[i] == UInt8(ascii: "0"), utf8[i + 1] == UInt8(ascii: "x"),
               let symbol = symbols[String(decoding: utf8[i..<i + 42], as: UTF8.self)] {
                out += Array(symbol.utf8)
                i += 42
            } else {
                out.append(utf8[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func index(of entry: PriceSheet.Entry, in sheet: PriceSheet) -> Int {
        sheet.entries.firstIndex(of: entry) ?? 0
    }
}
