import Foundation

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
