extension TechnicalIndicators {
    /// Index of the first RSI(`period`) output: `period`.
    public static func rsiLookback(period: Int) -> Int { period }

    /// Wilder's relative strength index (TA-Lib classic): the first `period` changes seed the average
    /// gain `G` and loss `L` as simple means, then `G ← (G·(n−1) + gain)/n` (same for `L`);
    /// `RSI = 100·G/(G+L)`, 0 when `G + L = 0`. Always in [0, 100]. Requires `period ≥ 2`.
    public static func rsi(_ x: [Double], period: Int = 14) -> [Double] {
        precondition(period >= 2, "RSI period must be ≥ 2")
        var out = [Double](repeating: .nan, count: x.count)
        guard x.count > period else { return out }
        let n = Double(period)
        var gain = 0.0, loss = 0.0
        for i in 1...period {
            let d = x[i] - x[i - 1]
            if d > 0 { gain += d } else { loss -= d }
        }
        gain /= n
        loss /= n
        out[period] = gain + loss == 0 ? 0 : 100 * gain / (gain + loss)
        var i = period + 1
        while i < x.count {
            let d = x[i] - x[i - 1]
            gain = (gain * (n - 1) + (d > 0 ? d : 0)) / n
            loss = (loss * (n - 1) + (d < 0 ? -d : 0)) / n
            out[i] = gain + loss == 0 ? 0 : 100 * gain / (gain + loss)
            i += 1
        }
        return out
    }

    /// MACD line, signal line and histogram, aligned with the input.
    public struct MACDSeries: Equatable, Sendable {
        /// `EMA_fast − EMA_slow`, from index `slow − 1`.
        public var macd: [Double]
        /// EMA(`signal`) of the MACD line seeded by its SMA, from index `macdLookback`.
        public var signal: [Double]
        /// `macd − signal`, from index `macdLookback`.
        public var histogram: [Double]
    }

    /// Index of the first complete MACD output (line, signal, histogram): `slow − 1 + signal − 1`.
    public static func macdLookback(slow: Int = 26, signal: Int = 9) -> Int { slow - 1 + signal - 1 }

    /// MACD with TA-Lib's alignment: both EMAs start at the slow EMA's first bar, so the fast EMA is
    /// seeded by the SMA of the `fast` values ending at index `slow − 1` (not the first `fast`
    /// values); the signal EMA is seeded by the SMA of the first `signal` MACD values.
    /// With 12/26/9 the first signal is at index 33. Requires `1 ≤ fast < slow`, `signal ≥ 1`.
    public static func macd(_ x: [Double], fast: Int = 12, slow: Int = 26, signal: Int = 9) -> MACDSeries {
        precondition(fast >= 1 && fast < slow && signal >= 1, "MACD needs 1 ≤ fast < slow and signal ≥ 1")
        var fastEMA = [Double](repeating: .nan, count: x.count)
        var slowEMA = [Double](repeating: .nan, count: x.count)
        fillEMA(x, period: fast, seedStart: slow - fast, into: &fastEMA)
        fillEMA(x, period: slow, seedStart: 0, into: &slowEMA)
        var line = [Double](repeating: .nan, count: x.count)
        if x.count >= slow {
            for i in (slow - 1)..<x.count { line[i] = fastEMA[i] - slowEMA[i] }
        }
        var signalLine = [Double](repeating: .nan, count: x.count)
        fillEMA(line, period: signal, seedStart: slow - 1, into: &signalLine)
        var histogram = [Double](repeating: .nan, count: x.count)
        let start = macdLookback(slow: slow, signal: signal)
        if x.count > start {
            for i in start..<x.count { histogram[i] = line[i] - signalLine[i] }
        }
        return MACDSeries(macd: line, signal: signalLine, histogram: histogram)
    }

    /// Index of the first ROC(`period`) output: `period`.
    public static func rocLookback(period: Int) -> Int { period }

    /// Rate of change in percent: `100·(x_t / x_{t−period} − 1)`; NaN where `x_{t−period}` is 0.
    public static func roc(_ x: [Double], period: Int) -> [Double] {
        precondition(period >= 1, "ROC period must be ≥ 1")
        var out = [Double](repeating: .nan, count: x.count)
        var i = period
        while i < x.count {
            let base = x[i - period]
            out[i] = base == 0 ? .nan : 100 * (x[i] / base - 1)
            i += 1
        }
        return out
    }
}
