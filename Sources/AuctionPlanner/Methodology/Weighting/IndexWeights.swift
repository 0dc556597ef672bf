import ChainModel
import Foundation

/// One asset's line in a weights report: its inputs, raw and final index weights, and why it is
/// in, capped, raised, removed or excluded.
public struct AssetWeightRow: Equatable, Sendable {
    /// The asset.
    public var assetId: String
    /// Ticker symbol (metadata, else the id).
    public var symbol: String
    /// The sleeve it was considered in.
    public var sleeve: String
    /// The inputs at the as-of day.
    public var inputs: AssetInputs
    /// Normalised score × sleeve budget before constraints (nil when not selected).
    public var rawWeight: Double?
    /// Final index weight (0 when excluded).
    public var weight: Double
    /// Whether the asset is a constituent (weight > 0).
    public var included: Bool { weight > 0 }
    /// The rules that excluded, capped, raised or removed it; empty for an unconstrained constituent.
    public var reasons: [String]
    /// Contract address on the methodology's chain, if known.
    public var address: Address?
    /// Token decimals, if known.
    public var decimals: Int?
}

/// The weights of an index at an as-of day with everything needed to audit them.
public struct WeightsReport: Equatable, Sendable {
    /// Methodology name.
    public var methodologyName: String
    /// Keccak-256 of the methodology file.
    public var methodologyHash: Bytes32
    /// The data snapshot day.
    public var asOf: Day
    /// Chain of the reported addresses.
    public var chain: String
    /// Constituents by decreasing weight (ties by id), then excluded assets by id.
    public var rows: [AssetWeightRow]
    /// Data issues of the considered assets.
    public var issues: [DataIssue]
    /// Optimizer results per sleeve, when an optimizer method was used.
    public var optimizations: [String: OptimizedPortfolio]

    /// The constituents (weight > 0), by decreasing weight.
    public var constituents: [AssetWeightRow] { rows.filter(\.included) }
}

/// The methodology pipeline: universe → eligibility → selection → weighting → constraints → sleeve budgets.
public enum IndexWeights {
    /// Computes the weights of `methodology` on `data` at `asOf` (the snapshot day). `incumbents` are
    /// the current constituents (rank buffer and floor hysteresis). Weights are `Double`s that sum to 1
    /// within 1e-12 over the whole index.
    /// - Throws: `WeightingError` when a sleeve has no constituent or its constraints are infeasible
    ///   for the assets actually selected, or an optimizer fails.
    public static func compute(methodology: Methodology, data: MarketData, asOf: Day,
                               incumbents: Set<String> = []) throws(WeightingError) -> WeightsReport {
        var rows: [AssetWeightRow] = []
        var optimizations: [String: OptimizedPortfolio] = [:]
        var considered = Set<String>()
        let sleeves = methodology.effectiveSleeves
        let allIds = Set(data.histories.keys).union(data.metadata.keys).sorted()
        for sleeve in sleeves {
            let ids = allIds.filter { id in
                methodology.sleeves.isEmpty || data.metadata[id]?.sleeve == sleeve.name
            }
            let (sleeveRows, optimization): ([AssetWeightRow], OptimizedPortfolio?)
            do {
                (sleeveRows, optimization) = try weighSleeve(sleeve, ids: ids, data: data, asOf: asOf, chain: methodology.chain,
                                                             incumbents: incumbents)
            } catch {
                throw methodology.sleeves.isEmpty ? error : .inSleeve(sleeve.name, error)
            }
            rows += sleeveRows
            considered.formUnion(sleeveRows.map(\.assetId))
            if let optimization { optimizations[sleeve.name] = optimization }
        }
        // Exact index-level normalisation: the residual of the budgets goes to the largest weight.
        var weights = rows.map(\.weight)
        Capping.absorbResidual(&weights, free: weights.map { $0 > 0 })
        for i in rows.indices { rows[i].weight = weights[i] }
        rows.sort { a, b in
            if a.included != b.included { return a.included }
            if a.included, a.weight != b.weight { return a.weight > b.weight }
            return a.assetId < b.assetId
        }
        return WeightsReport(methodologyName: methodology.name, methodologyHash: methodology.hash, asOf: asOf, chain: methodology.chain,
                             rows: rows, issues: data.issues.filter { considered.contains($0.assetId) }, optimizations: optimizations)
    }

    private static func weighSleeve(_ sleeve: Sleeve, ids: [String], data: MarketData, asOf: Day, chain: String,
                                    incumbents: Set<String>) throws(WeightingError) -> ([AssetWeightRow], OptimizedPortfolio?) {
        let rules = sleeve.rules
        var rows: [AssetWeightRow] = []
        var eligible: [Int] = []
        for id in ids {
            let meta = data.metadata[id] ?? AssetMetadata(id: id, symbol: id, name: id)
            if !rules.universe.assets.isEmpty, !rules.universe.assets.contains(id) { continue }
            if !rules.universe.kinds.isEmpty, !rules.universe.kinds.contains(meta.kind) { continue }
            var row = AssetWeightRow(assetId: id, symbol: meta.symbol, sleeve: sleeve.name,
                                     inputs: AssetInputs(assetId: id, price: nil, marketCap: nil, marketCapDaysInWindow: 0, marketCapToFDV: nil,
                                                         averageVolume: nil, historyDays: 0, ageDays: nil),
                                     rawWeight: nil, weight: 0, reasons: [], address: meta.addresses[chain], decimals: meta.decimals)
            guard let history = data.histories[id] else {
                row.reasons = ["inputs: no market data"]
                rows.append(row)
                continue
            }
            row.inputs = AssetInputs.compute(history: history, asOf: asOf, movingAverageDays: rules.movingAverageDays,
                                             volumeWindowDays: rules.eligibility.volumeWindowDays, firstSeen: meta.firstSeen)
            if let why = rules.eligibility.exclusion(metadata: meta, inputs: row.inputs) {
                row.reasons = [why]
            } else if case let .custom(map) = rules.weighting, map[id] == nil {
                row.reasons = ["weighting.custom: no weight given"]
            } else if rules.weighting.isOptimizer,
                      history.lastIndex(onOrBefore: asOf.adding(days: -rules.optimization.lookbackDays)) == nil {
                row.reasons = ["inputs: price history shorter than lookback_days (\(rules.optimization.lookbackDays))"]
            } else {
                eligible.append(rows.count)
            }
            rows.append(row)
        }
        // Selection by market cap rank (ties by id), with the rank buffer for incumbents.
        let ranked = eligible.sorted { a, b in
            let x = rows[a].inputs.marketCap!, y = rows[b].inputs.marketCap!
            return x != y ? x > y : rows[a].assetId < rows[b].assetId
        }
        var limit = rules.selection?.top ?? ranked.count
        if let maxN = rules.constraints.maxConstituents { limit = min(limit, maxN) }
        var selected: [Int] = []
        if let sel = rules.selection, sel.entryRank != sel.exitRank {
            for (r, i) in ranked.enumerated() {
                let rank = r + 1
                if incumbents.contains(rows[i].assetId) ? rank <= sel.exitRank : rank <= sel.entryRank { selected.append(i) }
            }
            for i in ranked where selected.count < limit && !selected.contains(i) { selected.append(i) }
            selected = ranked.filter(selected.contains)
        } else {
            selected = ranked
        }
        if selected.count > limit { selected = Array(selected.prefix(limit)) }
        for (r, i) in ranked.enumerated() where !selected.contains(i) {
            let rule = rules.selection != nil ? "selection.top" : "constraints.max_constituents"
            rows[i].reasons = ["\(rule): market-cap rank \(r + 1) not selected (limit \(limit))"]
        }
        guard !selected.isEmpty else { throw .noConstituents(sleeve: sleeve.name) }

        // Scores and bounds.
        let k = rules.constraints
        let scores: [Double] = selected.map { i in
            switch rules.weighting {
            case .equal: return 1
            case .marketCap: return rows[i].inputs.marketCap!
            case .sqrtMarketCap: return rows[i].inputs.marketCap!.squareRoot()
            case let .custom(map): return map[rows[i].assetId]!
            case .minimumVolatility, .maximumSharpe, .targetVolatility: return 1
            }
        }
        let scoreSum = scores.reduce(0, +)
        for (p, i) in selected.enumerated() where !rules.weighting.isOptimizer {
            rows[i].rawWeight = scores[p] / scoreSum * sleeve.budget
        }
        let raise = k.floorMode == .raise ? (k.floor ?? 0) : 0
        let lower = selected.map { max(raise, k.bounds[rows[$0].assetId]?.lowerBound ?? 0) }
        let upper = selected.map { min(k.cap ?? 1, k.bounds[rows[$0].assetId]?.upperBound ?? 1) }
        let returns = rules.weighting.isOptimizer ? try returnMatrix(selected.map { data.histories[rows[$0].assetId]! },
                                                                      asOf: asOf, days: rules.optimization.lookbackDays) : []

        func weigh(_ members: [Int]) throws(WeightingError) -> (weights: [Double], optimized: OptimizedPortfolio?) {
            let lo = members.map { lower[$0] }, hi = members.map { upper[$0] }
            if !rules.weighting.isOptimizer {
                let s = members.map { scores[$0] }
                if lo.contains(where: { $0 > 0 }) { return (try Capping.box(scores: s, floors: lo, caps: hi).weights, nil) }
                return (try Capping.iterativeCap(scores: s, caps: hi).weights, nil)
            }
            let stats = try ReturnStatistics.estimate(returns: returns.map { row in members.map { row[$0] } },
                                                      annualization: rules.optimization.annualization,
                                                      ledoitWolf: rules.optimization.ledoitWolf)
            let bounds = WeightBounds(lower: lo, upper: hi)
            let p: OptimizedPortfolio
            switch rules.weighting {
            case .minimumVolatility:
                p = try MinimumVolatility.solve(expectedReturns: stats.expectedReturns, covariance: stats.covariance, bounds: bounds)
            case .maximumSharpe:
                p = try MaximumSharpe.solve(expectedReturns: stats.expectedReturns, covariance: stats.covariance,
                                            riskFreeRate: rules.optimization.riskFreeRate, bounds: bounds, fallback: rules.optimization.fallback)
            case let .targetVolatility(target):
                p = try TargetVolatility.solve(expectedReturns: stats.expectedReturns, covariance: stats.covariance, target: target, bounds: bounds)
            default:
                preconditionFailure("not an optimizer")
            }
            return (p.weights, p)
        }

        // Floor by removal: drop the smallest member under its threshold, one at a time, and re-weigh.
        var members = Array(selected.indices)
        var result = try weigh(members)
        if k.floorMode == .removal, let floor = k.floor, floor > 0 {
            let entry = k.floorEntry ?? floor
            while true {
                var worst: Int?
                for (p, m) in members.enumerated() {
                    let threshold = incumbents.contains(rows[selected[m]].assetId) ? floor : entry
                    if result.weights[p] < threshold - 1e-15, worst == nil || result.weights[p] <= result.weights[worst!] { worst = p }
                }
                guard let worst else { break }
                let i = selected[members[worst]]
                let threshold = incumbents.contains(rows[i].assetId) ? floor : entry
                rows[i].reasons = ["constraints.floor (removal): weight \(Format.percent(result.weights[worst])) < \(Format.percent(threshold))"]
                members.remove(at: worst)
                guard !members.isEmpty else { throw .noConstituents(sleeve: sleeve.name) }
                let capSum = members.map { upper[$0] }.reduce(0, +)
                guard capSum >= 1 - 1e-12 else {
                    throw .floorRemovalInfeasible(sleeve: sleeve.name, remaining: members.count, capSum: capSum)
                }
                result = try weigh(members)
            }
        }
        for (p, m) in members.enumerated() {
            let i = selected[m]
            let w = result.weights[p]
            rows[i].weight = w * sleeve.budget
            var reasons: [String] = []
            if w >= upper[m] - 1e-12, upper[m] < 1 {
                let source = k.bounds[rows[i].assetId].map { $0.upperBound < (k.cap ?? 1) } == true ? "constraints.bounds" : "constraints.cap"
                reasons.append("capped at \(Format.percent(upper[m])) of sleeve (\(source))")
            }
            if lower[m] > 0, w <= lower[m] + 1e-12 {
                reasons.append("raised to \(Format.percent(lower[m])) of sleeve (\(raise > 0 ? "constraints.floor, raise" : "constraints.bounds"))")
            }
            if rules.weighting.isOptimizer, w <= 1e-12 {
                reasons.append("weighting.\(rules.weighting.name): optimal weight 0")
                rows[i].weight = 0
            }
            rows[i].reasons = reasons
        }
        return (rows, result.optimized)
    }

    /// Daily log returns over `days` days ending at `asOf` (closes carried forward over gaps),
    /// one row per day, one column per history.
    /// - Throws: `WeightingError.optimization` when a history has no positive price at the window start.
    public static func returnMatrix(_ histories: [AssetHistory], asOf: Day, days: Int) throws(WeightingError) -> [[Double]] {
        let start = asOf.adding(days: -days)
        var closes: [[Double]] = []
        for h in histories {
            guard var index = h.lastIndex(onOrBefore: start) else { throw .optimization("\(h.assetId): no price at \(start)") }
            var last = h.observations[..<(index + 1)].last { $0.close != nil }?.close
            var series: [Double] = []
            series.reserveCapacity(days + 1)
            for offset in 0...days {
                let day = start.adding(days: offset)
                while index + 1 < h.observations.count, h.observations[index + 1].day <= day {
                    index += 1
                    if let c = h.observations[index].close { last = c }
                }
                guard let price = last, price > 0 else { throw .optimization("\(h.assetId): no price at \(day)") }
                series.append(price)
            }
            closes.append(series)
        }
        return (1...days).map { t in closes.map { log($0[t] / $0[t - 1]) } }
    }
}
