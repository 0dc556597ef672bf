/// The per-asset numbers the methodology reads at an as-of day.
public struct AssetInputs: Equatable, Sendable {
    /// The asset.
    public var assetId: String
    /// Last close on or before the as-of day.
    public var price: Double?
    /// Average of the available market caps in the moving-average window ending at the as-of day.
    public var marketCap: Double?
    /// Days of the window that had a market cap.
    public var marketCapDaysInWindow: Int
    /// Market cap / FDV on the last day on or before as-of having both.
    public var marketCapToFDV: Double?
    /// Average USD volume over the volume window (available days).
    public var averageVolume: Double?
    /// Days with a market cap on or before as-of.
    public var historyDays: Int
    /// Days since first seen (metadata, else first market cap), or nil when unknown.
    public var ageDays: Int?

    /// Computes the inputs of `history` at `asOf` with a `movingAverageDays` window and a
    /// `volumeWindowDays` volume window; `firstSeen` overrides the first market-cap day.
    public static func compute(history: AssetHistory, asOf: Day, movingAverageDays: Int, volumeWindowDays: Int,
                               firstSeen: Day?) -> AssetInputs {
        var inputs = AssetInputs(assetId: history.assetId, price: nil, marketCap: nil, marketCapDaysInWindow: 0,
                                 marketCapToFDV: nil, averageVolume: nil, historyDays: 0, ageDays: nil)
        guard let last = history.lastIndex(onOrBefore: asOf) else { return inputs }
        let obs = history.observations
        let maStart = asOf.adding(days: -(movingAverageDays - 1))
        let volumeStart = asOf.adding(days: -(volumeWindowDays - 1))
        var mcSum = 0.0, mcCount = 0, volSum = 0.0, volCount = 0
        inputs.historyDays = history.marketCapCounts[last]
        let windowStart = min(maStart, volumeStart)
        var i = last
        // Walk back through the windows, then only as far as the last price and MC/FDV need.
        while i >= 0 {
            let o = obs[i]
            if o.day < windowStart, inputs.price != nil, inputs.marketCapToFDV != nil { break }
            if inputs.price == nil, let c = o.close { inputs.price = c }
            if inputs.marketCapToFDV == nil, let mc = o.marketCap, let fdv = o.fullyDilutedValuation, fdv > 0 {
                inputs.marketCapToFDV = mc / fdv
            }
            if o.day >= maStart, let mc = o.marketCap { mcSum += mc; mcCount += 1 }
            if o.day >= volumeStart, let v = o.volume { volSum += v; volCount += 1 }
            i -= 1
        }
        inputs.marketCapDaysInWindow = mcCount
        inputs.marketCap = mcCount > 0 ? mcSum / Double(mcCount) : nil
        inputs.averageVolume = volCount > 0 ? volSum / Double(volCount) : nil
        if let first = firstSeen ?? history.firstMarketCapDay {
            inputs.ageDays = asOf.daysSinceEpoch - first.daysSinceEpoch
        }
        return inputs
    }
}
