/// Why weights could not be computed: every case names the rule and the numbers that break it.
public indirect enum WeightingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No asset is left to weight (in the named sleeve).
    case noConstituents(sleeve: String)
    /// A score is negative, zero or not finite.
    case invalidScore(assetIndex: Int, value: Double)
    /// `Σ cap_i < 1`: the caps cannot hold a full portfolio (e.g. 3 assets with a 30 % cap).
    case capInfeasible(count: Int, capSum: Double)
    /// `Σ floor_i > 1`: the floors alone exceed the portfolio.
    case floorInfeasible(count: Int, floorSum: Double)
    /// A lower bound is above the upper bound for an asset.
    case boundsCrossed(assetIndex: Int, lower: Double, upper: Double)
    /// Removing the names below the floor would leave caps summing to less than 1.
    case floorRemovalInfeasible(sleeve: String, remaining: Int, capSum: Double)
    /// A failure inside the named sleeve of a multi-sleeve index.
    case inSleeve(String, WeightingError)
    /// An optimizer did not converge or its problem is ill-posed; says why.
    case optimization(String)

    /// One line naming the rule and the numbers.
    public var description: String {
        switch self {
        case let .noConstituents(sleeve):
            return "sleeve '\(sleeve)': no eligible constituent left to weight"
        case let .invalidScore(i, v):
            return "score of asset #\(i) is \(v): scores must be positive and finite"
        case let .capInfeasible(n, sum):
            return "constraints.cap: \(n) constituents with caps summing to \(sum) < 1: weights cannot sum to 1 (need n·cap ≥ 1)"
        case let .floorInfeasible(n, sum):
            return "constraints.floor: \(n) constituents with floors summing to \(sum) > 1: weights cannot sum to 1 (need n·floor ≤ 1)"
        case let .boundsCrossed(i, lo, hi):
            return "asset #\(i): lower bound \(lo) is above upper bound \(hi)"
        case let .floorRemovalInfeasible(sleeve, remaining, sum):
            return "sleeve '\(sleeve)': removing names below the floor would leave \(remaining) with caps summing to \(sum) < 1 (lower the floor or raise the cap)"
        case let .inSleeve(name, inner):
            return "sleeve '\(name)': \(inner)"
        case let .optimization(why):
            return "optimization failed: \(why)"
        }
    }
}
