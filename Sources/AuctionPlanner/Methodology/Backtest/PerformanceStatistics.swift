import Foundation

/// Summary statistics of a return series (`methodology.md` §3, empyrical conventions).
public struct PerformanceStatistics: Equatable, Sendable {
    /// Total return over the period.
    public var totalReturn: Double
    /// Compound annual growth rate over `days` calendar days: `(1 + total)^(365/days) − 1`.
    public var cagr: Double
    /// `stdev(r, ddof 1)·√A`.
    public var volatility: Double
    /// `mean(r − r_f)/stdev(r − r_f, ddof 1)·√A`.
    public var sharpe: Double
    /// `mean(r − MAR)·A / (√mean(min(r − MAR, 0)²)·√A)`, mean over all observations.
    public var sortino: Double
    /// `min_t (V_t / max_{s≤t} V_s − 1)` (≤ 0).
    public var maxDrawdown: Double

    /// Statistics of periodic simple `returns` with `annualization` periods per year, per-period
    /// risk-free rate / minimum acceptable return `riskFree`, and `days` calendar days covered.
    /// Returns NaN ratios when the series is too short or flat.
    public static func compute(returns: [Double], annualization: Double, riskFree: Double = 0, days: Int) -> PerformanceStatistics {
        let n = Double(returns.count)
        var value = 1.0, peak = 1.0, mdd = 0.0
        for r in returns {
            value *= 1 + r
            peak = max(peak, value)
            mdd = min(mdd, value / peak - 1)
        }
        let excess = returns.map { $0 - riskFree }
        let mean = excess.reduce(0, +) / n
        let variance = excess.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
        let sd = variance.squareRoot()
        let rawMean = returns.reduce(0, +) / n
        let rawSD = (returns.map { ($0 - rawMean) * ($0 - rawMean) }.reduce(0, +) / (n - 1)).squareRoot()
        let downside = (excess.map { min($0, 0) * min($0, 0) }.reduce(0, +) / n).squareRoot() * annualization.squareRoot()
        let total = value - 1
        return PerformanceStatistics(
            totalReturn: total,
            cagr: days > 0 ? pow(1 + total, 365 / Double(days)) - 1 : .nan,
            volatility: rawSD * annualization.squareRoot(),
            sharpe: mean / sd * annualization.squareRoot(),
            sortino: mean * annualization / downside,
            maxDrawdown: mdd)
    }
}
