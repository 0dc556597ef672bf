import Foundation

/// Evaluates a methodology's trigger rules on one day. The `signals` command, the backtest and the
/// keeper all call ``evaluate(methodology:data:asOf:currentWeights:stress:)`` so they agree.
///
/// Series: each asset's closes on a daily grid from its first close to the as-of day, carried
/// forward over gaps (volumes are not carried: a missing volume breaks a liquidity run). The basket
/// series is the daily-rebalanced portfolio of the constituents at the current weights (else the
/// target weights) over the days all of them have prices; its level starts at 1.
public enum TriggerEvaluation {
    /// How far past the last observation an as-of day may lie (closes are carried forward over the gap).
    public static let maximumDaysAfterData = 366

    /// Computes the target weights on `asOf` and evaluates every rule of `methodology.triggers`.
    /// `currentWeights` (the held basket: on-chain, or drifted in a backtest) feed basket metrics and
    /// `hhi_drift`; `stress` feeds the stress rules.
    /// - Throws: `TriggerEvaluationError` when there are no triggers, the as-of day lies far after the data,
    ///   weights fail, or a rule names an asset without data.
    public static func evaluate(methodology: Methodology, data: MarketData, asOf: Day, currentWeights: [String: Double]? = nil,
                                stress: StressInputs? = nil) throws(TriggerEvaluationError) -> TriggerReport {
        guard let triggers = methodology.triggers else { throw .noTriggers }
        guard let lastDay = data.lastDay, asOf.daysSinceEpoch - lastDay.daysSinceEpoch <= maximumDaysAfterData else {
            throw .asOfAfterData(asOf: asOf, lastDay: data.lastDay)
        }
        let report: WeightsReport
        do {
            report = try IndexWeights.compute(methodology: methodology, data: data, asOf: asOf, incumbents: Set((currentWeights ?? [:]).keys))
        } catch {
            throw .weighting(error)
        }
        var target: [String: Double] = [:]
        for row in report.constituents { target[row.assetId] = row.weight }
        return try evaluate(triggers: triggers, data: data, asOf: asOf, targetWeights: target, currentWeights: currentWeights, stress: stress)
    }

    /// Evaluates `triggers` with already-computed `targetWeights` (asset-scope rules run on their
    /// assets, else on every asset with a target weight).
    /// - Throws: `TriggerEvaluationError.missingAsset` when a rule names an asset without data,
    ///   `.asOfAfterData` when `asOf` lies more than ``maximumDaysAfterData`` days after the data.
    public static func evaluate(triggers: TriggerSet, data: MarketData, asOf: Day, targetWeights: [String: Double],
                                currentWeights: [String: Double]? = nil, stress: StressInputs? = nil) throws(TriggerEvaluationError) -> TriggerReport {
        guard let lastDay = data.lastDay, asOf.daysSinceEpoch - lastDay.daysSinceEpoch <= maximumDaysAfterData else {
            throw .asOfAfterData(asOf: asOf, lastDay: data.lastDay)
        }
        var cache: [String: PriceSeries] = [:]
        func series(_ id: String, rule: String) throws(TriggerEvaluationError) -> PriceSeries {
            if let s = cache[id] { return s }
            guard let h = data.histories[id], let s = PriceSeries(history: h, through: asOf) else {
                throw .missingAsset(rule: rule, assetId: id)
            }
            cache[id] = s
            return s
        }
        let constituents = targetWeights.keys.sorted()
        let basketWeights = (currentWeights?.isEmpty == false ? currentWeights! : targetWeights).filter { $0.value > 0 }
        var basket: PriceSeries?
        let context = Context(triggers: triggers, asOf: asOf, stress: stress, targetWeights: targetWeights, currentWeights: currentWeights)
        var outcomes: [TriggerOutcome] = []
        for rule in triggers.rules {
            switch rule.scope {
            case .asset:
                let ids = rule.assets.isEmpty ? constituents : rule.assets
                var averageVolatility: Double?
                if case let .volatilityRatio(window) = rule.metric {
                    var vols: [Double] = []
                    for id in constituents {
                        let v = try series(id, rule: rule.name).realizedVolatility(window: window, annualization: triggers.annualization)
                        if let v { vols.append(v) }
                    }
                    averageVolatility = vols.isEmpty ? nil : RiskMetrics.mean(vols)
                }
                for id in ids {
                    let s = try series(id, rule: rule.name)
                    var benchmark: PriceSeries?
                    if case let .beta(b, _) = rule.metric { benchmark = try series(b, rule: rule.name) }
                    let m = context.measure(rule.metric, on: s, benchmark: benchmark, averageVolatility: averageVolatility)
                    outcomes.append(outcome(rule, assetId: id, m))
                }
            case .basket:
                var m: Measurement
                switch rule.metric {
                case .herfindahl:
                    m = .value(Concentration.herfindahl(basketWeights.values))
                case .herfindahlDrift:
                    if let current = currentWeights, !current.isEmpty {
                        m = .value(Concentration.herfindahl(current.values) - Concentration.herfindahl(targetWeights.values))
                    } else {
                        m = .unavailable("needs the current weights")
                    }
                case let .stablecoinDepeg(assets, peg):
                    var worst = 0.0
                    for id in assets {
                        let s = try series(id, rule: rule.name)
                        worst = max(worst, abs(s.closes[s.closes.count - 1] - peg) / peg)
                    }
                    m = .value(worst)
                case .fundingRateSpike, .governanceEvent:
                    m = context.measureStress(rule.metric)
                default:
                    if basket == nil {
                        var parts: [(PriceSeries, Double)] = []
                        for (id, w) in basketWeights.sorted(by: { $0.key < $1.key }) { parts.append((try series(id, rule: rule.name), w)) }
                        basket = PriceSeries(basketOf: parts)
                    }
                    var benchmark: PriceSeries?
                    if case let .beta(b, _) = rule.metric { benchmark = try series(b, rule: rule.name) }
                    m = basket.map { context.measure(rule.metric, on: $0, benchmark: benchmark, averageVolatility: nil) }
                        ?? .unavailable("the basket has no constituent with prices")
                }
                outcomes.append(outcome(rule, assetId: nil, m))
            }
        }
        return TriggerReport(asOf: asOf, outcomes: outcomes, targetWeights: targetWeights)
    }

    private static func outcome(_ rule: TriggerRule, assetId: String?, _ m: Measurement) -> TriggerOutcome {
        var o = TriggerOutcome(rule: rule.name, metric: rule.metric.name, scope: rule.scope, assetId: assetId, value: nil,
                               condition: rule.condition, fired: false, action: rule.action, weightAdjustment: nil, note: nil)
        switch m {
        case let .value(v):
            o.value = v
            o.fired = !v.isNaN && rule.condition.isMet(by: v)
        case let .event(v, happened):
            o.value = v
            o.fired = happened
        case let .unavailable(why):
            o.note = why
        }
        if o.fired, case let .adjustWeight(scale, maximum) = rule.action, let v = o.value {
            o.weightAdjustment = min(maximum, max(-maximum, scale * rule.condition.excess(v)))
        }
        return o
    }

    /// A measured value, an event, or why there is none.
    enum Measurement: Equatable {
        case value(Double)
        case event(Double, happened: Bool)
        case unavailable(String)
    }

    struct Context {
        let triggers: TriggerSet
        let asOf: Day
        let stress: StressInputs?
        let targetWeights: [String: Double]
        let currentWeights: [String: Double]?

        func measure(_ metric: TriggerMetric, on s: PriceSeries, benchmark: PriceSeries?, averageVolatility: Double?) -> Measurement {
            let c = s.closes, n = c.count, A = triggers.annualization, warm = triggers.warmupMultiple
            func need(_ bars: Int) -> Measurement? {
                n >= bars ? nil : .unavailable("needs \(bars) days of prices, has \(n)")
            }
            func finite(_ v: Double) -> Measurement {
                v.isFinite ? .value(v) : .unavailable("undefined on this data (flat or zero prices)")
            }
            switch metric {
            case let .emaCrossDown(fast, slow):
                if let m = need(max(warm * slow, slow + 1)) { return m }
                let f = TechnicalIndicators.ema(c, period: fast), sl = TechnicalIndicators.ema(c, period: slow)
                let now = f[n - 1] - sl[n - 1], before = f[n - 2] - sl[n - 2]
                return .event(now / sl[n - 1], happened: before > 0 && now <= 0)
            case let .rsi(period):
                if let m = need(max(warm * period, period + 1)) { return m }
                return .value(TechnicalIndicators.rsi(c, period: period)[n - 1])
            case let .macdDivergence(fast, slow, signal, window, bearish):
                let lookback = TechnicalIndicators.macdLookback(slow: slow, signal: signal)
                if let m = need(max(warm * slow, lookback + window + 1)) { return m }
                let line = TechnicalIndicators.macd(c, fast: fast, slow: slow, signal: signal).macd
                let earlier = (n - 1 - window)..<(n - 1)
                if bearish {
                    let gap = line[n - 1] - earlier.map { line[$0] }.max()!
                    let priceHigh = c[n - 1] >= earlier.map { c[$0] }.max()!
                    return .event(gap, happened: priceHigh && gap < 0)
                } else {
                    let gap = line[n - 1] - earlier.map { line[$0] }.min()!
                    let priceLow = c[n - 1] <= earlier.map { c[$0] }.min()!
                    return .event(gap, happened: priceLow && gap > 0)
                }
            case let .bollingerPercentB(period, k):
                if let m = need(period) { return m }
                return finite(TechnicalIndicators.bollinger(c, period: period, deviations: k).percentB(c[n - 1], at: n - 1))
            case let .atrSurge(period, lag):
                if let m = need(max(warm * period, period + lag + 1)) { return m }
                let atr = TechnicalIndicators.atr(high: c, low: c, close: c, period: period)
                return finite(atr[n - 1] / atr[n - 1 - lag])
            case let .momentumAcceleration(period, lag):
                if let m = need(period + lag + 1) { return m }
                let roc = TechnicalIndicators.roc(c, period: period)
                return finite(roc[n - 1] - roc[n - 1 - lag])
            case let .rateOfChange(period):
                if let m = need(period + 1) { return m }
                return finite(TechnicalIndicators.roc(c, period: period)[n - 1])
            case let .realizedVolatility(window):
                guard let v = s.realizedVolatility(window: window, annualization: A) else { return need(window + 1)! }
                return finite(v)
            case let .volatilityRatio(window):
                guard let v = s.realizedVolatility(window: window, annualization: A) else { return need(window + 1)! }
                guard let avg = averageVolatility, avg > 0 else { return .unavailable("no constituent volatility to compare with") }
                return finite(v / avg)
            case let .liquidityBreach(window, minimum):
                if let m = need(window) { return m }
                return .value(Double(LiquidityScreen.consecutiveDaysBelow(volumes: s.volumes, window: window, minimum: minimum)[n - 1]))
            case let .valueAtRisk(method, confidence, window), let .conditionalValueAtRisk(method, confidence, window):
                if let m = need(window + 1) { return m }
                let t = RiskMetrics.tailRisk(s.simpleReturns(last: window), alpha: 1 - confidence, method: method)
                if case .valueAtRisk = metric { return finite(-t.valueAtRisk) }
                return finite(-t.conditionalValueAtRisk)
            case let .sharpe(window):
                if let m = need(window + 1) { return m }
                return finite(RiskMetrics.sharpe(s.simpleReturns(last: window), annualization: A))
            case let .sortino(window):
                if let m = need(window + 1) { return m }
                return finite(RiskMetrics.sortino(s.simpleReturns(last: window), annualization: A))
            case let .sharpeChange(window), let .sortinoChange(window):
                if let m = need(2 * window + 1) { return m }
                let both = s.simpleReturns(last: 2 * window)
                let f: ([Double]) -> Double = {
                    if case .sharpeChange = metric { return RiskMetrics.sharpe($0, annualization: A) }
                    return RiskMetrics.sortino($0, annualization: A)
                }
                return finite(f(Array(both[window...])) - f(Array(both[..<window])))
            case let .beta(_, window):
                guard let b = benchmark else { return .unavailable("no benchmark") }
                if let m = need(window + 1) { return m }
                guard b.closes.count >= window + 1 else { return .unavailable("the benchmark needs \(window + 1) days of prices, has \(b.closes.count)") }
                return finite(RiskMetrics.beta(s.simpleReturns(last: window), benchmark: b.simpleReturns(last: window)))
            case let .drawdown(window):
                let tail = window.map { c.suffix($0 + 1) } ?? c[...]
                return .value(RiskMetrics.currentDrawdown(prices: tail))
            case let .maxDrawdown(window):
                let tail = window.map { c.suffix($0 + 1) } ?? c[...]
                return .value(RiskMetrics.maxDrawdown(prices: tail))
            case .herfindahl, .herfindahlDrift, .fundingRateSpike, .stablecoinDepeg, .governanceEvent:
                return .unavailable("basket-wide metric")
            }
        }

        func measureStress(_ metric: TriggerMetric) -> Measurement {
            guard let stress else { return .unavailable("no stress file given") }
            switch metric {
            case let .fundingRateSpike(days):
                let from = asOf.adding(days: -(days - 1))
                let rates = stress.fundingRates.filter { $0.day >= from && $0.day <= asOf }.map { abs($0.rate) }
                return .value(rates.max() ?? 0)
            case let .governanceEvent(days):
                let from = asOf.adding(days: -(days - 1))
                let count = stress.governanceEvents.filter { $0.day >= from && $0.day <= asOf }.count
                return .event(Double(count), happened: count > 0)
            default:
                return .unavailable("not a stress metric")
            }
        }
    }
}

/// Daily closes (carried forward) and volumes (NaN when missing) of one asset or the basket,
/// ending on the as-of day.
struct PriceSeries {
    var closes: [Double]
    var volumes: [Double]

    /// The asset's series from its first close to `day`; nil when it has no close on or before `day`.
    init?(history: AssetHistory, through day: Day) {
        guard let last = history.lastIndex(onOrBefore: day),
              let first = history.observations[...last].firstIndex(where: { $0.close != nil }) else { return nil }
        let startDay = history.observations[first].day
        let count = day.daysSinceEpoch - startDay.daysSinceEpoch + 1
        closes = []
        volumes = []
        closes.reserveCapacity(count)
        volumes.reserveCapacity(count)
        var k = first
        var close = history.observations[first].close!
        for t in 0..<count {
            let d = startDay.adding(days: t)
            var volume = Double.nan
            if k <= last, history.observations[k].day == d {
                let o = history.observations[k]
                if let c = o.close { close = c }
                volume = o.volume ?? .nan
                k += 1
            }
            closes.append(close)
            volumes.append(volume)
        }
    }

    /// The daily-rebalanced basket of `parts` (series, weight) over the days all parts cover, level 1 on the first.
    init?(basketOf parts: [(PriceSeries, Double)]) {
        guard let length = parts.map({ $0.0.closes.count }).min(), length > 0 else { return nil }
        let total = parts.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return nil }
        closes = [Double](repeating: 1, count: length)
        volumes = [Double](repeating: .nan, count: length)
        var level = 1.0
        for t in 1..<max(length, 1) {
            var r = 0.0
            for (s, w) in parts {
                let c = s.closes, off = c.count - length
                r += w / total * (c[off + t] / c[off + t - 1] - 1)
            }
            level *= 1 + r
            closes[t] = level
        }
    }

    /// The last `count` simple returns.
    func simpleReturns(last count: Int) -> [Double] {
        let n = closes.count
        return ((n - count)..<n).map { closes[$0] / closes[$0 - 1] - 1 }
    }

    /// Annualised volatility of the last `window` daily log returns; nil with too little history.
    func realizedVolatility(window: Int, annualization: Double) -> Double? {
        guard closes.count >= window + 1 else { return nil }
        let n = closes.count
        return RiskMetrics.realizedVolatility(((n - window)..<n).map { log(closes[$0] / closes[$0 - 1]) }, annualization: annualization)
    }
}

extension TriggerEvaluation {
    /// The trigger hook for ``Backtest/run(methodology:data:from:to:calendar:costModel:baseLevel:annualization:trigger:progress:)``:
    /// on each day it evaluates the methodology's triggers with the held (drifted) weights and, when a
    /// rebalance is due, returns the target weights with the fired adjustments applied
    /// (``TriggerReport/adjustedWeights``). `log`, when given, receives every report that asked for a rebalance.
    /// The hook throws `WeightingError` when weights fail or (as `.optimization`) when a rule names an asset without data.
    public static func backtestTrigger(methodology: Methodology, data: MarketData, stress: StressInputs? = nil,
                                       log: ((TriggerReport) -> Void)? = nil)
        -> (Day, [String: Double]) throws(WeightingError) -> [String: Double]? {
        return { (day: Day, held: [String: Double]) throws(WeightingError) -> [String: Double]? in
            let report: TriggerReport
            do throws(TriggerEvaluationError) {
                report = try evaluate(methodology: methodology, data: data, asOf: day, currentWeights: held, stress: stress)
            } catch {
                switch error {
                case let .weighting(e): throw e
                default: throw .optimization("triggers on \(day): \(error)")
                }
            }
            guard report.rebalanceDue else { return nil }
            log?(report)
            return report.adjustedWeights
        }
    }
}
