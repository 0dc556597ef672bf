/// A long-only portfolio from an optimizer, with its statistics.
public struct OptimizedPortfolio: Equatable, Sendable {
    /// Weights in input order, within their bounds, summing to 1 within 1e-12.
    public var weights: [Double]
    /// `μᵀw` (annualised).
    public var expectedReturn: Double
    /// `√(wᵀΣw)` (annualised).
    public var volatility: Double
    /// What was solved: `min_volatility`, `max_sharpe`, `target_volatility`, or the fallback used
    /// (`max_sharpe→min_volatility`, `max_sharpe→equal`).
    public var method: String
    /// Active-set iterations (summed over the QPs solved).
    public var iterations: Int
}

/// Per-asset weight bounds shared by the optimizers.
public struct WeightBounds: Equatable, Sendable {
    /// Lower bounds (≥ 0).
    public var lower: [Double]
    /// Upper bounds (≤ 1).
    public var upper: [Double]

    /// Bounds `[lower_i, upper_i]`.
    public init(lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
    }

    /// Long-only bounds `[0, cap]` for `n` assets.
    public init(count n: Int, cap: Double = 1) {
        self.init(lower: [Double](repeating: 0, count: n), upper: [Double](repeating: cap, count: n))
    }

    /// Checks `0 ≤ lower ≤ upper ≤ 1`, `Σ lower ≤ 1 ≤ Σ upper`.
    /// - Throws: `boundsCrossed`, `capInfeasible` or `floorInfeasible`.
    func validate(count n: Int) throws(WeightingError) {
        guard lower.count == n, upper.count == n else { throw .optimization("one bound per asset needed") }
        for i in 0..<n where !(lower[i] >= 0 && lower[i] <= upper[i] && upper[i] <= 1) {
            throw .boundsCrossed(assetIndex: i, lower: lower[i], upper: upper[i])
        }
        let up = upper.reduce(0, +), lo = lower.reduce(0, +)
        guard up >= 1 - 1e-12 else { throw .capInfeasible(count: n, capSum: up) }
        guard lo <= 1 + 1e-12 else { throw .floorInfeasible(count: n, floorSum: lo) }
    }

    /// The feasible portfolio closest to equal weight (`clip(λ, lower, upper)`).
    func central() throws(WeightingError) -> [Double] {
        try Capping.box(scores: [Double](repeating: 1, count: lower.count), floors: lower, caps: upper).weights
    }

    /// The feasible portfolio maximising `scoreᵀw` (greedy: lower bounds, then fill by score).
    func greedy(maximising score: [Double]) -> [Double] {
        var w = lower
        var remaining = 1 - lower.reduce(0, +)
        for i in score.indices.sorted(by: { score[$0] != score[$1] ? score[$0] > score[$1] : $0 < $1 }) where remaining > 0 {
            let add = min(upper[i] - lower[i], remaining)
            w[i] += add
            remaining -= add
        }
        return w
    }

    /// Inequality rows `w_i ≥ lower_i` and `w_i ≤ upper_i` (the latter only when `upper_i < 1`).
    func rows() -> [(a: [Double], b: Double)] {
        let n = lower.count
        var out: [(a: [Double], b: Double)] = []
        for i in 0..<n {
            var a = [Double](repeating: 0, count: n)
            a[i] = 1
            out.append((a, lower[i]))
            if upper[i] < 1 {
                a[i] = -1
                out.append((a, -upper[i]))
            }
        }
        return out
    }

    /// Clips rounding excursions back into the bounds and puts the sum residual on the largest interior weight.
    func clean(_ w: [Double]) -> [Double] {
        var out = w
        for i in out.indices { out[i] = min(upper[i], max(lower[i], out[i])) }
        Capping.absorbResidual(&out, free: out.indices.map { out[$0] > lower[$0] && out[$0] < upper[$0] })
        return out
    }
}

/// Minimum variance: `min wᵀΣw` subject to `Σw = 1` and the bounds.
public enum MinimumVolatility {
    /// Solves the problem for `covariance` (annualised) and `bounds`.
    /// - Throws: `WeightingError` for infeasible bounds or a covariance that is not positive definite.
    public static func solve(expectedReturns: [Double]? = nil, covariance: DenseMatrix, bounds: WeightBounds) throws(WeightingError) -> OptimizedPortfolio {
        let n = covariance.rows
        try bounds.validate(count: n)
        let program = QuadraticProgram(q: covariance, c: [Double](repeating: 0, count: n),
                                       equalities: [([Double](repeating: 1, count: n), 1)], inequalities: bounds.rows())
        let solution = try program.solve(from: try bounds.central())
        let w = bounds.clean(solution.x)
        return OptimizedPortfolio(weights: w, expectedReturn: expectedReturns.map { dot($0, w) } ?? .nan,
                                  volatility: covariance.quadraticForm(w).squareRoot(), method: "min_volatility",
                                  iterations: solution.iterations)
    }
}

/// Maximum Sharpe ratio through the Charnes–Cooper / Cornuejols–Tütüncü transform
/// (`methodology.md` §2.1): `min yᵀΣy` s.t. `(μ − r_f)ᵀy = 1`, `lower_i·Σy ≤ y_i ≤ upper_i·Σy`, `y ≥ 0`;
/// `w = y / Σy`. When no feasible portfolio has an expected return above `r_f` the problem has no
/// solution and the documented fallback (minimum volatility or equal weight) is returned instead.
public enum MaximumSharpe {
    /// Solves for `expectedReturns`, `covariance` (annualised), annual `riskFreeRate` and `bounds`.
    /// - Throws: `WeightingError` for infeasible bounds or a covariance that is not positive definite.
    public static func solve(expectedReturns mu: [Double], covariance: DenseMatrix, riskFreeRate: Double,
                             bounds: WeightBounds, fallback: SharpeFallback = .minimumVolatility) throws(WeightingError) -> OptimizedPortfolio {
        let n = covariance.rows
        try bounds.validate(count: n)
        let excess = mu.map { $0 - riskFreeRate }
        let best = bounds.greedy(maximising: excess)
        let bestExcess = dot(excess, best)
        guard bestExcess > 1e-12 else {
            switch fallback {
            case .minimumVolatility:
                var p = try MinimumVolatility.solve(expectedReturns: mu, covariance: covariance, bounds: bounds)
                p.method = "max_sharpe→min_volatility"
                return p
            case .equal:
                let w = try bounds.central()
                return OptimizedPortfolio(weights: w, expectedReturn: dot(mu, w), volatility: covariance.quadraticForm(w).squareRoot(),
                                          method: "max_sharpe→equal", iterations: 0)
            }
        }
        var rows: [(a: [Double], b: Double)] = []
        for i in 0..<n {
            var a = [Double](repeating: -bounds.lower[i], count: n)
            a[i] += 1
            rows.append((a, 0))
            if bounds.upper[i] < 1 {
                var u = [Double](repeating: bounds.upper[i], count: n)
                u[i] -= 1
                rows.append((u, 0))
            }
        }
        let program = QuadraticProgram(q: covariance, c: [Double](repeating: 0, count: n),
                                       equalities: [(excess, 1)], inequalities: rows)
        let start = best.map { $0 / bestExcess }
        let solution = try program.solve(from: start)
        let kappa = solution.x.reduce(0, +)
        guard kappa > 0 else { throw .optimization("max-Sharpe transform returned κ = \(kappa)") }
        let w = bounds.clean(solution.x.map { $0 / kappa })
        return OptimizedPortfolio(weights: w, expectedReturn: dot(mu, w), volatility: covariance.quadraticForm(w).squareRoot(),
                                  method: "max_sharpe", iterations: solution.iterations)
    }
}

/// Target volatility ("dynamic asset allocation"): `max μᵀw` s.t. `√(wᵀΣw) ≤ σ*`, `Σw = 1`, bounds.
/// Solved on the efficient frontier: `w(t) = argmin ½wᵀΣw − t·μᵀw` has volatility increasing in t;
/// t is bisected (≤ 200 steps, until the volatility is within 1e-12 relative of σ*) keeping the side
/// with volatility ≤ σ*. When the highest-return feasible portfolio is already within σ* it is returned.
public enum TargetVolatility {
    /// Solves for `expectedReturns`, `covariance` (annualised), annual `target` volatility and `bounds`.
    /// - Throws: `WeightingError.optimization` when σ* is below the minimum achievable volatility;
    ///   otherwise as ``MinimumVolatility/solve(expectedReturns:covariance:bounds:)``.
    public static func solve(expectedReturns mu: [Double], covariance: DenseMatrix, target: Double,
                             bounds: WeightBounds) throws(WeightingError) -> OptimizedPortfolio {
        let n = covariance.rows
        let minimum = try MinimumVolatility.solve(expectedReturns: mu, covariance: covariance, bounds: bounds)
        guard minimum.volatility <= target * (1 + 1e-12) else {
            throw .optimization("target volatility \(target) is below the minimum achievable \(minimum.volatility)")
        }
        let best = bounds.greedy(maximising: mu)
        if covariance.quadraticForm(best).squareRoot() <= target {
            return OptimizedPortfolio(weights: best, expectedReturn: dot(mu, best), volatility: covariance.quadraticForm(best).squareRoot(),
                                      method: "target_volatility", iterations: minimum.iterations)
        }
        var iterations = minimum.iterations
        let rows = bounds.rows()
        let sum = ([Double](repeating: 1, count: n), 1.0)
        func frontier(_ t: Double, from start: [Double]) throws(WeightingError) -> [Double] {
            let program = QuadraticProgram(q: covariance, c: mu.map { -t * $0 }, equalities: [sum], inequalities: rows)
            let s = try program.solve(from: start)
            iterations += s.iterations
            return bounds.clean(s.x)
        }
        var lo = 0.0, wLo = minimum.weights
        var hi = 1.0, wHi = try frontier(hi, from: wLo)
        var doublings = 0
        while covariance.quadraticForm(wHi).squareRoot() < target {
            lo = hi; wLo = wHi
            hi *= 2
            doublings += 1
            guard doublings < 200 else { throw .optimization("target volatility not reached on the frontier") }
            wHi = try frontier(hi, from: wLo)
        }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            guard mid > lo, mid < hi else { break }
            let w = try frontier(mid, from: wLo)
            let vol = covariance.quadraticForm(w).squareRoot()
            if vol <= target { lo = mid; wLo = w } else { hi = mid; wHi = w }
            if abs(vol - target) <= 1e-12 * target, vol <= target { break }
        }
        return OptimizedPortfolio(weights: wLo, expectedReturn: dot(mu, wLo), volatility: covariance.quadraticForm(wLo).squareRoot(),
                                  method: "target_volatility", iterations: iterations)
    }
}
