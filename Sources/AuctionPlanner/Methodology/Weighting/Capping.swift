/// Weights from raw scores under caps and floors (`methodology.md` §1.3). All functions return
/// weights that sum to 1 within 1e-12 (the free names absorb the rounding residual), in input order.
public enum Capping {
    /// The result of a capping pass: weights plus which names a bound held.
    public struct Result: Equatable, Sendable {
        /// Final weights, in input order; they sum to 1 within 1e-12.
        public var weights: [Double]
        /// `true` where the weight sits at its cap.
        public var capped: [Bool]
        /// `true` where the weight was raised to its floor.
        public var raised: [Bool]
    }

    /// Algorithm A, iterative cap-and-redistribute (water-filling): caps the violators, spreads the
    /// remainder pro rata over the raw scores of the uncapped names, until nothing exceeds its cap.
    /// The fixed point is `w_i = min(cap_i, λ·s_i)` with `Σ w = 1`.
    /// - Throws: `invalidScore` for a score ≤ 0 or not finite; `capInfeasible` when `Σ cap_i < 1`.
    public static func iterativeCap(scores: [Double], caps: [Double]) throws(WeightingError) -> Result {
        try validate(scores)
        precondition(caps.count == scores.count, "one cap per score")
        let capSum = caps.reduce(0, +)
        guard capSum >= 1 - 1e-12 else { throw .capInfeasible(count: scores.count, capSum: capSum) }
        let n = scores.count
        var capped = [Bool](repeating: false, count: n)
        var weights = [Double](repeating: 0, count: n)
        let tolerance = 1e-15
        while true {
            var freeScore = 0.0, cappedWeight = 0.0
            for i in 0..<n {
                if capped[i] { cappedWeight += caps[i] } else { freeScore += scores[i] }
            }
            let remainder = 1 - cappedWeight
            var violated = false
            for i in 0..<n {
                weights[i] = capped[i] ? caps[i] : (freeScore > 0 ? remainder * scores[i] / freeScore : 0)
            }
            for i in 0..<n where !capped[i] && weights[i] > caps[i] + tolerance {
                capped[i] = true
                violated = true
            }
            if !violated { break }
        }
        absorbResidual(&weights, free: capped.map { !$0 })
        return Result(weights: weights, capped: capped, raised: [Bool](repeating: false, count: n))
    }

    /// Algorithm A with one cap for every name.
    /// - Throws: as ``iterativeCap(scores:caps:)``.
    public static func iterativeCap(scores: [Double], cap: Double) throws(WeightingError) -> Result {
        try iterativeCap(scores: scores, caps: [Double](repeating: cap, count: scores.count))
    }

    /// Algorithm C, box constraints (cap and floor by raising): `w_i = clip(λ·s_i, floor_i, cap_i)`,
    /// λ by bisection on the monotone `Σ clip(λ s_i, floor_i, cap_i) − 1`, then solved exactly on the free set.
    /// - Throws: `invalidScore`, `boundsCrossed`, `capInfeasible` (`Σ cap < 1`) or `floorInfeasible` (`Σ floor > 1`).
    public static func box(scores: [Double], floors: [Double], caps: [Double]) throws(WeightingError) -> Result {
        try validate(scores)
        let n = scores.count
        precondition(floors.count == n && caps.count == n, "one floor and one cap per score")
        for i in 0..<n where floors[i] > caps[i] { throw .boundsCrossed(assetIndex: i, lower: floors[i], upper: caps[i]) }
        let capSum = caps.reduce(0, +), floorSum = floors.reduce(0, +)
        guard capSum >= 1 - 1e-12 else { throw .capInfeasible(count: n, capSum: capSum) }
        guard floorSum <= 1 + 1e-12 else { throw .floorInfeasible(count: n, floorSum: floorSum) }
        func total(_ lambda: Double) -> Double {
            var s = 0.0
            for i in 0..<n { s += min(caps[i], max(floors[i], lambda * scores[i])) }
            return s
        }
        var lo = 0.0, hi = 1.0 / scores.min()!
        // Bounded: once every name sits at its cap the total is Σcap ≥ 1 − 1e-12.
        var doublings = 0
        while total(hi) < 1 - 1e-12, doublings < 2100 { hi *= 2; doublings += 1 }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if mid == lo || mid == hi { break }
            if total(mid) < 1 - 1e-15 { lo = mid } else { hi = mid }
        }
        let lambda = hi
        var weights = [Double](repeating: 0, count: n)
        var capped = [Bool](repeating: false, count: n), raised = capped
        for i in 0..<n {
            let raw = lambda * scores[i]
            if raw >= caps[i] { weights[i] = caps[i]; capped[i] = true }
            else if raw <= floors[i] { weights[i] = floors[i]; raised[i] = floors[i] > 0 }
            else { weights[i] = raw }
        }
        // Exact λ on the free set so the free names keep exact score proportions.
        var bound = 0.0, freeScore = 0.0
        for i in 0..<n {
            if capped[i] || raised[i] { bound += weights[i] } else { freeScore += scores[i] }
        }
        if freeScore > 0 {
            let exact = (1 - bound) / freeScore
            for i in 0..<n where !capped[i] && !raised[i] { weights[i] = exact * scores[i] }
        }
        absorbResidual(&weights, free: (0..<n).map { !capped[$0] && !raised[$0] })
        return Result(weights: weights, capped: capped, raised: raised)
    }

    /// Algorithm B, the DPI single-pass cap as coded in `index-rebalance-utils` (no re-check of
    /// redistributed names): capped names get `cap`, the others `a_j·(1 − C)/U`. Only for
    /// DPI-compatibility; it can leave a name above the cap.
    /// - Throws: `invalidScore`.
    public static func singlePassCap(scores: [Double], cap: Double) throws(WeightingError) -> [Double] {
        try validate(scores)
        let total = scores.reduce(0, +)
        let natural = scores.map { $0 / total }
        var cappedSum = 0.0, uncappedSum = 0.0
        for a in natural { if a > cap { cappedSum += cap } else { uncappedSum += a } }
        return natural.map { $0 > cap ? cap : $0 * (1 - cappedSum) / uncappedSum }
    }

    /// Algorithm D, floor by removal with hysteresis (DPI v0.5): weights by A under `caps`; while a
    /// member is below its threshold (`exitFloor` for incumbents, `entryFloor` for newcomers) the
    /// single smallest such member (ties: the later index) is removed and A is re-run.
    /// Returns the result over all names (removed names weigh 0) and the removal order.
    /// - Throws: as ``iterativeCap(scores:caps:)`` for the remaining set; `noConstituents` if all are removed.
    public static func floorByRemoval(scores: [Double], caps: [Double], exitFloor: Double, entryFloor: Double,
                                      incumbent: [Bool]) throws(WeightingError) -> (result: Result, removed: [Int]) {
        try validate(scores)
        let n = scores.count
        var members = Array(0..<n)
        var removed: [Int] = []
        while true {
            guard !members.isEmpty else { throw .noConstituents(sleeve: "") }
            let sub = try iterativeCap(scores: members.map { scores[$0] }, caps: members.map { caps[$0] })
            var worst: (position: Int, shortfall: Double)?
            for (p, i) in members.enumerated() {
                let threshold = incumbent[i] ? exitFloor : entryFloor
                let w = sub.weights[p]
                if w < threshold - 1e-15 {
                    if worst == nil || w <= sub.weights[worst!.position] { worst = (p, w) }
                }
            }
            if let worst {
                removed.append(members[worst.position])
                members.remove(at: worst.position)
                continue
            }
            var weights = [Double](repeating: 0, count: n)
            var capped = [Bool](repeating: false, count: n)
            for (p, i) in members.enumerated() {
                weights[i] = sub.weights[p]
                capped[i] = sub.capped[p]
            }
            return (Result(weights: weights, capped: capped, raised: [Bool](repeating: false, count: n)), removed)
        }
    }

    private static func validate(_ scores: [Double]) throws(WeightingError) {
        guard !scores.isEmpty else { throw .noConstituents(sleeve: "") }
        for (i, s) in scores.enumerated() where !(s > 0 && s.isFinite) { throw .invalidScore(assetIndex: i, value: s) }
    }

    /// Puts the floating-point residual `1 − Σw` on the largest free weight so Σw = 1 within an ulp.
    static func absorbResidual(_ weights: inout [Double], free: [Bool]) {
        var sum = 0.0, compensation = 0.0
        for w in weights {  // Kahan summation
            let y = w - compensation
            let t = sum + y
            compensation = (t - sum) - y
            sum = t
        }
        let residual = 1 - sum
        guard residual != 0, let target = weights.indices.filter({ free[$0] }).max(by: { weights[$0] < weights[$1] }) else { return }
        weights[target] += residual
    }
}
