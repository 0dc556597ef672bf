import ChainModel
import Foundation

/// How the plan's transactions reach the module.
public enum RebalanceRoute: Sendable, Hashable {
    /// The manager calls `AuctionRebalanceModuleV1` directly.
    case module
    /// The operator calls an `AuctionRebalanceExtension` at this address (auction-module §5.1).
    case extensionContract(Address)
}

/// Which price adapter a component's auction uses and how its curve is derived from the fair price.
/// Basis points (1 bp = 0.01 %) are of the fair price.
public struct CurvePolicy: Sendable, Hashable {
    /// The adapter family.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `ConstantPriceAdapter` at the fair price.
        case constant
        /// `BoundedStepwiseLinearPriceAdapter`: slope `stepBps` of fair per bucket.
        case linear
        /// `BoundedStepwiseExponentialPriceAdapter`: `scalingBps` of fair × (e^(tc·bucket) − 1).
        case exponential
        /// `BoundedStepwiseLogarithmicPriceAdapter`: `scalingBps` of fair × ln(1 + tc·bucket).
        case logarithmic
    }
    /// The adapter family.
    public var kind: Kind
    /// Start this far from fair (sells above, buys below).
    public var startPremiumBps: UInt64
    /// Floor below fair for sells, ceiling above fair for buys.
    public var limitBps: UInt64
    /// Linear: the price step per bucket.
    public var stepBps: UInt64
    /// Exponential and logarithmic: the scaling factor.
    public var scalingBps: UInt64
    /// Exponential and logarithmic: the time coefficient, 1e18-scaled.
    public var timeCoefficient: UInt256
    /// Seconds per price step.
    public var stepSeconds: UInt64

    /// Creates a curve policy.
    public init(kind: Kind, startPremiumBps: UInt64, limitBps: UInt64, stepBps: UInt64, scalingBps: UInt64,
                timeCoefficient: UInt256, stepSeconds: UInt64) {
        self.kind = kind; self.startPremiumBps = startPremiumBps; self.limitBps = limitBps; self.stepBps = stepBps
        self.scalingBps = scalingBps; self.timeCoefficient = timeCoefficient; self.stepSeconds = stepSeconds
    }
}

/// The policy of one rebalance (format `rebalancer/policy@1`, YAML or JSON); `examples/README.md`
/// documents every key.
public struct RebalancePolicy: Sendable, Hashable {
    /// The format tag this version writes and accepts.
    public static let format = "rebalancer/policy@1"

    /// The `AuctionRebalanceModuleV1` address.
    public var module: Address
    /// `_quoteAsset`.
    public var quoteAsset: Address
    /// `_rebalanceDuration` in seconds.
    public var durationSeconds: UInt64
    /// `_shouldLockSetToken`.
    public var lockSetToken: Bool
    /// `setRaiseTargetPercentage` value (1e18 = 100 %), or nil to leave the on-chain value.
    public var raiseTargetPercentage: UInt256?
    /// Trades whose total notional is below this many quote base units keep the current unit.
    public var minimumTradeQuote: DecimalText
    /// Module or manager-extension route.
    public var route: RebalanceRoute
    /// Addresses to allow as bidders (`setBidderStatus(…, true)`).
    public var bidders: [Address]
    /// `setAnyoneBid`, or nil to leave it.
    public var anyoneCanBid: Bool?
    /// The curve every traded component uses unless overridden.
    public var defaultCurve: CurvePolicy
    /// Per-component curve overrides.
    public var componentCurves: [Address: CurvePolicy]
    /// Time steps of the curves summary in the plan.
    public var scheduleSteps: Int

    /// Creates a policy.
    public init(module: Address, quoteAsset: Address, durationSeconds: UInt64, lockSetToken: Bool, raiseTargetPercentage: UInt256?,
                minimumTradeQuote: DecimalText, route: RebalanceRoute, bidders: [Address], anyoneCanBid: Bool?,
                defaultCurve: CurvePolicy, componentCurves: [Address: CurvePolicy], scheduleSteps: Int) {
        self.module = module; self.quoteAsset = quoteAsset; self.durationSeconds = durationSeconds
        self.lockSetToken = lockSetToken; self.raiseTargetPercentage = raiseTargetPercentage
        self.minimumTradeQuote = minimumTradeQuote; self.route = route; self.bidders = bidders
        self.anyoneCanBid = anyoneCanBid; self.defaultCurve = defaultCurve; self.componentCurves = componentCurves
        self.scheduleSteps = scheduleSteps
    }

    /// The curve of `component`.
    public func curve(for component: Address) -> CurvePolicy { componentCurves[component] ?? defaultCurve }

    /// Parses a policy file: YAML when `yaml` is true (Yams), else JSON.
    /// - Throws: `InputFileError` naming the file, the JSON path and the rule.
    public static func parse(_ data: Data, file: String, yaml: Bool) throws(InputFileError) -> RebalancePolicy {
        let root = try InputNode.document(data, file: file, yaml: yaml)
        try root.allowOnly(["format", "module", "quote_asset", "duration_seconds", "lock_set_token", "raise_target_percentage",
                            "minimum_trade_quote", "route", "extension", "bidders", "anyone_can_bid", "curve", "components",
                            "schedule_steps"])
        let format = try root.field("format")
        guard try format.string() == Self.format else { throw format.fail("expected \(Self.format)") }
        let duration = try root.field("duration_seconds").integer(in: 1...Int64(365 * 86_400))
        var raise: UInt256?
        let raiseNode = try root.field("raise_target_percentage")
        if !raiseNode.isNull {
            guard let wad = try raiseNode.decimal().scaled(byPowerOf10: 18, rounding: .down),
                  wad <= UInt256(1_000_000_000_000_000_000) else {
                throw raiseNode.fail("must be a fraction in [0, 1] (e.g. \"0.0025\" for 0.25 %)")
            }
            raise = wad
        }
        let routeNode = try root.field("route")
        let extensionNode = try root.field("extension")
        let route: RebalanceRoute
        switch try routeNode.string() {
        case "module":
            if !extensionNode.isNull { throw extensionNode.fail("only allowed with route: extension") }
            route = .module
        case "extension":
            if extensionNode.isNull { throw extensionNode.fail("required with route: extension (the AuctionRebalanceExtension address)") }
            route = .extensionContract(try extensionNode.address())
        default:
            throw routeNode.fail("expected module or extension")
        }
        var bidders: [Address] = []
        let biddersNode = try root.field("bidders")
        if !biddersNode.isNull {
            for n in try biddersNode.array(limit: 1_000) {
                let a = try n.address()
                if bidders.contains(a) { throw n.fail("bidder listed twice") }
                bidders.append(a)
            }
        }
        let anyoneNode = try root.field("anyone_can_bid")
        let steps = try root.field("schedule_steps")
        let defaultCurve = try parseCurve(try root.field("curve"), base: nil)
        var overrides: [Address: CurvePolicy] = [:]
        let componentsNode = try root.field("components")
        if !componentsNode.isNull {
            for key in try componentsNode.object().keys.sorted() {
                let node = try componentsNode.field(key)
                let address: Address
                do { address = try Address(key) } catch { throw node.fail("key is not an address: \(error)", value: key) }
                overrides[address] = try parseCurve(node, base: defaultCurve)
            }
        }
        let policy = RebalancePolicy(
            module: try root.field("module").address(), quoteAsset: try root.field("quote_asset").address(),
            durationSeconds: UInt64(duration), lockSetToken: try root.field("lock_set_token").bool(), raiseTargetPercentage: raise,
            minimumTradeQuote: try root.field("minimum_trade_quote").decimal(), route: route, bidders: bidders,
            anyoneCanBid: anyoneNode.isNull ? nil : try anyoneNode.bool(), defaultCurve: defaultCurve,
            componentCurves: overrides, scheduleSteps: steps.isNull ? 24 : Int(try steps.integer(in: 1...10_000)))
        if Int64(policy.scheduleSteps) > duration {
            throw steps.fail("must be ≤ duration_seconds (\(duration))")
        }
        return policy
    }

    /// A curve from `node`; keys absent from an override come from `base`.
    private static func parseCurve(_ node: InputNode, base: CurvePolicy?) throws(InputFileError) -> CurvePolicy {
        try node.allowOnly(["adapter", "start_premium_bps", "limit_bps", "step_bps", "scaling_bps", "time_coefficient", "step_seconds"])
        func bps(_ key: String, _ fallback: UInt64?, max: Int64) throws(InputFileError) -> UInt64 {
            let f = try node.field(key)
            if f.isNull, let fallback { return fallback }
            return UInt64(try f.integer(in: 0...max))
        }
        let adapterNode = try node.field("adapter")
        let kind: CurvePolicy.Kind
        if adapterNode.isNull, let base { kind = base.kind } else {
            guard let k = CurvePolicy.Kind(rawValue: try adapterNode.string()) else {
                throw adapterNode.fail("expected one of \(CurvePolicy.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kind = k
        }
        let needsShape = kind != .constant
        func shaped(_ key: String, _ fallback: UInt64?, max: Int64, needed: Bool) throws(InputFileError) -> UInt64 {
            let f = try node.field(key)
            if f.isNull && fallback == nil {
                if needed { throw f.fail("required for adapter \(kind.rawValue)") }
                return 0
            }
            return try bps(key, fallback, max: max)
        }
        let tcNode = try node.field("time_coefficient")
        var tc = base?.timeCoefficient ?? .zero
        if !tcNode.isNull {
            guard let v = try tcNode.decimal().scaled(byPowerOf10: 18, rounding: .down), !v.isZero else {
                throw tcNode.fail("must be a positive decimal (1e18-scaled on chain; at least 0.000000000000000001)")
            }
            tc = v
        } else if tc.isZero && (kind == .exponential || kind == .logarithmic) {
            throw tcNode.fail("required for adapter \(kind.rawValue)")
        }
        let curve = CurvePolicy(
            kind: kind,
            startPremiumBps: try shaped("start_premium_bps", base?.startPremiumBps, max: 9_999, needed: needsShape),
            limitBps: try shaped("limit_bps", base?.limitBps, max: 9_999, needed: needsShape),
            stepBps: try shaped("step_bps", base?.stepBps, max: 10_000, needed: kind == .linear),
            scalingBps: try shaped("scaling_bps", base?.scalingBps, max: 1_000_000, needed: kind == .exponential || kind == .logarithmic),
            timeCoefficient: tc,
            stepSeconds: try shaped("step_seconds", base?.stepSeconds, max: 365 * 86_400, needed: needsShape))
        if needsShape && curve.stepSeconds == 0 { throw try node.field("step_seconds").fail("must be > 0") }
        if kind == .linear && curve.stepBps == 0 { throw try node.field("step_bps").fail("must be > 0") }
        if (kind == .exponential || kind == .logarithmic) && curve.scalingBps == 0 {
            throw try node.field("scaling_bps").fail("must be > 0")
        }
        return curve
    }
}
