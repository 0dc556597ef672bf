import Foundation

/// Evaluates a methodology's trigger rules on one day. The `signals` command, the backtest and the
/// keeper all call ``evaluate(methodology:data:asOf:currentWeights:stress:)`` so they agree.
///
/// Series: each asset's closes on a daily grid from its first close to the as-of day, carried
/// forward over gaps (volumes are not carried: a missing volume breaks a liquidity run). The basket
/// series is the daily-rebalanced portfolio of the constituents at the current weights (else the
/// target weights) over the days all of them have prices; its level starts at 1.
public enum TriggerEvaluation {
    /// How far past the last observation an as-of day may lie (closes are carried forward over the gap).
    public static let maximumDaysAfterData = 366

    /// Computes the target weights on `asOf` and evaluates every rule of `methodology.triggers`.
    /// `currentWeights` (the held basket: on-chain, or drifted in a backtest) feed basket metrics and
    /// `hhi_drift`; `stress` feeds the stress rules.
    /// - Throws: `TriggerEvaluationError` when there are no triggers, the as-of day lies far after the data,
    ///   weights fail, or a rule names an asset without data.
    public static func evaluate(methodology: Methodology, data: MarketData, asOf: Day, currentWeights: [String: Double]? = nil,
                                stress: StressInputs? = nil) throws(TriggerEvaluationError) -> TriggerReport {
        guard let triggers = methodology.triggers else { throw .noTriggers }
        guard let lastDay = data.lastDay, asOf.daysSinceEpoch - lastDay.daysSinceEpoch <= maximumDaysAfterData else {
            throw .asOfAfterData(asOf: asOf, lastDay: data.lastDay)
        }
        let report: WeightsReport
        do {
            report = try IndexWeights.compute(methodology: methodology, data: data, asOf: asOf, incumbents: Set((currentWeights ?? [:]).keys))
        } catch {
            throw .weighting(error)
        }
        var target: [String: Double] = [:]
        for row in report.constituents { target[row.assetId] = row.weight }
        return try evaluate(triggers: triggers, data: data, asOf: asOf, targetWeights: target, currentWeights: currentWeights, stress: stress)
    }

    /// Evaluates `triggers` with already-computed `targetWeights` (asset-scope rules run on their
    /// assets, else on every asset with a target weight).
    /// - Throws: `TriggerEvaluationError.missingAsset` when a rule names an asset without data,
    ///   `.asOfAfterData` when `asOf` lies more than ``maximumDaysAfterData`` days after the data.
    public static func evaluate(triggers: TriggerSet, data: MarketData, asOf: Day, targetWeights: [String: Double],
                                currentWeights: [String: Double]? = nil, stress: StressInputs? = nil) throws(TriggerEvaluationError) -> TriggerReport {
        guard let lastDay = data.lastDay, asOf.daysSinceEpoch - lastDay.daysSinceEpoch <= maximumDaysAfterData else {
            throw .asOfAfterData(asOf: asOf, lastDay: data.lastDay)
        }
        var cache: [String: PriceSeries] = [:]
        func series(_ id: String, rule: String) throws(TriggerEvaluationError) -> PriceSeries {
            if let s = cache[id] { return s }
            guard let h = data.histories[id], let s = PriceSeries(history: h, through: asOf) else {
                throw .missingAsset(rule: rule, assetId: id)
            }
            cache[id] = s
            return s
        }
        func annualization(_ id: String) -> Double { triggers.annualization(for: data.metadata[id]?.kind) }
        let constituents = targetWeights.keys.sorted()
        let basketWeights = (currentWeights?.isEmpty == false ? currentWeights! : targetWeights).filter { $0.value > 0 }
        var basket: PriceSeries?
        let context = Context(triggers: triggers, asOf: asOf, stress: stress, targetWeights: targetWeights, currentWeights: currentWeights)
        var outcomes: [TriggerOutcome] = []
        for rule in triggers.rules {
            switch rule.scope {
            case .asset:
                let ids = rule.assets.isEmpty ? constituents : rule.assets
                var averageVolatility: Double?
                if case let .volatilityRatio(window) = rule.metric {
                    var vols: [Double] = []
                    for id in constituents {
                        let v = try series(id, rule: rule.name).realizedVolatility(window: window, annualization: annualization(id))
                        if let v { vols.append(v) }
                    }
                    averageVolatility = vols.isEmpty ? nil : RiskMetrics.mean(vols)
                }
                for id in ids {
                    let s = try series(id, rule: rule.name)
                    var benchmark: PriceSeries?
                    if case let .beta(b, _) = rule.metric { benchmark = try series(b, rule: rule.name) }
                    let m = context.measure(rule.metric, on: s, annualization: annualization(id), benchmark: benchmark,
                                            averageVolatility: averageVolatility)
                    outcomes.append(outcome(rule, assetId: id, m))
                }
            case .basket:
                var m: Measurement
                switch rule.metric {
                case .herfindahl:
                    m = .value(Concentration.herfindahl(basketWeights.values))
                case .herfindahlDrift:
                    if let current = currentWeights, !current.isEmpty {
                        m = .value(Concentration.herfindahl(current.values) - Concentration.herfindahl(targetWeights.values))
                    } else {
                        m = .unavailable("needs the current weights")
                    }
                case let .stablecoinDepeg(assets, peg):
                    var worst = 0.0
                    for id in assets {
                        let s = try series(id, rule: rule.name)
                        worst = max(worst, abs(s.closes[s.closes.count - 1] - peg) / peg)
                    }
                    m = .value(worst)
                case .fundingRateSpike, .governanceEvent:
                    m = context.measureStress(rule.metric)
                default:
                    if basket == nil {
                        var parts: [(PriceSeries, Double)] = []
                        for (id, w) in basketWeights.sorted(by: { $0.key < $1.key }) { parts.append((try series(id, rule: rule.name), w)) }
                        basket = PriceSeries(basketOf: parts)
                    }
                    var benchmark: PriceSeries?
                    if case let .beta(b, _) = rule.metric { benchmark = try series(b, rule: rule.name) }
                    m = basket.map { context.measure(rule.metric, on: $0, annualization: triggers.annualization, benchmark: benchmark,
                                                     averageVolatility: nil) }
                        ?? .unavailable("the basket has no constituent with prices")
                }
                outcomes.append(outcome(rule, assetId: nil, m))
            }
        }
        return TriggerReport(asOf: asOf, outcomes: outcomes, targetWeights: targetWeights)
    }

    private static func outcome(_ rule: TriggerRule, assetId: String?, _ m: Measurement) -> TriggerOutcome {
        var o = TriggerOutcome(rule: rule.name, metric: rule.metric.name, scope: rule.scope, assetId: assetId, value: nil,
                               condition: rule.condition, fired: false, action: rule.action, weightAdjustment: nil, note: nil)
        switch m {
        case let .value(v):
            o.value = v
            o.fired = !v.isNaN && rule.condition.isMet(by: v)
        case let .event(v, happened):
            o.value = v
            o.fired = happened
        case let .unavailable(why):
            o.note = why
        }
        if o.fired, case let .adjustWeight(scale, maximum) = rule.action, let v = o.value {
            o.weightAdjustment = min(maximum, max(-maximum, scale * rule.condition.excess(v)))
        }
        return o
    }

}

extension TriggerEvaluation {
    /// The trigger hook for ``Backtest/run(methodology:data:from:to:calendar:costModel:baseLevel:annualization:trigger:progress:)``:
    /// on each day it evaluates the methodology's triggers with the held (drifted) weights and, when a
    /// rebalance is due, returns the target weights with the fired adjustments applied
    /// (``TriggerReport/adjustedWeights``). `log`, when given, receives every report that asked for a rebalance.
    /// The hook throws `WeightingError` when weights fail or (as `.optimization`) when a rule names an asset without data.
    public static func backtestTrigger(methodology: Methodology, data: MarketData, stress: StressInputs? = nil,
                                       log: ((TriggerReport) -> Void)? = nil)
        -> (Day, [String: Double]) throws(WeightingError) -> [String: Double]? {
        return { (day: Day, held: [String: Double]) throws(WeightingError) -> [String: Double]? in
            let report: TriggerReport
            do throws(TriggerEvaluationError) {
                report = try evaluate(methodology: methodology, data: data, asOf: day, currentWeights: held, stress: stress)
            } catch {
                switch error {
                case let .weighting(e): throw e
                default: throw .optimization("triggers on \(day): \(error)")
                }
            }
            guard report.rebalanceDue else { return nil }
            log?(report)
            return report.adjustedWeights
        }
    }
}
