/// Liquidity screen: an asset breaches when its average volume stays below a minimum.
public enum LiquidityScreen {
    /// For each day `t`, how many consecutive days ending at `t` had an average volume over the
    /// trailing `window` days (`mean(volume[t−window+1 ... t])`) below `minimum`. Days before the
    /// first full window, and days whose window holds a missing (NaN) volume, count 0 and break the run.
    public static func consecutiveDaysBelow(volumes: [Double], window: Int, minimum: Double) -> [Int] {
        precondition(window >= 1, "liquidity window must be ≥ 1")
        var out = [Int](repeating: 0, count: volumes.count)
        var sum = 0.0, missing = 0, run = 0
        for t in volumes.indices {
            let v = volumes[t]
            if v.isNaN { missing += 1 } else { sum += v }
            if t >= window {
                let old = volumes[t - window]
                if old.isNaN { missing -= 1 } else { sum -= old }
            }
            if t >= window - 1, missing == 0, sum / Double(window) < minimum {
                run += 1
            } else {
                run = 0
            }
            out[t] = run
        }
        return out
    }
}
