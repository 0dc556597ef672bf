extension TriggerSet {
    /// Parses the methodology's `triggers:` mapping. Every key is checked: unknown keys, parameters
    /// a metric does not take, a missing or extra condition, scopes a metric cannot have and values
    /// out of range are errors naming line, key and rule.
    /// ```yaml
    /// triggers:
    ///   annualization: 365        # periods per year, or { token: 365, equity: 252 } by asset kind
    ///   warmup_multiple: 3        # history needed before an indicator is used, × its longest period
    ///   rules:
    ///     - { name: rsi_hot, metric: rsi, period: 14, above: 70, action: flag }
    ///     - { name: basket_dd, scope: basket, metric: drawdown, below: -0.25, action: rebalance }
    ///     - { name: atr, metric: atr_surge, period: 14, lag: 5, above: 1.5,
    ///         action: { adjust_weight: { scale: -0.5, max: 0.5 } } }
    ///     - { name: beta_band, metric: beta, benchmark: bitcoin, window: 90, outside: [0.8, 1.2], action: flag }
    /// ```
    static func parse(_ node: StrictYAML) throws(InputFileError) -> TriggerSet {
        let top = try node.fields(allowed: ["annualization", "warmup_multiple", "rules"])
        var set = TriggerSet(rules: [])
        if let a = top["annualization"] {
            func periods(_ node: StrictYAML) throws(InputFileError) -> Double {
                let v = try node.double()
                guard v > 0, v <= 100_000 else { throw node.error("annualization must be in (0, 100000]") }
                return v
            }
            if a.node.scalar != nil {
                set.annualization = try periods(a)
            } else {
                let g = try a.fields(allowed: ["token", "equity"])
                if let t = g["token"] { set.annualization = try periods(t) }
                set.equityAnnualization = try g["equity"].map { node throws(InputFileError) in try periods(node) }
            }
        }
        if let w = top["warmup_multiple"] { set.warmupMultiple = try integer(w, 1...100) }
        guard let list = top["rules"] else { throw node.error("missing key 'rules'") }
        let items = try list.sequence()
        guard !items.isEmpty else { throw list.error("rules must not be empty") }
        var names = Set<String>()
        for item in items {
            let rule = try parseRule(item)
            guard names.insert(rule.name).inserted else { throw item.error("duplicate rule name", value: rule.name) }
            set.rules.append(rule)
        }
        return set
    }

    private static let common: Set<String> = ["name", "scope", "assets", "metric", "above", "below", "outside", "action"]

    /// Parameters each metric takes (beyond the common keys).
    private static let parameters: [String: Set<String>] = [
        "ema_cross_down": ["fast", "slow"], "rsi": ["period"],
        "macd_divergence": ["fast", "slow", "signal", "window", "direction"],
        "bollinger_percent_b": ["period", "deviations"], "atr_surge": ["period", "lag"],
        "momentum_acceleration": ["period", "lag"], "roc": ["period"],
        "realized_volatility": ["window"], "volatility_ratio": ["window"],
        "liquidity_breach": ["window", "min_volume_usd"],
        "var": ["method", "confidence", "window"], "cvar": ["method", "confidence", "window"],
        "sharpe": ["window"], "sortino": ["window"], "sharpe_change": ["window"], "sortino_change": ["window"],
        "beta": ["benchmark", "window"], "drawdown": ["window"], "max_drawdown": ["window"],
        "hhi": [], "hhi_drift": [], "funding_rate_spike": ["days"], "stablecoin_depeg": ["peg"],
        "governance_event": ["days"],
    ]
    private static let assetOnly: Set<String> = ["volatility_ratio", "liquidity_breach"]
    private static let basketOnly: Set<String> = ["hhi", "hhi_drift", "funding_rate_spike", "stablecoin_depeg", "governance_event"]

    private static func parseRule(_ item: StrictYAML) throws(InputFileError) -> TriggerRule {
        guard let metricNode = try item.fields(allowed: common.union(parameters.values.reduce(Set(), { $0.union($1) })))["metric"] else {
            throw item.error("missing key 'metric'")
        }
        let metricName = try metricNode.string()
        guard let own = parameters[metricName] else {
            throw metricNode.error("unknown metric (\(parameters.keys.sorted().joined(separator: ", ")))")
        }
        let f = try item.fields(allowed: common.union(own))
        guard let nameNode = f["name"] else { throw item.error("missing key 'name'") }
        let name = try nameNode.string()
        guard !name.isEmpty else { throw nameNode.error("name must not be empty") }

        var scope: TriggerRule.Scope = basketOnly.contains(metricName) ? .basket : .asset
        if let s = f["scope"] {
            guard let v = TriggerRule.Scope(rawValue: try s.string()) else { throw s.error("scope must be asset or basket") }
            scope = v
        }
        if scope == .basket, assetOnly.contains(metricName) { throw f["scope"]!.error("metric \(metricName) is per asset: scope must be asset") }
        if scope == .asset, basketOnly.contains(metricName) { throw f["scope"]!.error("metric \(metricName) is basket-wide: scope must be basket") }
        var assets: [String] = []
        if let a = f["assets"] {
            assets = try a.strings()
            guard !assets.isEmpty else { throw a.error("assets must not be empty") }
            guard scope == .asset || metricName == "stablecoin_depeg" else { throw a.error("assets is only used with scope asset") }
        }

        func int(_ key: String, _ def: Int?, _ range: ClosedRange<Int>) throws(InputFileError) -> Int {
            guard let node = f[key] else {
                guard let def else { throw item.error("metric \(metricName) needs key '\(key)'") }
                return def
            }
            return try integer(node, range)
        }
        func window(_ def: Int) throws(InputFileError) -> Int { try int("window", def, 2...100_000) }
        func optionalWindow() throws(InputFileError) -> Int? { f["window"] == nil ? nil : try int("window", nil, 1...100_000) }
        func tail() throws(InputFileError) -> (VaRMethod, Double, Int) {
            var method = VaRMethod.historical
            if let m = f["method"] {
                guard let v = VaRMethod(rawValue: try m.string()) else { throw m.error("method must be historical, gaussian or cornish_fisher") }
                method = v
            }
            var confidence = 0.95
            if let c = f["confidence"] {
                confidence = try c.double()
                guard confidence >= 0.5, confidence < 1 else { throw c.error("confidence must be in [0.5, 1)") }
            }
            return (method, confidence, try window(365))
        }

        let metric: TriggerMetric
        switch metricName {
        case "ema_cross_down":
            let fast = try int("fast", 12, 1...10_000), slow = try int("slow", 26, 2...10_000)
            guard fast < slow else { throw (f["fast"] ?? item).error("fast (\(fast)) must be below slow (\(slow))", value: "\(fast)") }
            metric = .emaCrossDown(fast: fast, slow: slow)
        case "rsi": metric = .rsi(period: try int("period", 14, 2...10_000))
        case "macd_divergence":
            let fast = try int("fast", 12, 1...10_000), slow = try int("slow", 26, 2...10_000)
            guard fast < slow else { throw (f["fast"] ?? item).error("fast (\(fast)) must be below slow (\(slow))", value: "\(fast)") }
            var bearish = true
            if let d = f["direction"] {
                switch try d.string() {
                case "bearish": bearish = true
                case "bullish": bearish = false
                default: throw d.error("direction must be bearish or bullish")
                }
            }
            metric = .macdDivergence(fast: fast, slow: slow, signal: try int("signal", 9, 1...10_000),
                                     window: try int("window", 20, 1...10_000), bearish: bearish)
        case "bollinger_percent_b":
            var k = 2.0
            if let d = f["deviations"] {
                k = try d.double()
                guard k > 0, k <= 100 else { throw d.error("deviations must be in (0, 100]") }
            }
            metric = .bollingerPercentB(period: try int("period", 20, 2...10_000), deviations: k)
        case "atr_surge": metric = .atrSurge(period: try int("period", 14, 1...10_000), lag: try int("lag", 5, 1...10_000))
        case "momentum_acceleration":
            metric = .momentumAcceleration(period: try int("period", 14, 1...10_000), lag: try int("lag", 5, 1...10_000))
        case "roc": metric = .rateOfChange(period: try int("period", 14, 1...10_000))
        case "realized_volatility": metric = .realizedVolatility(window: try window(30))
        case "volatility_ratio": metric = .volatilityRatio(window: try window(30))
        case "liquidity_breach":
            guard let m = f["min_volume_usd"] else { throw item.error("metric liquidity_breach needs key 'min_volume_usd'") }
            let minimum = try m.double()
            guard minimum > 0 else { throw m.error("min_volume_usd must be positive") }
            metric = .liquidityBreach(window: try int("window", 30, 1...100_000), minimumVolumeUSD: minimum)
        case "var": let (m, c, w) = try tail(); metric = .valueAtRisk(method: m, confidence: c, window: w)
        case "cvar": let (m, c, w) = try tail(); metric = .conditionalValueAtRisk(method: m, confidence: c, window: w)
        case "sharpe": metric = .sharpe(window: try window(90))
        case "sortino": metric = .sortino(window: try window(90))
        case "sharpe_change": metric = .sharpeChange(window: try window(90))
        case "sortino_change": metric = .sortinoChange(window: try window(90))
        case "beta":
            guard let b = f["benchmark"] else { throw item.error("metric beta needs key 'benchmark'") }
            metric = .beta(benchmark: try b.string(), window: try window(90))
        case "drawdown": metric = .drawdown(window: try optionalWindow())
        case "max_drawdown": metric = .maxDrawdown(window: try optionalWindow())
        case "hhi": metric = .herfindahl
        case "hhi_drift": metric = .herfindahlDrift
        case "funding_rate_spike": metric = .fundingRateSpike(days: try int("days", 1, 1...100_000))
        case "stablecoin_depeg":
            guard !assets.isEmpty else { throw item.error("metric stablecoin_depeg needs key 'assets'") }
            var peg = 1.0
            if let p = f["peg"] {
                peg = try p.double()
                guard peg > 0 else { throw p.error("peg must be positive") }
            }
            metric = .stablecoinDepeg(assets: assets, peg: peg)
            assets = []
        default: metric = .governanceEvent(days: try int("days", 7, 1...100_000))
        }

        let given = ["above", "below", "outside"].filter { f[$0] != nil }
        let condition: TriggerCondition
        if metric.isEvent {
            if let key = given.first { throw f[key]!.error("metric \(metricName) is an event: it takes no threshold") }
            condition = .event
        } else {
            guard given.count == 1 else {
                throw given.count > 1 ? f[given[1]]!.error("give one of above, below, outside") : item.error("missing a threshold: give one of above, below, outside")
            }
            switch given[0] {
            case "above": condition = .above(try f["above"]!.double())
            case "below": condition = .below(try f["below"]!.double())
            default:
                let node = f["outside"]!
                let pair = try node.sequence()
                guard pair.count == 2 else { throw node.error("outside is [lower, upper]") }
                let lo = try pair[0].double(), hi = try pair[1].double()
                guard lo < hi else { throw node.error("outside needs lower < upper", value: "[\(lo), \(hi)]") }
                condition = .outside(lo, hi)
            }
        }

        guard let actionNode = f["action"] else { throw item.error("missing key 'action'") }
        let action: TriggerAction
        if actionNode.node.scalar != nil {
            switch try actionNode.string() {
            case "flag": action = .flag
            case "rebalance": action = .rebalance
            default: throw actionNode.error("action must be flag, rebalance or { adjust_weight: { scale, max } }")
            }
        } else {
            let a = try actionNode.fields(allowed: ["adjust_weight"])
            guard let adjust = a["adjust_weight"] else { throw actionNode.error("action must be flag, rebalance or { adjust_weight: { scale, max } }") }
            let g = try adjust.fields(allowed: ["scale", "max"])
            guard let s = g["scale"] else { throw adjust.error("missing key 'scale'") }
            guard let m = g["max"] else { throw adjust.error("missing key 'max'") }
            let scale = try s.double(), maximum = try m.double()
            guard scale != 0 else { throw s.error("scale must not be 0") }
            guard maximum > 0, maximum <= 1 else { throw m.error("max must be in (0, 1]") }
            guard scope == .asset else { throw adjust.error("adjust_weight needs scope asset") }
            action = .adjustWeight(scale: scale, maximum: maximum)
        }
        return TriggerRule(name: name, scope: scope, assets: assets, metric: metric, condition: condition, action: action)
    }

    private static func integer(_ node: StrictYAML, _ range: ClosedRange<Int>) throws(InputFileError) -> Int {
        let v = try node.int()
        guard range.contains(v) else { throw node.error("must be an integer between \(range.lowerBound) and \(range.upperBound)") }
        return v
    }
}
