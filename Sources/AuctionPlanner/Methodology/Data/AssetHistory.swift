/// The daily market data of one asset, sorted by day with one observation per day.
public struct AssetHistory: Equatable, Sendable {
    /// The asset's id.
    public var assetId: String
    /// Observations in increasing day order, no duplicates.
    public private(set) var observations: [DailyObservation] {
        didSet { marketCapCounts = Self.prefixCounts(observations) }
    }
    /// `marketCapCounts[i]` = number of observations with a market cap among `observations[0...i]`.
    private(set) var marketCapCounts: [Int]

    private static func prefixCounts(_ observations: [DailyObservation]) -> [Int] {
        var count = 0
        return observations.map { o in
            if o.marketCap != nil { count += 1 }
            return count
        }
    }

    /// A history from observations already sorted by day without duplicates (checked).
    /// Returns nil when they are not strictly increasing.
    public init?(assetId: String, sortedObservations: [DailyObservation]) {
        for i in sortedObservations.indices.dropFirst() where sortedObservations[i - 1].day >= sortedObservations[i].day {
            return nil
        }
        self.assetId = assetId
        self.observations = sortedObservations
        self.marketCapCounts = Self.prefixCounts(sortedObservations)
    }

    /// Builds a history from one file's rows: sorts them, turns zero market caps into missing
    /// values and reports them, and reports gaps (for equities only gaps containing a weekday).
    /// Throws when two rows share a day.
    static func build(assetId: String, file: String, kind: AssetMetadata.Kind, rows: [(line: Int?, observation: DailyObservation)],
                      issues: inout [DataIssue]) throws(InputFileError) -> AssetHistory {
        let sorted = rows.sorted { $0.observation.day < $1.observation.day }
        var observations: [DailyObservation] = []
        observations.reserveCapacity(sorted.count)
        for (index, row) in sorted.enumerated() {
            var o = row.observation
            if index > 0 {
                let previous = sorted[index - 1].observation.day
                if previous == o.day {
                    throw InputFileError(file: file, line: row.line, field: "date", value: o.day.description,
                                         rule: "duplicate day for asset \(assetId)")
                }
                let gap = o.day.daysSinceEpoch - previous.daysSinceEpoch - 1
                if gap > 0 {
                    let from = previous.adding(days: 1), to = o.day.adding(days: -1)
                    let hasWeekday = gap >= 3 || (0..<gap).contains { from.adding(days: $0).isWeekday }
                    if kind == .token || hasWeekday {
                        issues.append(DataIssue(assetId: assetId, file: file, kind: .missingDays(from: from, to: to, count: gap)))
                    }
                }
            }
            if let mc = o.marketCap, mc == 0 {
                o.marketCap = nil
                issues.append(DataIssue(assetId: assetId, file: file, kind: .zeroMarketCap(o.day)))
            }
            if o.close == nil {
                issues.append(DataIssue(assetId: assetId, file: file, kind: .missingValue(o.day, field: "close")))
            }
            observations.append(o)
        }
        return AssetHistory(assetId: assetId, sortedObservations: observations)!
    }

    /// Merges `other` into this history: values present in `other` replace missing or older ones
    /// on the same day.
    mutating func merge(_ other: AssetHistory) {
        var byDay: [Day: DailyObservation] = [:]
        for o in observations { byDay[o.day] = o }
        for o in other.observations {
            if var existing = byDay[o.day] {
                existing.close = o.close ?? existing.close
                existing.marketCap = o.marketCap ?? existing.marketCap
                existing.volume = o.volume ?? existing.volume
                existing.circulatingSupply = o.circulatingSupply ?? existing.circulatingSupply
                existing.fullyDilutedValuation = o.fullyDilutedValuation ?? existing.fullyDilutedValuation
                byDay[o.day] = existing
            } else {
                byDay[o.day] = o
            }
        }
        observations = byDay.values.sorted { $0.day < $1.day }
    }

    /// The index of the last observation on or before `day`, or nil.
    public func lastIndex(onOrBefore day: Day) -> Int? {
        var lo = 0, hi = observations.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if observations[mid].day <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }

    /// The first day with a non-missing market cap, or nil.
    public var firstMarketCapDay: Day? { observations.first { $0.marketCap != nil }?.day }
}
