/// Technical indicators with TA-Lib's default ("classic") conventions (`methodology.md` §3).
///
/// Every function returns an array aligned with its input: element `i` belongs to bar `i`, and
/// bars before the indicator's lookback (the `*Lookback` functions, as TA-Lib's `TA_*_Lookback`)
/// are NaN. Inputs shorter than the lookback give an all-NaN result. Periods must be ≥ 1
/// (≥ 2 where stated); a smaller period traps, because it is a programming error, not data.
public enum TechnicalIndicators {
    /// Index of the first SMA(`period`) output: `period − 1`.
    public static func smaLookback(period: Int) -> Int { period - 1 }

    /// Simple moving average over `period` bars; NaN before index `period − 1`.
    public static func sma(_ x: [Double], period: Int) -> [Double] {
        precondition(period >= 1, "SMA period must be ≥ 1")
        var out = [Double](repeating: .nan, count: x.count)
        guard x.count >= period else { return out }
        var sum = 0.0
        for i in 0..<period { sum += x[i] }
        out[period - 1] = sum / Double(period)
        var i = period
        while i < x.count {
            sum += x[i] - x[i - period]
            out[i] = sum / Double(period)
            i += 1
        }
        return out
    }

    /// Index of the first EMA(`period`) output: `period − 1`.
    public static func emaLookback(period: Int) -> Int { period - 1 }

    /// Exponential moving average with `k = 2/(period+1)`, seeded with the SMA of the first
    /// `period` values (TA-Lib classic): first output at index `period − 1`.
    public static func ema(_ x: [Double], period: Int) -> [Double] {
        precondition(period >= 1, "EMA period must be ≥ 1")
        var out = [Double](repeating: .nan, count: x.count)
        fillEMA(x, period: period, seedStart: 0, into: &out)
        return out
    }

    /// Writes the EMA seeded by the mean of `x[seedStart ..< seedStart + period]` into `out`,
    /// from index `seedStart + period − 1` on; leaves earlier elements untouched.
    static func fillEMA(_ x: [Double], period: Int, seedStart: Int, into out: inout [Double]) {
        let first = seedStart + period - 1
        guard seedStart >= 0, first < x.count else { return }
        let k = 2.0 / Double(period + 1)
        var sum = 0.0
        for i in seedStart...first { sum += x[i] }
        var e = sum / Double(period)
        out[first] = e
        var i = first + 1
        while i < x.count {
            e += k * (x[i] - e)
            out[i] = e
            i += 1
        }
    }
}
