import Foundation

extension TriggerEvaluation {
    /// A measured value, an event, or why there is none.
    enum Measurement: Equatable {
        case value(Double)
        case event(Double, happened: Bool)
        case unavailable(String)
    }

    /// What one evaluation day knows besides the series: settings, stress inputs, weights.
    struct Context {
        let triggers: TriggerSet
        let asOf: Day
        let stress: StressInputs?
        let targetWeights: [String: Double]
        let currentWeights: [String: Double]?

        /// The metric on the series' last day, or why it cannot be measured (too little history, undefined value).
        func measure(_ metric: TriggerMetric, on s: PriceSeries, annualization A: Double, benchmark: PriceSeries?,
                     averageVolatility: Double?) -> Measurement {
            let c = s.closes, n = c.count, warm = triggers.warmupMultiple
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

        /// A stress metric over its window ending on the as-of day.
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
