/// The result of one rule on one subject (an asset, or the basket).
public struct TriggerOutcome: Equatable, Sendable {
    /// The rule's name.
    public var rule: String
    /// The metric's YAML name.
    public var metric: String
    /// Asset or basket.
    public var scope: TriggerRule.Scope
    /// The asset for asset-scope rules; nil for the basket.
    public var assetId: String?
    /// The measured value on the as-of day; nil when it could not be evaluated (see `note`).
    public var value: Double?
    /// The rule's condition (its threshold).
    public var condition: TriggerCondition
    /// Whether the rule fired.
    public var fired: Bool
    /// The rule's action.
    public var action: TriggerAction
    /// For a fired `adjust_weight` rule: the relative weight change (−0.2 = cut the weight by 20 %).
    public var weightAdjustment: Double?
    /// Why the rule could not be evaluated (too little history, no stress file, no current weights).
    public var note: String?
}

/// Every rule's outcome on the as-of day and what they imply together.
public struct TriggerReport: Equatable, Sendable {
    /// The evaluation day.
    public var asOf: Day
    /// One outcome per rule and subject, in rule order (assets sorted by id within a rule).
    public var outcomes: [TriggerOutcome]
    /// The methodology's target weights on the as-of day.
    public var targetWeights: [String: Double]

    /// Whether a fired rule asks for a rebalance (`rebalance` or `adjust_weight`).
    public var rebalanceDue: Bool { outcomes.contains { $0.fired && $0.action != .flag } }

    /// Whether a fired rule flags for review.
    public var flagged: Bool { outcomes.contains { $0.fired && $0.action == .flag } }

    /// The combined relative adjustment per asset: `Π(1 + aᵢ) − 1` over the asset's fired `adjust_weight` rules.
    public var weightAdjustments: [String: Double] {
        var factor: [String: Double] = [:]
        for o in outcomes {
            guard let a = o.weightAdjustment, let id = o.assetId else { continue }
            factor[id, default: 1] *= 1 + a
        }
        return factor.mapValues { $0 - 1 }
    }

    /// The target weights with the adjustments applied and renormalised to sum to 1
    /// (the target weights themselves when nothing adjusts them).
    public var adjustedWeights: [String: Double] {
        let adjustments = weightAdjustments
        guard !adjustments.isEmpty else { return targetWeights }
        var w = targetWeights
        for (id, a) in adjustments where w[id] != nil { w[id]! *= 1 + a }
        let total = w.values.reduce(0, +)
        guard total > 0 else { return targetWeights }
        return w.mapValues { $0 / total }
    }
}

/// Why triggers could not be evaluated.
public enum TriggerEvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The methodology has no `triggers:` section.
    case noTriggers
    /// The target weights could not be computed.
    case weighting(WeightingError)
    /// A rule names an asset (asset list, benchmark, stablecoin) without price data up to the as-of day.
    case missingAsset(rule: String, assetId: String)
    /// The as-of day is more than ``TriggerEvaluation/maximumDaysAfterData`` days after the last observation
    /// (or there is no observation at all): prices would be carried forward over the whole gap.
    case asOfAfterData(asOf: Day, lastDay: Day?)

    /// One line naming the problem.
    public var description: String {
        switch self {
        case .noTriggers: return "the methodology has no 'triggers' section"
        case let .weighting(e): return "target weights: \(e)"
        case let .missingAsset(rule, id): return "rule '\(rule)': asset '\(id)' has no price on or before the as-of day"
        case let .asOfAfterData(asOf, lastDay):
            guard let lastDay else { return "as-of \(asOf): the market data holds no observation" }
            return "as-of \(asOf) is more than \(TriggerEvaluation.maximumDaysAfterData) days after the last observation (\(lastDay))"
        }
    }
}
