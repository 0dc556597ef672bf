import ChainModel

/// An index methodology: which assets are eligible, how many are selected, how they are weighted
/// and constrained, in which sleeves, and on which calendar. Parsed from a YAML file by
/// ``Methodology/parse(_:file:)``; see `examples/methodology/` for complete files.
public struct Methodology: Equatable, Sendable {
    /// Display name of the index.
    public var name: String
    /// Keccak-256 of the methodology file's bytes (provenance in the weights file).
    public var hash: Bytes32
    /// Top-level rules (the single sleeve, or the defaults every sleeve inherits).
    public var rules: SleeveRules
    /// Sleeves with fixed budgets; empty for a single-sleeve index.
    public var sleeves: [Sleeve]
    /// When the index rebalances, if it says so.
    public var calendar: RebalanceCalendar?
    /// Quantitative rebalance triggers (`triggers:`), if any.
    public var triggers: TriggerSet? = nil
    /// The chain whose addresses the weights file reports (`eligibility.chain`, else `ethereum`).
    public var chain: String { rules.eligibility.chain ?? "ethereum" }

    /// The sleeves to weight: the declared ones, or one implicit sleeve `index` with budget 1.
    public var effectiveSleeves: [Sleeve] {
        sleeves.isEmpty ? [Sleeve(name: "index", budget: 1, rules: rules)] : sleeves
    }
}

/// A part of the index with its own budget and rules; assets join a sleeve by their
/// metadata `sleeve` field. Weights inside a sleeve sum to 1 and are then scaled by the budget,
/// so a sleeve's cap and floor are fractions of the sleeve.
public struct Sleeve: Equatable, Sendable {
    /// The sleeve name assets refer to.
    public var name: String
    /// Fraction of the index (budgets sum to 1).
    public var budget: Double
    /// The rules applied inside the sleeve.
    public var rules: SleeveRules
}

/// Universe, eligibility, selection, inputs, weighting and constraints of one sleeve.
public struct SleeveRules: Equatable, Sendable {
    /// Which assets are considered at all.
    public var universe = Universe()
    /// Filters applied to the universe, each reported when it excludes an asset.
    public var eligibility = Eligibility()
    /// Top-N selection with an optional rank buffer.
    public var selection: Selection?
    /// Moving-average window of the market-cap input.
    public var movingAverageDays = 1
    /// How scores or weights are computed.
    public var weighting = Weighting.marketCap
    /// Parameters of the optimizer methods.
    public var optimization = OptimizationSettings()
    /// Caps, floors and counts.
    public var constraints = Constraints()
}

/// Which assets a sleeve starts from.
public struct Universe: Equatable, Sendable {
    /// Allowed kinds; empty = all.
    public var kinds: Set<AssetMetadata.Kind> = []
    /// Explicit asset ids; empty = every asset with data.
    public var assets: [String] = []
}

/// Eligibility filters (each nil when not used).
public struct Eligibility: Equatable, Sendable {
    /// The asset must be in at least one of these categories.
    public var categories: [String] = []
    /// The asset must have an address on this chain.
    public var chain: String?
    /// Minimum (moving-average) market cap in USD.
    public var minMarketCapUSD: Double?
    /// Minimum days since first seen (metadata `first_seen`, else the first market-cap point).
    public var minAgeDays: Int?
    /// Minimum number of days with a market cap.
    public var minHistoryDays: Int?
    /// Minimum market cap / fully diluted valuation.
    public var minMarketCapToFDV: Double?
    /// Minimum average daily USD volume over `volumeWindowDays`.
    public var minAverageVolumeUSD: Double?
    /// Window of the volume average, in days.
    public var volumeWindowDays = 30
    /// Asset ids excluded outright.
    public var exclude: [String] = []
}

/// Top-N selection by (moving-average) market cap, with an optional rank buffer: incumbents stay
/// while ranked ≤ `exitRank`, newcomers enter only when ranked ≤ `entryRank`.
public struct Selection: Equatable, Sendable {
    /// Number of constituents selected.
    public var top: Int
    /// Rank a newcomer needs to enter (≤ top).
    public var entryRank: Int
    /// Rank above which an incumbent leaves (≥ top).
    public var exitRank: Int
}

/// The weighting method.
public enum Weighting: Equatable, Sendable {
    /// `1/n`.
    case equal
    /// Proportional to (moving-average) market cap.
    case marketCap
    /// Proportional to its square root.
    case sqrtMarketCap
    /// Proportional to the given positive weights (assets without one are excluded).
    case custom([String: Double])
    /// Minimum variance `min wᵀΣw`.
    case minimumVolatility
    /// Maximum Sharpe ratio (Charnes–Cooper transform), falling back when no asset beats the risk-free rate.
    case maximumSharpe
    /// Maximum expected return with volatility ≤ the target (annualised).
    case targetVolatility(Double)

    /// Whether the method needs return statistics (an optimizer).
    public var isOptimizer: Bool {
        switch self {
        case .minimumVolatility, .maximumSharpe, .targetVolatility: return true
        default: return false
        }
    }

    /// The YAML name of the method.
    public var name: String {
        switch self {
        case .equal: return "equal"
        case .marketCap: return "market_cap"
        case .sqrtMarketCap: return "sqrt_market_cap"
        case .custom: return "custom"
        case .minimumVolatility: return "min_volatility"
        case .maximumSharpe: return "max_sharpe"
        case .targetVolatility: return "target_volatility"
        }
    }
}

/// Inputs of the optimizer methods.
public struct OptimizationSettings: Equatable, Sendable {
    /// Days of daily log returns used.
    public var lookbackDays = 365
    /// Periods per year (365 crypto, 252 equities).
    public var annualization = 365.0
    /// Annual risk-free rate (same units as the annualised mean return).
    public var riskFreeRate = 0.0
    /// Ledoit–Wolf shrinkage (`true`) or the sample covariance.
    public var ledoitWolf = true
    /// What max-Sharpe does when no asset's expected return exceeds the risk-free rate.
    public var fallback = SharpeFallback.minimumVolatility
}

/// The documented max-Sharpe fallback.
public enum SharpeFallback: String, Equatable, Sendable {
    /// Use the minimum-volatility portfolio.
    case minimumVolatility = "min_volatility"
    /// Use equal weights (within the bounds).
    case equal
}

/// Constraints of a sleeve (fractions of the sleeve).
public struct Constraints: Equatable, Sendable {
    /// What happens to names below the floor.
    public enum FloorMode: String, Equatable, Sendable {
        /// Remove them (smallest first, one at a time) and re-weight (`methodology.md` §1.3 D).
        case removal
        /// Raise them to the floor (`methodology.md` §1.3 C).
        case raise
    }
    /// Maximum number of constituents.
    public var maxConstituents: Int?
    /// Maximum weight.
    public var cap: Double?
    /// Minimum weight.
    public var floor: Double?
    /// Removal or raise.
    public var floorMode = FloorMode.removal
    /// Entry threshold for newcomers under removal (≥ floor); defaults to the floor.
    public var floorEntry: Double?
    /// Per-asset bounds `[lower, upper]` (fractions of the sleeve).
    public var bounds: [String: ClosedRange<Double>] = [:]
}
