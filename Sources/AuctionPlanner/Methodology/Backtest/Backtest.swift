/// Execution cost of a rebalance through Dutch auctions (`methodology.md` §4): every unit of traded
/// notional pays the bidder's margin δ (gas, hedge, DEX fee, profit) plus on average half a price
/// step (the auction price moves in discrete buckets). Cost as a fraction of NAV:
/// `Σ|w_new − w_drifted| · (bidderMargin + priceStep / 2)`.
public struct AuctionCostModel: Equatable, Sendable {
    /// δ as a fraction of traded notional (e.g. 0.003 = 30 bp).
    public var bidderMargin: Double
    /// One auction price step as a fraction of price (e.g. 0.001).
    public var priceStep: Double

    /// A model with the given margin and step.
    public init(bidderMargin: Double = 0.003, priceStep: Double = 0.001) {
        self.bidderMargin = bidderMargin
        self.priceStep = priceStep
    }

    /// Cost as a fraction of NAV for a two-way traded notional `Σ|Δw|`.
    public func cost(tradedFraction: Double) -> Double { tradedFraction * (bidderMargin + priceStep / 2) }
}

/// One rebalance of a backtest.
public struct RebalanceRecord: Equatable, Sendable {
    /// The rebalance day.
    public var day: Day
    /// The data snapshot day.
    public var snapshotDay: Day
    /// Target weights by asset id.
    public var weights: [String: Double]
    /// One-way turnover `½ Σ|w_new − w_drifted|`.
    public var turnover: Double
    /// Cost charged (fraction of NAV).
    public var cost: Double
    /// Assets added.
    public var added: [String]
    /// Assets removed.
    public var removed: [String]
    /// Divisor after the rebalance.
    public var divisor: Double
}

/// A backtest's output.
public struct BacktestResult: Equatable, Sendable {
    /// Daily index level (base level on the first day).
    public var levels: [(day: Day, level: Double)]
    /// Every rebalance in order.
    public var rebalances: [RebalanceRecord]
    /// Statistics of the daily level returns.
    public var statistics: PerformanceStatistics

    /// Equal when the level series, rebalances and statistics are identical.
    public static func == (a: BacktestResult, b: BacktestResult) -> Bool {
        a.levels.map(\.day) == b.levels.map(\.day) && a.levels.map(\.level) == b.levels.map(\.level)
            && a.rebalances == b.rebalances && a.statistics == b.statistics
    }
}

/// Replays history with a methodology and calendar.
public enum Backtest {
    /// Runs `methodology` over `data` from `from` to `to` (inclusive): rebalances on `from` and on
    /// every calendar day in the range (weights from the snapshot day, with the current constituents
    /// as incumbents), charges `costModel`, and tracks the level (closes carried forward over gaps)
    /// with divisor adjustment. `calendar` overrides the methodology's (required if it has none).
    /// Statistics use `annualization` periods per year (365 for crypto).
    /// `progress(done, total)` is called once per simulated day.
    /// `trigger(day, heldWeights)`, when given, is asked on every other day with the drifted weights
    /// and returns the weights to rebalance to when a trigger-driven rebalance is due (nil otherwise);
    /// `TriggerEvaluation.backtestTrigger` builds it from the methodology's trigger rules.
    /// - Throws: `WeightingError` when weights cannot be computed or a constituent has no price on a rebalance day.
    public static func run(methodology: Methodology, data: MarketData, from: Day, to: Day, calendar: RebalanceCalendar? = nil,
                           costModel: AuctionCostModel = AuctionCostModel(), baseLevel: Double = 1000, annualization: Double = 365,
                           trigger: ((Day, [String: Double]) throws(WeightingError) -> [String: Double]?)? = nil,
                           progress: ((Int, Int) -> Void)? = nil) throws(WeightingError) -> BacktestResult {
        guard from < to else { throw .optimization("backtest needs from < to (got \(from) … \(to))") }
        guard let schedule = calendar ?? methodology.calendar else {
            throw .optimization("the methodology has no calendar section: give one")
        }
        let events = schedule.events(from: from, to: to)
        var eventIndex = 0
        let offset = schedule.snapshotOffsetDays
        // Dense forward-filled closes per asset over the range.
        let ids = data.histories.keys.sorted()
        let totalDays = to.daysSinceEpoch - from.daysSinceEpoch + 1
        var cursor = [Int](repeating: -1, count: ids.count)
        var lastClose = [Double?](repeating: nil, count: ids.count)
        let histories = ids.map { data.histories[$0]! }
        let position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        for (k, h) in histories.enumerated() {
            if let i = h.lastIndex(onOrBefore: from) {
                cursor[k] = i
                lastClose[k] = h.observations[...i].last { $0.close != nil }?.close
            }
        }
        var index: IndexLevel?
        var levels: [(day: Day, level: Double)] = []
        levels.reserveCapacity(totalDays)
        var records: [RebalanceRecord] = []
        for t in 0..<totalDays {
            let day = from.adding(days: t)
            for k in ids.indices {
                let obs = histories[k].observations
                while cursor[k] + 1 < obs.count, obs[cursor[k] + 1].day <= day {
                    cursor[k] += 1
                    if let c = obs[cursor[k]].close { lastClose[k] = c }
                }
            }
            var isRebalance = t == 0
            var snapshot = day.adding(days: -offset)
            while eventIndex < events.count, events[eventIndex].rebalanceDay <= day {
                if events[eventIndex].rebalanceDay == day { isRebalance = true; snapshot = events[eventIndex].snapshotDay }
                eventIndex += 1
            }
            var values: [String: Double] = [:]
            var triggered: [String: Double]?
            if !isRebalance, let trigger, let current = index {
                for id in current.ids { values[id] = lastClose[position[id]!]! }
                triggered = try trigger(day, current.driftedWeights(values))
                if triggered != nil { isRebalance = true; snapshot = day }
            }
            if isRebalance {
                var weights: [String: Double] = [:]
                if let triggered {
                    weights = triggered.filter { $0.value > 0 }
                } else {
                    let incumbents = Set(index?.ids ?? [])
                    let report = try IndexWeights.compute(methodology: methodology, data: data, asOf: snapshot, incumbents: incumbents)
                    for row in report.constituents { weights[row.assetId] = row.weight }
                }
                for id in Set(weights.keys).union(index?.ids ?? []) {
                    guard let p = position[id], let c = lastClose[p], c > 0 else { throw .optimization("\(id): no price on rebalance day \(day)") }
                    values[id] = c
                }
                if var current = index {
                    let drifted = current.driftedWeights(values)
                    let keys = Set(drifted.keys).union(weights.keys).sorted()  // fixed order: reproducible sums
                    let traded = keys.map { abs((weights[$0] ?? 0) - (drifted[$0] ?? 0)) }.reduce(0, +)
                    let cost = costModel.cost(tradedFraction: traded)
                    current.rebalance(toWeights: weights, values: values)
                    current.deduct(fraction: cost)
                    index = current
                    records.append(RebalanceRecord(day: day, snapshotDay: snapshot, weights: weights, turnover: traded / 2, cost: cost,
                                                   added: weights.keys.filter { drifted[$0] == nil }.sorted(),
                                                   removed: drifted.keys.filter { weights[$0] == nil }.sorted(), divisor: current.divisor))
                } else {
                    // Inception: the index starts at the base level; no cost is charged for the initial basket.
                    let start = IndexLevel(baseLevel: baseLevel, weights: weights, values: values)
                    index = start
                    records.append(RebalanceRecord(day: day, snapshotDay: snapshot, weights: weights, turnover: 1, cost: 0,
                                                   added: weights.keys.sorted(), removed: [], divisor: start.divisor))
                }
            } else {
                for id in index!.ids { values[id] = lastClose[position[id]!]! }
            }
            levels.append((day, index!.level(values)))
            progress?(t + 1, totalDays)
        }
        let returns = (1..<levels.count).map { levels[$0].level / levels[$0 - 1].level - 1 }
        let stats = PerformanceStatistics.compute(returns: returns, annualization: annualization, days: totalDays - 1)
        return BacktestResult(levels: levels, rebalances: records, statistics: stats)
    }
}
