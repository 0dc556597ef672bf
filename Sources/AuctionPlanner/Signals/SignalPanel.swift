import Foundation

/// Parameters of ``SignalPanel/compute(closes:volumes:weights:benchmark:settings:)``.
public struct SignalPanelSettings: Equatable, Sendable {
    /// Fast and slow EMA periods.
    public var emaFast = 12, emaSlow = 26
    /// RSI period.
    public var rsiPeriod = 14
    /// MACD fast, slow and signal periods.
    public var macdFast = 12, macdSlow = 26, macdSignal = 9
    /// Bollinger period and width in standard deviations.
    public var bollingerPeriod = 20, bollingerDeviations = 2.0
    /// ATR period (close-only: TR = |ΔC|).
    public var atrPeriod = 14
    /// Rate-of-change period.
    public var rocPeriod = 14
    /// Window (returns) of volatility, VaR/CVaR, Sharpe, Sortino and beta.
    public var riskWindow = 365
    /// VaR/CVaR confidence.
    public var confidence = 0.95
    /// Periods per year.
    public var annualization = 365.0
    /// Liquidity screen: average-volume window and minimum USD volume.
    public var liquidityWindow = 30, minimumVolumeUSD = 1e6

    /// The defaults above (TA-Lib periods, 365-day crypto year).
    public init() {}
}

/// Every indicator series and risk metric for one asset of a panel.
public struct AssetSignals: Sendable {
    /// EMA(fast) and EMA(slow) series.
    public var emaFast: [Double], emaSlow: [Double]
    /// RSI series.
    public var rsi: [Double]
    /// MACD line, signal and histogram.
    public var macd: TechnicalIndicators.MACDSeries
    /// Bollinger bands.
    public var bollinger: TechnicalIndicators.BollingerBands
    /// ATR series.
    public var atr: [Double]
    /// ROC series (percent).
    public var roc: [Double]
    /// Consecutive days below the minimum average volume, per day.
    public var liquidityRun: [Int]
    /// Annualised realised volatility of the last `riskWindow` log returns.
    public var realizedVolatility: Double
    /// VaR and CVaR of the last `riskWindow` simple returns per method (returns, not losses).
    public var tailRisk: [VaRMethod: RiskMetrics.TailRisk]
    /// Annualised Sharpe and Sortino ratios over the window.
    public var sharpe: Double, sortino: Double
    /// Beta against the benchmark over the window (NaN without one).
    public var beta: Double
    /// Maximum and current drawdown over the whole series.
    public var maxDrawdown: Double, currentDrawdown: Double
}

/// All indicators and metrics of a panel of assets, the unit of the performance target
/// (100 assets × 5 years of daily data).
public struct SignalPanel: Sendable {
    /// Per asset, in input order.
    public var assets: [AssetSignals]
    /// HHI of the weights.
    public var herfindahl: Double
    /// Effective number of constituents `1/HHI`.
    public var effectiveConstituents: Double

    /// Computes every indicator series and risk metric for each asset's daily `closes` (no gaps) and
    /// `volumes` (same lengths; NaN = missing), concentration of `weights`, and beta against the
    /// `benchmark` closes (aligned at the end; nil for none). Assets with fewer bars than a window
    /// get NaN for that value.
    public static func compute(closes: [[Double]], volumes: [[Double]], weights: [Double], benchmark: [Double]? = nil,
                               settings s: SignalPanelSettings = SignalPanelSettings()) -> SignalPanel {
        precondition(closes.count == volumes.count, "one volume series per close series")
        let benchmarkReturns = benchmark.map(RiskMetrics.simpleReturns)
        var out: [AssetSignals] = []
        out.reserveCapacity(closes.count)
        for (c, v) in zip(closes, volumes) {
            precondition(c.count == v.count, "closes and volumes of an asset must have equal length")
            let simple = RiskMetrics.simpleReturns(c)
            let window = simple.suffix(s.riskWindow)
            let windowReturns = Array(window)
            let logs = RiskMetrics.logReturns(c).suffix(s.riskWindow)
            var tail: [VaRMethod: RiskMetrics.TailRisk] = [:]
            for m in VaRMethod.allCases { tail[m] = RiskMetrics.tailRisk(windowReturns, alpha: 1 - s.confidence, method: m) }
            var beta = Double.nan
            if let b = benchmarkReturns {
                let n = min(b.count, windowReturns.count)
                if n > 1 { beta = RiskMetrics.beta(windowReturns.suffix(n), benchmark: b.suffix(n)) }
            }
            out.append(AssetSignals(
                emaFast: TechnicalIndicators.ema(c, period: s.emaFast), emaSlow: TechnicalIndicators.ema(c, period: s.emaSlow),
                rsi: TechnicalIndicators.rsi(c, period: s.rsiPeriod),
                macd: TechnicalIndicators.macd(c, fast: s.macdFast, slow: s.macdSlow, signal: s.macdSignal),
                bollinger: TechnicalIndicators.bollinger(c, period: s.bollingerPeriod, deviations: s.bollingerDeviations),
                atr: TechnicalIndicators.atr(high: c, low: c, close: c, period: s.atrPeriod),
                roc: TechnicalIndicators.roc(c, period: s.rocPeriod),
                liquidityRun: LiquidityScreen.consecutiveDaysBelow(volumes: v, window: s.liquidityWindow, minimum: s.minimumVolumeUSD),
                realizedVolatility: RiskMetrics.realizedVolatility(logs, annualization: s.annualization),
                tailRisk: tail,
                sharpe: RiskMetrics.sharpe(window, annualization: s.annualization),
                sortino: RiskMetrics.sortino(window, annualization: s.annualization),
                beta: beta,
                maxDrawdown: RiskMetrics.maxDrawdown(prices: c), currentDrawdown: RiskMetrics.currentDrawdown(prices: c)))
        }
        return SignalPanel(assets: out, herfindahl: Concentration.herfindahl(weights),
                           effectiveConstituents: Concentration.effectiveConstituents(weights))
    }
}
