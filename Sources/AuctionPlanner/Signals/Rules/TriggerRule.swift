/// The `triggers:` section of a methodology: quantitative rules evaluated per asset or for the
/// basket, each with a threshold and an action (`methodology.md` §3, product.md "Quantitative
/// rebalance triggers"). Parsed by ``Methodology/parse(_:file:)``; evaluated by ``TriggerEvaluation``.
public struct TriggerSet: Equatable, Sendable {
    /// Periods per year for annualised metrics of tokens, of assets without metadata and of the
    /// basket (365: crypto trades every day).
    public var annualization: Double
    /// Periods per year for equities (252 trading days when their series skip weekends; 365 when
    /// they are forward-filled onto the crypto calendar). Nil: `annualization`.
    public var equityAnnualization: Double?
    /// How many times an indicator's longest period of history is required before it is used
    /// (TA-Lib's EMA/RSI/ATR depend on where the series starts; `methodology.md` §3 advises 3–4×).
    public var warmupMultiple: Int
    /// The rules, in file order.
    public var rules: [TriggerRule]

    /// A rule set with the given settings.
    public init(annualization: Double = 365, equityAnnualization: Double? = nil, warmupMultiple: Int = 3, rules: [TriggerRule]) {
        self.annualization = annualization
        self.equityAnnualization = equityAnnualization
        self.warmupMultiple = warmupMultiple
        self.rules = rules
    }

    /// Periods per year for an asset of `kind` (nil: no metadata, or the basket).
    public func annualization(for kind: AssetMetadata.Kind?) -> Double {
        kind == .equity ? equityAnnualization ?? annualization : annualization
    }
}

/// One trigger rule: a metric on a series, a condition, and what to do when it fires.
public struct TriggerRule: Equatable, Sendable {
    /// Where a rule is evaluated.
    public enum Scope: String, Equatable, Sendable {
        /// On each constituent (or the listed assets).
        case asset
        /// On the basket's daily returns at its weights, or on basket-wide inputs (HHI, stress).
        case basket
    }

    /// Unique name reported with the outcome.
    public var name: String
    /// Asset or basket.
    public var scope: Scope
    /// Assets an asset-scope rule is restricted to; empty = every constituent.
    public var assets: [String]
    /// What is measured.
    public var metric: TriggerMetric
    /// When it fires.
    public var condition: TriggerCondition
    /// What firing means.
    public var action: TriggerAction

    /// A rule; see the field docs.
    public init(name: String, scope: Scope, assets: [String] = [], metric: TriggerMetric, condition: TriggerCondition,
                action: TriggerAction) {
        self.name = name
        self.scope = scope
        self.assets = assets
        self.metric = metric
        self.condition = condition
        self.action = action
    }
}

/// The measured quantity of a rule. Windows count daily returns (the last `window` of them);
/// periods follow TA-Lib.
public enum TriggerMetric: Equatable, Sendable {
    /// Event: `EMA_fast − EMA_slow` turns from > 0 to ≤ 0 on the as-of day (death cross). The value
    /// is the spread relative to the slow EMA on the as-of day.
    case emaCrossDown(fast: Int, slow: Int)
    /// Wilder RSI.
    case rsi(period: Int)
    /// Event: bearish divergence – the close makes a high at or above every close of the previous
    /// `window` days while MACD stays below its previous `window`-day high; bullish is the mirror image.
    /// The value is MACD minus that previous MACD extreme.
    case macdDivergence(fast: Int, slow: Int, signal: Int, window: Int, bearish: Bool)
    /// Bollinger %B `(C − lower)/(upper − lower)`: ≥ 1 is a breakout above the upper band, ≤ 0 below the lower.
    case bollingerPercentB(period: Int, deviations: Double)
    /// `ATR_t / ATR_{t−lag}` (close-only data: TR = |ΔC|).
    case atrSurge(period: Int, lag: Int)
    /// `ROC_period(t) − ROC_period(t−lag)` in percentage points.
    case momentumAcceleration(period: Int, lag: Int)
    /// ROC in percent.
    case rateOfChange(period: Int)
    /// Annualised realised volatility of daily log returns over `window`.
    case realizedVolatility(window: Int)
    /// An asset's realised volatility divided by the mean realised volatility of the constituents (asset scope).
    case volatilityRatio(window: Int)
    /// Consecutive days (ending on the as-of day) whose `window`-day average USD volume was below the minimum (asset scope).
    case liquidityBreach(window: Int, minimumVolumeUSD: Double)
    /// VaR as a positive loss fraction at `confidence` over `window` returns.
    case valueAtRisk(method: VaRMethod, confidence: Double, window: Int)
    /// CVaR (expected shortfall) as a positive loss fraction.
    case conditionalValueAtRisk(method: VaRMethod, confidence: Double, window: Int)
    /// Annualised Sharpe ratio over `window`.
    case sharpe(window: Int)
    /// Annualised Sortino ratio over `window`.
    case sortino(window: Int)
    /// Sharpe over the last `window` returns minus Sharpe over the `window` before (deterioration < 0).
    case sharpeChange(window: Int)
    /// The same for Sortino.
    case sortinoChange(window: Int)
    /// Beta of daily simple returns against the benchmark asset's over `window`.
    case beta(benchmark: String, window: Int)
    /// Current drawdown from the highest close within the last `window` days (all history when nil).
    case drawdown(window: Int?)
    /// Maximum drawdown within the last `window` days (all history when nil).
    case maxDrawdown(window: Int?)
    /// HHI `Σw²` of the basket weights (basket scope).
    case herfindahl
    /// `HHI(current weights) − HHI(target weights)` (basket scope; needs current weights).
    case herfindahlDrift
    /// Largest |funding rate| in the stress file over the last `days` days (basket scope).
    case fundingRateSpike(days: Int)
    /// Largest `|close − peg|/peg` of the listed stablecoins on the as-of day (basket scope).
    case stablecoinDepeg(assets: [String], peg: Double)
    /// Event: a governance event in the stress file within the last `days` days (basket scope); the value is their count.
    case governanceEvent(days: Int)

    /// The YAML name.
    public var name: String {
        switch self {
        case .emaCrossDown: return "ema_cross_down"
        case .rsi: return "rsi"
        case .macdDivergence: return "macd_divergence"
        case .bollingerPercentB: return "bollinger_percent_b"
        case .atrSurge: return "atr_surge"
        case .momentumAcceleration: return "momentum_acceleration"
        case .rateOfChange: return "roc"
        case .realizedVolatility: return "realized_volatility"
        case .volatilityRatio: return "volatility_ratio"
        case .liquidityBreach: return "liquidity_breach"
        case .valueAtRisk: return "var"
        case .conditionalValueAtRisk: return "cvar"
        case .sharpe: return "sharpe"
        case .sortino: return "sortino"
        case .sharpeChange: return "sharpe_change"
        case .sortinoChange: return "sortino_change"
        case .beta: return "beta"
        case .drawdown: return "drawdown"
        case .maxDrawdown: return "max_drawdown"
        case .herfindahl: return "hhi"
        case .herfindahlDrift: return "hhi_drift"
        case .fundingRateSpike: return "funding_rate_spike"
        case .stablecoinDepeg: return "stablecoin_depeg"
        case .governanceEvent: return "governance_event"
        }
    }

    /// Whether the metric is an event (fires on its own definition, no threshold).
    public var isEvent: Bool {
        switch self {
        case .emaCrossDown, .macdDivergence, .governanceEvent: return true
        default: return false
        }
    }
}

/// When a rule fires. Thresholds are inclusive: a value exactly at the threshold fires.
public enum TriggerCondition: Equatable, Sendable, CustomStringConvertible {
    /// Fires when value ≥ threshold.
    case above(Double)
    /// Fires when value ≤ threshold.
    case below(Double)
    /// Fires when value ≤ lower or value ≥ upper.
    case outside(Double, Double)
    /// Fires when the event happened (event metrics).
    case event

    /// Whether `value` satisfies the condition (events are decided by the metric).
    public func isMet(by value: Double) -> Bool {
        switch self {
        case let .above(t): return value >= t
        case let .below(t): return value <= t
        case let .outside(lo, hi): return value <= lo || value >= hi
        case .event: return false
        }
    }

    /// How far past the threshold `value` is (≥ 0 when the condition is met; 1 for events).
    public func excess(_ value: Double) -> Double {
        switch self {
        case let .above(t): return value - t
        case let .below(t): return t - value
        case let .outside(lo, hi): return max(lo - value, value - hi)
        case .event: return 1
        }
    }

    /// `≥ 70`, `≤ -0.25`, `outside [0.8, 1.2]`, `event`.
    public var description: String {
        switch self {
        case let .above(t): return "≥ \(t)"
        case let .below(t): return "≤ \(t)"
        case let .outside(lo, hi): return "outside [\(lo), \(hi)]"
        case .event: return "event"
        }
    }
}

/// What a fired rule asks for.
public enum TriggerAction: Equatable, Sendable {
    /// Flag for review; no rebalance by itself.
    case flag
    /// An exceptional rebalance to the target weights.
    case rebalance
    /// A relative weight change of the asset `clamp(scale × excess, −maximum, maximum)` where `excess`
    /// is how far the value is past its threshold (1 for events), e.g. ATR-scaled trimming with a
    /// negative scale; implies a rebalance.
    case adjustWeight(scale: Double, maximum: Double)

    /// The YAML name.
    public var name: String {
        switch self {
        case .flag: return "flag"
        case .rebalance: return "rebalance"
        case .adjustWeight: return "adjust_weight"
        }
    }
}
