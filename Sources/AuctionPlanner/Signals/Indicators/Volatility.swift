extension TechnicalIndicators {
    /// Bollinger bands, aligned with the input.
    public struct BollingerBands: Equatable, Sendable {
        /// `middle + k·σ`.
        public var upper: [Double]
        /// SMA(`period`).
        public var middle: [Double]
        /// `middle − k·σ`.
        public var lower: [Double]

        /// %B at bar `i`: `(x − lower)/(upper − lower)`; NaN when the bands are flat or not yet defined.
        public func percentB(_ x: Double, at i: Int) -> Double {
            let width = upper[i] - lower[i]
            return width > 0 ? (x - lower[i]) / width : .nan
        }
    }

    /// Bollinger bands: SMA(`period`) ± `deviations` × the **population** standard deviation
    /// (divisor `period`, TA-Lib) of the same window; first output at `period − 1`.
    public static func bollinger(_ x: [Double], period: Int = 20, deviations: Double = 2) -> BollingerBands {
        precondition(period >= 1, "Bollinger period must be ≥ 1")
        let middle = sma(x, period: period)
        var upper = [Double](repeating: .nan, count: x.count)
        var lower = [Double](repeating: .nan, count: x.count)
        if x.count >= period {
            for i in (period - 1)..<x.count {
                let m = middle[i]
                var ss = 0.0
                for j in (i + 1 - period)...i { ss += (x[j] - m) * (x[j] - m) }
                let band = deviations * (ss / Double(period)).squareRoot()
                upper[i] = m + band
                lower[i] = m - band
            }
        }
        return BollingerBands(upper: upper, middle: middle, lower: lower)
    }

    /// Index of the first ATR(`period`) output: `period`.
    public static func atrLookback(period: Int) -> Int { period }

    /// Wilder's average true range (TA-Lib): `TR_t = max(H−L, |H−C_{t−1}|, |L−C_{t−1}|)` from bar 1,
    /// seed `mean(TR[1...period])` at index `period`, then `ATR ← (ATR·(n−1) + TR)/n`.
    /// With close-only data pass the closes as `high` and `low`: TR is then `|C_t − C_{t−1}|`.
    /// The three arrays must have equal length.
    public static func atr(high: [Double], low: [Double], close: [Double], period: Int = 14) -> [Double] {
        precondition(period >= 1, "ATR period must be ≥ 1")
        precondition(high.count == close.count && low.count == close.count, "ATR needs equal-length high, low, close")
        var out = [Double](repeating: .nan, count: close.count)
        guard close.count > period else { return out }
        @inline(__always) func trueRange(_ t: Int) -> Double {
            let previous = close[t - 1]
            return max(high[t] - low[t], abs(high[t] - previous), abs(low[t] - previous))
        }
        let n = Double(period)
        var sum = 0.0
        for t in 1...period { sum += trueRange(t) }
        var value = sum / n
        out[period] = value
        var t = period + 1
        while t < close.count {
            value = (value * (n - 1) + trueRange(t)) / n
            out[t] = value
            t += 1
        }
        return out
    }

    /// Normalised ATR in percent: `100·ATR/close`.
    public static func natr(high: [Double], low: [Double], close: [Double], period: Int = 14) -> [Double] {
        var out = atr(high: high, low: low, close: close, period: period)
        for i in out.indices where !out[i].isNaN { out[i] = close[i] == 0 ? .nan : 100 * out[i] / close[i] }
        return out
    }
}
