import Foundation

/// Return-based risk and performance metrics (`methodology.md` §3, empyrical conventions).
/// Returns are per-period simple returns unless a function says otherwise; NaN results mean the
/// series is too short (or flat) for the metric, never a crash. The generic functions are
/// `@inlinable` so callers in other modules (the benchmark) get specialised, allocation-free loops.
public enum RiskMetrics {
    /// Simple returns `x_t/x_{t−1} − 1` (count − 1 values; NaN where `x_{t−1}` is 0).
    public static func simpleReturns(_ prices: [Double]) -> [Double] {
        guard prices.count > 1 else { return [] }
        return (1..<prices.count).map { prices[$0 - 1] == 0 ? .nan : prices[$0] / prices[$0 - 1] - 1 }
    }

    /// Log returns `ln(x_t/x_{t−1})` (count − 1 values; NaN where a price is not positive).
    public static func logReturns(_ prices: [Double]) -> [Double] {
        guard prices.count > 1 else { return [] }
        return (1..<prices.count).map {
            prices[$0 - 1] > 0 && prices[$0] > 0 ? log(prices[$0] / prices[$0 - 1]) : .nan
        }
    }

    /// Arithmetic mean; NaN for an empty slice.
    @inlinable
    public static func mean<C: Collection>(_ x: C) -> Double where C.Element == Double {
        guard !x.isEmpty else { return .nan }
        var s = 0.0
        for v in x { s += v }
        return s / Double(x.count)
    }

    /// Sample standard deviation (divisor n − 1); NaN with fewer than 2 values.
    @inlinable
    public static func sampleStandardDeviation<C: Collection>(_ x: C) -> Double where C.Element == Double {
        guard x.count > 1 else { return .nan }
        let m = mean(x)
        var ss = 0.0
        for v in x { ss += (v - m) * (v - m) }
        return (ss / Double(x.count - 1)).squareRoot()
    }

    /// Annualised realised volatility: `stdev(returns, ddof 1)·√annualization`, conventionally on
    /// daily log returns with 365 periods for crypto and 252 for equities.
    @inlinable
    public static func realizedVolatility<C: Collection>(_ returns: C, annualization: Double) -> Double where C.Element == Double {
        sampleStandardDeviation(returns) * annualization.squareRoot()
    }

    /// Annualised Sharpe ratio `mean(r − r_f)/stdev(r − r_f, ddof 1)·√A` with a per-period `riskFree`.
    @inlinable
    public static func sharpe<C: Collection>(_ returns: C, riskFree: Double = 0, annualization: Double) -> Double
    where C.Element == Double {
        // stdev(r − r_f) = stdev(r): no shifted copy is needed.
        return (mean(returns) - riskFree) / sampleStandardDeviation(returns) * annualization.squareRoot()
    }

    /// Annualised downside deviation `√mean(min(r − MAR, 0)²)·√A`, the mean taken over **all**
    /// observations (empyrical `downside_risk`).
    @inlinable
    public static func downsideDeviation<C: Collection>(_ returns: C, minimumAcceptable: Double = 0, annualization: Double) -> Double
    where C.Element == Double {
        guard !returns.isEmpty else { return .nan }
        var ss = 0.0
        for r in returns {
            let d = min(r - minimumAcceptable, 0)
            ss += d * d
        }
        return (ss / Double(returns.count)).squareRoot() * annualization.squareRoot()
    }

    /// Annualised Sortino ratio `mean(r − MAR)·A / downsideDeviation` (empyrical).
    @inlinable
    public static func sortino<C: Collection>(_ returns: C, minimumAcceptable: Double = 0, annualization: Double) -> Double
    where C.Element == Double {
        let m = mean(returns) - minimumAcceptable
        return m * annualization / downsideDeviation(returns, minimumAcceptable: minimumAcceptable, annualization: annualization)
    }

    /// Beta of `asset` against `benchmark` (same length, aligned): `cov(a, b)/var(b)`; NaN when
    /// the lengths differ, fewer than 2 points, or the benchmark is flat.
    @inlinable
    public static func beta<C: Collection>(_ asset: C, benchmark: C) -> Double where C.Element == Double {
        guard asset.count == benchmark.count, asset.count > 1 else { return .nan }
        let ma = mean(asset), mb = mean(benchmark)
        var cov = 0.0, varB = 0.0
        for (a, b) in zip(asset, benchmark) {
            cov += (a - ma) * (b - mb)
            varB += (b - mb) * (b - mb)
        }
        return varB > 0 ? cov / varB : .nan
    }

    /// Maximum drawdown of the value path `1, (1+r₁), (1+r₁)(1+r₂), …`:
    /// `min_t (V_t / max_{s≤t} V_s − 1)` (≤ 0; 0 for an empty series).
    @inlinable
    public static func maxDrawdown<C: Collection>(returns: C) -> Double where C.Element == Double {
        var value = 1.0, peak = 1.0, worst = 0.0
        for r in returns {
            value *= 1 + r
            if value > peak { peak = value }
            worst = min(worst, value / peak - 1)
        }
        return worst
    }

    /// Current drawdown of the same value path: `V_T / max_{s≤T} V_s − 1` (≤ 0).
    @inlinable
    public static func currentDrawdown<C: Collection>(returns: C) -> Double where C.Element == Double {
        var value = 1.0, peak = 1.0
        for r in returns {
            value *= 1 + r
            if value > peak { peak = value }
        }
        return value / peak - 1
    }

    /// Maximum drawdown of a price (or level) series: `min_t (P_t / max_{s≤t} P_s − 1)`.
    @inlinable
    public static func maxDrawdown<C: Collection>(prices: C) -> Double where C.Element == Double {
        var peak = -Double.infinity, worst = 0.0
        for p in prices {
            if p > peak { peak = p }
            if peak > 0 { worst = min(worst, p / peak - 1) }
        }
        return worst
    }

    /// Current drawdown of a price series: `P_T / max P − 1` (0 for an empty series).
    @inlinable
    public static func currentDrawdown<C: Collection>(prices: C) -> Double where C.Element == Double {
        guard let last = prices.reversed().first, let peak = prices.max(), peak > 0 else { return 0 }
        return last / peak - 1
    }
}
