import ChainModel

extension Methodology {
    /// Parses a methodology YAML file. Every key is checked: unknown keys, wrong types, values out
    /// of range and impossible constraints (`max_constituents · cap < 1`, `max_constituents · floor > 1`
    /// when raising, floor ≥ cap, budgets not summing to 1) are errors naming line, key and rule.
    /// Layout (all sections optional except `weighting`; sleeves override top-level sections):
    /// ```yaml
    /// name: icAI
    /// universe:    { kinds: [token], assets: [...] }
    /// eligibility: { categories: [...], chain: ethereum, min_market_cap_usd: 5e7, min_age_days: 90,
    ///                min_history_days: 30, min_mc_fdv_ratio: 0.2, min_avg_volume_usd: 1e6,
    ///                volume_window_days: 30, exclude: [...] }
    /// selection:   { top: 10, entry_rank: 8, exit_rank: 12 }
    /// inputs:      { moving_average_days: 30 }
    /// weighting:   { method: sqrt_market_cap }   # equal | market_cap | sqrt_market_cap | custom |
    ///                                           # min_volatility | max_sharpe | target_volatility
    ///              # custom: { weights: {id: w} }; optimizers: lookback_days, annualization,
    ///              # risk_free_rate, covariance (ledoit_wolf | sample), fallback, target_volatility
    /// constraints: { max_constituents: 10, cap: 0.25, floor: 0.05, floor_mode: removal, floor_entry: 0.06,
    ///                bounds: { id: [0.0, 0.3] } }
    /// sleeves:     [ { name: tokens, budget: 0.5, weighting: {...}, ... } ]
    /// calendar:    { frequency: quarterly, day: first_weekday, time_utc: "00:00",
    ///                snapshot_offset_days: 5, auction_duration_hours: 24, dates: [...] }
    /// triggers:    { annualization: 365, warmup_multiple: 3, rules: [...] }   # see TriggerSet.parse
    /// ```
    /// - Throws: `InputFileError` for the first problem found.
    public static func parse(_ text: String, file: String) throws(InputFileError) -> Methodology {
        let root = try StrictYAML.root(text, file: file)
        let sectionKeys: Set<String> = ["universe", "eligibility", "selection", "inputs", "weighting", "constraints"]
        let top = try root.fields(allowed: sectionKeys.union(["name", "sleeves", "calendar", "triggers"]))
        guard let nameNode = top["name"] else { throw root.error("missing key 'name'") }
        let name = try nameNode.string()
        let rules = try parseRules(top, inheriting: SleeveRules(), context: root, requireWeighting: top["sleeves"] == nil)
        var sleeves: [Sleeve] = []
        if let list = top["sleeves"] {
            var names = Set<String>()
            var budgetSum = 0.0
            let items = try list.sequence()
            guard !items.isEmpty else { throw list.error("sleeves must not be empty") }
            for item in items {
                let f = try item.fields(allowed: sectionKeys.union(["name", "budget"]))
                guard let n = f["name"] else { throw item.error("missing key 'name'") }
                let sleeveName = try n.string()
                guard names.insert(sleeveName).inserted else { throw n.error("duplicate sleeve name") }
                guard let b = f["budget"] else { throw item.error("missing key 'budget'") }
                let budget = try b.double()
                guard budget > 0, budget <= 1 else { throw b.error("budget must be in (0, 1]") }
                budgetSum += budget
                let sleeveRules = try parseRules(f, inheriting: rules, context: item,
                                                 requireWeighting: top["weighting"] == nil)
                sleeves.append(Sleeve(name: sleeveName, budget: budget, rules: sleeveRules))
            }
            guard abs(budgetSum - 1) <= 1e-9 else {
                throw list.error("sleeve budgets sum to \(budgetSum), they must sum to 1", value: "\(budgetSum)")
            }
        }
        let calendar = try top["calendar"].map { node throws(InputFileError) in try parseCalendar(node) }
        let triggers = try top["triggers"].map { node throws(InputFileError) in try TriggerSet.parse(node) }
        return Methodology(name: name, hash: Keccak256.hash(Array(text.utf8)), rules: rules, sleeves: sleeves, calendar: calendar,
                           triggers: triggers)
    }

    private static func parseRules(_ f: [String: StrictYAML], inheriting base: SleeveRules, context: StrictYAML,
                                   requireWeighting: Bool) throws(InputFileError) -> SleeveRules {
        var r = base
        if let u = f["universe"] {
            let g = try u.fields(allowed: ["kinds", "assets"])
            r.universe = Universe()
            if let k = g["kinds"] {
                for item in try k.strings() {
                    guard let kind = AssetMetadata.Kind(rawValue: item) else { throw k.error("kinds must be token or equity", value: item) }
                    r.universe.kinds.insert(kind)
                }
            }
            r.universe.assets = try g["assets"]?.strings() ?? []
        }
        if let e = f["eligibility"] {
            let g = try e.fields(allowed: ["categories", "chain", "min_market_cap_usd", "min_age_days", "min_history_days",
                                           "min_mc_fdv_ratio", "min_avg_volume_usd", "volume_window_days", "exclude"])
            var el = Eligibility()
            el.categories = try g["categories"]?.strings() ?? []
            el.chain = try g["chain"]?.string()
            el.minMarketCapUSD = try nonNegative(g["min_market_cap_usd"])
            el.minAgeDays = try count(g["min_age_days"], minimum: 0)
            el.minHistoryDays = try count(g["min_history_days"], minimum: 0)
            el.minMarketCapToFDV = try fraction(g["min_mc_fdv_ratio"], allowZero: true)
            el.minAverageVolumeUSD = try nonNegative(g["min_avg_volume_usd"])
            el.volumeWindowDays = try count(g["volume_window_days"], minimum: 1) ?? 30
            el.exclude = try g["exclude"]?.strings() ?? []
            r.eligibility = el
        }
        if let s = f["selection"] {
            let g = try s.fields(allowed: ["top", "entry_rank", "exit_rank", "rank_by"])
            guard let topNode = g["top"] else { throw s.error("missing key 'top'") }
            let topN = try count(topNode, minimum: 1)!
            if let rb = g["rank_by"], try rb.string() != "market_cap" { throw rb.error("rank_by must be market_cap") }
            let entry = try count(g["entry_rank"], minimum: 1) ?? topN
            let exit = try count(g["exit_rank"], minimum: 1) ?? topN
            guard entry <= topN else { throw g["entry_rank"]!.error("entry_rank must be ≤ top (\(topN))") }
            guard exit >= topN else { throw g["exit_rank"]!.error("exit_rank must be ≥ top (\(topN))") }
            r.selection = Selection(top: topN, entryRank: entry, exitRank: exit)
        }
        if let i = f["inputs"] {
            let g = try i.fields(allowed: ["moving_average_days"])
            r.movingAverageDays = try count(g["moving_average_days"], minimum: 1) ?? 1
        }
        if let w = f["weighting"] {
            let g = try w.fields(allowed: ["method", "weights", "lookback_days", "annualization", "risk_free_rate",
                                           "covariance", "fallback", "target_volatility"])
            guard let m = g["method"] else { throw w.error("missing key 'method'") }
            let method = try m.string()
            var opt = OptimizationSettings()
            opt.lookbackDays = try count(g["lookback_days"], minimum: 2) ?? opt.lookbackDays
            if let a = g["annualization"] {
                opt.annualization = try a.double()
                guard opt.annualization > 0 else { throw a.error("annualization must be positive") }
            }
            opt.riskFreeRate = try g["risk_free_rate"]?.double() ?? 0
            if let c = g["covariance"] {
                switch try c.string() {
                case "ledoit_wolf": opt.ledoitWolf = true
                case "sample": opt.ledoitWolf = false
                default: throw c.error("covariance must be ledoit_wolf or sample")
                }
            }
            if let fb = g["fallback"] {
                guard let v = SharpeFallback(rawValue: try fb.string()) else { throw fb.error("fallback must be min_volatility or equal") }
                opt.fallback = v
            }
            let onlyFor: [(String, String)] = [("weights", "custom"), ("target_volatility", "target_volatility"),
                                               ("fallback", "max_sharpe"), ("risk_free_rate", "max_sharpe")]
            for (key, owner) in onlyFor where g[key] != nil && method != owner && !(key == "risk_free_rate" && method == "target_volatility") {
                throw g[key]!.error("only used by method \(owner), not \(method)")
            }
            switch method {
            case "equal": r.weighting = .equal
            case "market_cap": r.weighting = .marketCap
            case "sqrt_market_cap": r.weighting = .sqrtMarketCap
            case "min_volatility": r.weighting = .minimumVolatility
            case "max_sharpe": r.weighting = .maximumSharpe
            case "target_volatility":
                guard let t = g["target_volatility"] else { throw w.error("method target_volatility needs key 'target_volatility'") }
                let v = try t.double()
                guard v > 0 else { throw t.error("target_volatility must be positive") }
                r.weighting = .targetVolatility(v)
            case "custom":
                guard let ws = g["weights"] else { throw w.error("method custom needs key 'weights'") }
                var map: [String: Double] = [:]
                for (id, node) in try ws.mapping() {
                    let v = try node.double()
                    guard v > 0 else { throw node.error("custom weights must be positive") }
                    map[id] = v
                }
                guard !map.isEmpty else { throw ws.error("custom weights must not be empty") }
                r.weighting = .custom(map)
            default:
                throw m.error("unknown method (equal, market_cap, sqrt_market_cap, custom, min_volatility, max_sharpe, target_volatility)")
            }
            r.optimization = opt
        } else if requireWeighting {
            throw context.error("missing key 'weighting'")
        }
        if let c = f["constraints"] {
            let g = try c.fields(allowed: ["max_constituents", "cap", "floor", "floor_mode", "floor_entry", "bounds"])
            var k = Constraints()
            k.maxConstituents = try count(g["max_constituents"], minimum: 1)
            k.cap = try fraction(g["cap"], allowZero: false)
            k.floor = try fraction(g["floor"], allowZero: true)
            if let fm = g["floor_mode"] {
                guard let mode = Constraints.FloorMode(rawValue: try fm.string()) else { throw fm.error("floor_mode must be removal or raise") }
                k.floorMode = mode
            }
            k.floorEntry = try fraction(g["floor_entry"], allowZero: true)
            if let b = g["bounds"] {
                for (id, node) in try b.mapping() {
                    let pair = try node.sequence()
                    guard pair.count == 2 else { throw node.error("bounds are [lower, upper]") }
                    let lo = try pair[0].double(), hi = try pair[1].double()
                    guard lo >= 0, hi <= 1, lo <= hi else { throw node.error("bounds need 0 ≤ lower ≤ upper ≤ 1", value: "[\(lo), \(hi)]") }
                    k.bounds[id] = lo...hi
                }
            }
            if let cap = k.cap, let floor = k.floor, floor >= cap {
                throw g["floor"]!.error("floor must be below cap (\(cap))")
            }
            if let entry = k.floorEntry {
                guard k.floorMode == .removal, let floor = k.floor else { throw g["floor_entry"]!.error("floor_entry needs a floor with floor_mode removal") }
                guard entry >= floor else { throw g["floor_entry"]!.error("floor_entry must be ≥ floor (\(floor))") }
            }
            if let n = k.maxConstituents, let cap = k.cap, Double(n) * cap < 1 - 1e-12 {
                throw g["cap"]!.error("max_constituents × cap = \(n) × \(cap) = \(Double(n) * cap) < 1: weights cannot sum to 1")
            }
            if let n = k.maxConstituents, let floor = k.floor, k.floorMode == .raise, Double(n) * floor > 1 + 1e-12 {
                throw g["floor"]!.error("max_constituents × floor = \(n) × \(floor) = \(Double(n) * floor) > 1: floors alone exceed 100 %")
            }
            if let n = k.maxConstituents, let sel = r.selection, sel.top > n {
                throw g["max_constituents"]!.error("selection.top (\(sel.top)) exceeds max_constituents")
            }
            r.constraints = k
        }
        if let sel = r.selection, let cap = r.constraints.cap, Double(sel.top) * cap < 1 - 1e-12 {
            throw context.error("selection.top × constraints.cap = \(sel.top) × \(cap) < 1: weights cannot sum to 1", value: "\(sel.top)")
        }
        return r
    }

    private static func parseCalendar(_ node: StrictYAML) throws(InputFileError) -> RebalanceCalendar {
        let g = try node.fields(allowed: ["frequency", "day", "time_utc", "snapshot_offset_days", "auction_duration_hours", "dates"])
        guard let f = g["frequency"] else { throw node.error("missing key 'frequency'") }
        let frequency: RebalanceCalendar.Frequency
        switch try f.string() {
        case "monthly": frequency = .monthly
        case "quarterly": frequency = .quarterly
        case "explicit":
            guard let d = g["dates"] else { throw node.error("frequency explicit needs key 'dates'") }
            var days: [Day] = []
            for item in try d.sequence() { days.append(try item.day()) }
            guard !days.isEmpty else { throw d.error("dates must not be empty") }
            for i in days.indices.dropFirst() where days[i - 1] >= days[i] {
                throw d.error("dates must be strictly increasing", value: days[i].description)
            }
            frequency = .explicit(days)
        default:
            throw f.error("frequency must be monthly, quarterly or explicit")
        }
        if g["dates"] != nil, case .explicit = frequency {} else if let d = g["dates"] {
            throw d.error("dates are only used with frequency explicit")
        }
        var calendar = RebalanceCalendar(frequency: frequency)
        if let d = g["day"] {
            guard let rule = RebalanceCalendar.DayRule(rawValue: try d.string()) else { throw d.error("day must be first_weekday or first_day") }
            calendar.dayRule = rule
        }
        if let t = g["time_utc"] {
            let text = try t.string()
            let parts = text.split(separator: ":")
            guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
                  (0..<24).contains(h), (0..<60).contains(m) else { throw t.error("time_utc must be HH:MM") }
            calendar.startMinuteUTC = h * 60 + m
        }
        calendar.snapshotOffsetDays = try count(g["snapshot_offset_days"], minimum: 0) ?? 0
        calendar.auctionDurationHours = try count(g["auction_duration_hours"], minimum: 1) ?? 24
        return calendar
    }

    private static func nonNegative(_ node: StrictYAML?) throws(InputFileError) -> Double? {
        guard let node else { return nil }
        let v = try node.double()
        guard v >= 0 else { throw node.error("must not be negative") }
        return v
    }

    private static func fraction(_ node: StrictYAML?, allowZero: Bool) throws(InputFileError) -> Double? {
        guard let node else { return nil }
        let v = try node.double()
        guard allowZero ? (v >= 0 && v < 1) : (v > 0 && v <= 1) else {
            throw node.error(allowZero ? "must be a fraction in [0, 1)" : "must be a fraction in (0, 1]")
        }
        return v
    }

    private static func count(_ node: StrictYAML?, minimum: Int) throws(InputFileError) -> Int? {
        guard let node else { return nil }
        let v = try node.int()
        guard v >= minimum, v <= 1_000_000 else { throw node.error("must be an integer between \(minimum) and 1000000") }
        return v
    }
}
