import ChainModel

/// How the quote asset's own target unit is chosen.
public enum QuoteTargetPolicy: Sendable, Hashable {
    /// Like every other token: `⌊setValue·w/price⌋` with price 1e18.
    case weight
    /// The quote asset absorbs the rounding dust, every untouched trade and the protocol fees: its
    /// target is the set value minus the (rounded-up) value of every other target, minus the
    /// expected protocol fee of every trade (sells `Δ·fee`, buys `Δ·fee/(1 − fee)`, rounded up) and
    /// 1 wei per trade for unit rounding, floored at 0. The quote then ends at or above its
    /// target, so `isQuoteAssetExcessOrAtTarget` holds once the other targets are met.
    case absorbResidual
}

/// A SetToken's state and market data at the position multiplier the targets will refer to.
public struct RebalanceState: Sendable, Hashable {
    /// `getComponents()` in execution-block order.
    public var components: [Address]
    /// Current real units (`getDefaultPositionRealUnit`) per component.
    public var realUnits: [Address: UInt256]
    /// `totalSupply()`.
    public var totalSupply: UInt256
    /// `positionMultiplier()`; pass it as `_initialPositionMultiplier`.
    public var positionMultiplier: UInt256
    /// The quote asset (e.g. WETH).
    public var quoteAsset: Address
    /// Fair prices in the adapter scale (§3.1): quote base units per component base unit × 1e18,
    /// i.e. `humanPrice × 10^(18 + quoteDecimals − componentDecimals)`. The quote asset's is 1e18
    /// (it may be omitted).
    public var prices: [Address: UInt256]

    /// Creates the state.
    public init(components: [Address], realUnits: [Address: UInt256], totalSupply: UInt256, positionMultiplier: UInt256,
                quoteAsset: Address, prices: [Address: UInt256]) {
        self.components = components; self.realUnits = realUnits; self.totalSupply = totalSupply
        self.positionMultiplier = positionMultiplier; self.quoteAsset = quoteAsset; self.prices = prices
    }

    /// The current real unit of `token` (0 when not a component).
    public func realUnit(of token: Address) -> UInt256 { realUnits[token] ?? .zero }

    /// The price of `token` (1e18 for the quote asset when omitted).
    func price(of token: Address) -> UInt256? { token == quoteAsset ? (prices[token] ?? PreciseUnitMath.preciseUnit) : prices[token] }
}

/// Target real units for one rebalance, in the order `startRebalance` wants them.
public struct TargetUnits: Sendable, Hashable {
    /// `getComponents()` order: one `_oldComponentsAuctionParams` entry each (removals get 0).
    public var oldComponents: [Address]
    /// Tokens joining the Set (`_newComponents`), each with a target > 0.
    public var newComponents: [Address]
    /// Target real unit per token of `oldComponents + newComponents`.
    public var targetUnits: [Address: UInt256]
    /// Components whose trade was below the minimum and that keep their current unit.
    public var untouched: [Address]
    /// Weighted tokens left out because their whole position would be below the minimum trade.
    public var skippedNewComponents: [Address]
    /// `Σ ⌊realUnit_i·price_i/1e18⌋`: quote base units per whole Set.
    public var setValue: UInt256
    /// The position multiplier the units refer to.
    public var positionMultiplier: UInt256

    /// The target of `token` (0 when it takes no part).
    public func targetUnit(of token: Address) -> UInt256 { targetUnits[token] ?? .zero }
    /// `oldComponents + newComponents`: the module's `rebalanceComponents`.
    public var rebalanceComponents: [Address] { oldComponents + newComponents }
}

/// Computes target real units from NAV and weights with integer math (methodology §1.4,
/// auction-module §6): `setValue = Σ ⌊cu_i·p_i/1e18⌋`, `newUnit_i = ⌊setValue·w_i/p_i⌋` with `w_i`
/// 1e18-scaled and `p_i` in the adapter scale — the same as `⌊setValue·weight_i·10^dec_i/humanPrice_i⌋`.
public enum TargetUnitCalculator {
    /// Target units for `state` and `weights`.
    ///
    /// - Current components without weight get target 0 (removal; never held back by the minimum).
    /// - A trade whose total notional `|newUnit − cu|·p/1e18·S/1e18` (quote base units) is below
    ///   `minimumTradeNotional` keeps the current unit (listed in `untouched`); a new token below it
    ///   is not added (`skippedNewComponents`).
    /// - The quote asset follows `quotePolicy` (`protocolFee`, 1e18 = 100 %, is used by `.absorbResidual`).
    ///
    /// Throws for a missing or zero price, a quote price other than 1e18, a zero multiplier, a
    /// protocol fee of 100 % or more, or overflow.
    public static func compute(state: RebalanceState, weights: TargetWeights, minimumTradeNotional: UInt256 = .zero,
                               quotePolicy: QuoteTargetPolicy = .absorbResidual,
                               protocolFee: UInt256 = .zero) throws(TargetError) -> TargetUnits {
        if state.positionMultiplier.isZero { throw .zeroPositionMultiplier }
        if protocolFee >= PreciseUnitMath.preciseUnit { throw .protocolFeeOutOfRange(fee: protocolFee) }
        func sum(_ a: UInt256, _ b: UInt256) throws(TargetError) -> UInt256 {
            let (total, overflow) = Word256.add(a, b)
            if overflow { throw .overflow(field: "sum of target values") }
            return total
        }
        if Set(state.components).count != state.components.count {
            throw .duplicateToken(state.components.first { c in state.components.filter { $0 == c }.count > 1 }!)
        }
        if let quotePrice = state.prices[state.quoteAsset], quotePrice != PreciseUnitMath.preciseUnit {
            throw .quotePriceNotOne(price: quotePrice)
        }
        func price(_ token: Address) throws(TargetError) -> UInt256 {
            guard let p = state.price(of: token) else { throw .missingPrice(token: token) }
            if p.isZero { throw .zeroPrice(token: token) }
            return p
        }
        func mulDivFloor(_ a: UInt256, _ b: UInt256, _ d: UInt256, _ field: String) throws(TargetError) -> UInt256 {
            let (product, overflow) = Word256.mul(a, b)
            if overflow { throw .overflow(field: field) }
            return Word256.divMod(product, d).quotient
        }
        func value(_ unit: UInt256, _ p: UInt256, roundUp: Bool) throws(TargetError) -> UInt256 {
            let (product, overflow) = Word256.mul(unit, p)
            if overflow { throw .overflow(field: "unit × price") }
            let (q, r) = Word256.divMod(product, small: 1_000_000_000_000_000_000)
            return roundUp && !r.isZero ? Word256.add(q, .one).value : q
        }
        var setValue = UInt256.zero
        for c in state.components {
            let (next, overflow) = Word256.add(setValue, try value(state.realUnit(of: c), try price(c), roundUp: false))
            if overflow { throw .overflow(field: "setValue") }
            setValue = next
        }
        func notional(_ a: UInt256, _ b: UInt256, _ p: UInt256) throws(TargetError) -> UInt256 {
            let delta = a > b ? Word256.sub(a, b).value : Word256.sub(b, a).value
            return try mulDivFloor(try value(delta, p, roundUp: false), state.totalSupply, PreciseUnitMath.preciseUnit, "notional")
        }
        let quote = state.quoteAsset
        let candidates = state.components + weights.tokens.filter { !state.components.contains($0) }
        var targets: [Address: UInt256] = [:]
        var untouched: [Address] = [], skipped: [Address] = [], newComponents: [Address] = []
        var othersValue = UInt256.zero
        for token in candidates where token != quote || quotePolicy == .weight {
            let w = weights.wad(of: token)
            let current = state.realUnit(of: token)
            let isCurrent = state.components.contains(token)
            if w.isZero && !isCurrent { continue }
            let p = try price(token)
            var target = w.isZero ? UInt256.zero : try mulDivFloor(setValue, w, p, "setValue × weight")
            if !w.isZero, target != current, try notional(target, current, p) < minimumTradeNotional {
                if isCurrent { untouched.append(token); target = current } else { skipped.append(token); continue }
            }
            if !isCurrent {
                if target.isZero { skipped.append(token); continue }
                newComponents.append(token)
            }
            targets[token] = target
            if token != quote {
                var reserved = try value(target, p, roundUp: true)
                if target != current, !protocolFee.isZero {
                    let delta = try value(target > current ? Word256.sub(target, current).value : Word256.sub(current, target).value,
                                          p, roundUp: true)
                    let divisor = target > current ? Word256.sub(PreciseUnitMath.preciseUnit, protocolFee).value : PreciseUnitMath.preciseUnit
                    reserved = try sum(reserved, try sum(try mulDivFloor(delta, protocolFee, divisor, "fee"), .one))
                }
                if target != current { reserved = try sum(reserved, .one) }
                othersValue = try sum(othersValue, reserved)
            }
        }
        if quotePolicy == .absorbResidual {
            let residual = setValue > othersValue ? Word256.sub(setValue, othersValue).value : .zero
            if state.components.contains(quote) {
                targets[quote] = residual
            } else if !residual.isZero {
                newComponents.append(quote)
                targets[quote] = residual
            }
        }
        return TargetUnits(oldComponents: state.components, newComponents: newComponents, targetUnits: targets,
                           untouched: untouched, skippedNewComponents: skipped, setValue: setValue,
                           positionMultiplier: state.positionMultiplier)
    }
}
