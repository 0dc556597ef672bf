/// A small dense convex quadratic program
/// `minimise ½ xᵀQx + cᵀx  subject to  a_iᵀx = b_i (equalities),  a_jᵀx ≥ b_j (inequalities)`
/// with `Q` symmetric positive definite, solved by a primal active-set method in range-space form:
/// `Q⁻¹` is computed once (Cholesky), each working-set subproblem is solved through the Schur
/// complement `S = A_W Q⁻¹ A_Wᵀ`, whose Cholesky factor is extended by one row when a constraint
/// is added (O(k·n + k²)) and rebuilt when one is dropped.
///
/// Convergence: the method is finite for strictly convex problems (no cycling without
/// degeneracy). It stops when the step is below `stepTolerance·(1 + ‖x‖∞)` and every inequality
/// multiplier is ≥ `−multiplierTolerance·(1 + max|λ|)`; constraints count as blocking when
/// `a_jᵀp < −1e-14·‖a_j‖·‖p‖`. It gives up after `20·(n + m)` iterations.
public struct QuadraticProgram: Sendable {
    /// The Hessian (symmetric positive definite).
    public var q: DenseMatrix
    /// The linear term.
    public var c: [Double]
    /// Equality rows `(a, b)`: `aᵀx = b`.
    public var equalities: [(a: [Double], b: Double)]
    /// Inequality rows `(a, b)`: `aᵀx ≥ b`.
    public var inequalities: [(a: [Double], b: Double)]

    /// Step tolerance (relative to `1 + ‖x‖∞`).
    public var stepTolerance = 1e-13
    /// Multiplier tolerance (relative to `1 + max|λ|`).
    public var multiplierTolerance = 1e-10

    /// A problem with the given data.
    public init(q: DenseMatrix, c: [Double], equalities: [(a: [Double], b: Double)] = [], inequalities: [(a: [Double], b: Double)] = []) {
        self.q = q
        self.c = c
        self.equalities = equalities
        self.inequalities = inequalities
    }

    /// The solution and its certificate.
    public struct Solution: Sendable {
        /// The minimiser.
        public var x: [Double]
        /// Multipliers of the equalities (`Qx + c = Σ λ_i a_i`).
        public var equalityMultipliers: [Double]
        /// Multipliers of the inequalities (≥ 0; 0 for inactive ones).
        public var inequalityMultipliers: [Double]
        /// Active-set iterations used.
        public var iterations: Int
        /// The objective `½ xᵀQx + cᵀx`.
        public var objective: Double
    }

    /// Solves the problem from the feasible point `start`.
    /// - Throws: `WeightingError.optimization` when `Q` is not positive definite, `start` is infeasible
    ///   (beyond 1e-9), the equality rows are dependent, or the iteration limit is reached.
    public func solve(from start: [Double]) throws(WeightingError) -> Solution {
        let n = c.count
        guard q.rows == n, q.columns == n, start.count == n else { throw .optimization("dimension mismatch") }
        guard let qInverse = q.inverseSPD() else { throw .optimization("the covariance matrix is not positive definite") }
        let dense = equalities.map(\.a) + inequalities.map(\.a)
        let rows = dense.map(ConstraintRow.init)
        let rhs = equalities.map(\.b) + inequalities.map(\.b)
        let mEq = equalities.count, m = rows.count
        let startSum = start.reduce(0, +)
        for (k, row) in rows.enumerated() {
            let r = row.dot(start, sum: startSum) - rhs[k]
            let scale = 1e-9 * (1 + abs(rhs[k]))
            if k < mEq ? abs(r) > scale : r < -scale {
                throw .optimization("start point violates constraint #\(k) by \(r)")
            }
        }
        let rowNorms = dense.map { dot($0, $0).squareRoot() }
        // Q⁻¹·1, used by the structured rows a = α·1 + β·e_i.
        let inverseOnes = qInverse.multiply([Double](repeating: 1, count: n))
        var cache = [[Double]?](repeating: nil, count: m)  // Q⁻¹ a_j
        var cacheSum = [Double](repeating: 0, count: m)    // Σ (Q⁻¹ a_j)
        func v(_ j: Int) -> [Double] {
            if let cached = cache[j] { return cached }
            let row = rows[j]
            var value: [Double]
            if row.isDense {
                value = qInverse.multiply(dense[j])
            } else {
                value = inverseOnes.map { row.alpha * $0 }
                if row.index >= 0 {
                    let base = row.index * n
                    for t in 0..<n { value[t] += row.beta * qInverse.storage[base + t] }
                }
            }
            cache[j] = value
            cacheSum[j] = value.reduce(0, +)
            return value
        }
        let xUnconstrained = qInverse.multiply(c).map { -$0 }
        let xUnconstrainedSum = xUnconstrained.reduce(0, +)
        // Right-hand sides of the subproblem: b_j − a_jᵀ x_u.
        let reduced = (0..<m).map { rhs[$0] - rows[$0].dot(xUnconstrained, sum: xUnconstrainedSum) }
        var working: [Int] = []
        var inWorking = [Bool](repeating: false, count: m)
        // Lower Cholesky factor of S = A_W Q⁻¹ A_Wᵀ, row-major with capacity n + m, grown by one row per added constraint.
        let capacity = m
        var factor = [Double](repeating: 0, count: capacity * capacity)
        /// Appends constraint j to the working set, extending the factor; false when it is dependent.
        func append(_ j: Int) -> Bool {
            let k = working.count
            let vj = v(j)
            var row = [Double](repeating: 0, count: k)
            let vjSum = cacheSum[j]
            for (p, i) in working.enumerated() { row[p] = rows[i].dot(vj, sum: vjSum) }
            // Forward substitution L·l = s.
            var norm = 0.0
            for p in 0..<k {
                var value = row[p]
                for t in 0..<p { value -= factor[p * capacity + t] * row[t] }
                value /= factor[p * capacity + p]
                row[p] = value
                norm += value * value
            }
            let diagonal = rows[j].dot(vj, sum: vjSum)
            let pivot = diagonal - norm
            guard pivot > 1e-13 * max(diagonal, 1e-300) else { return false }
            for p in 0..<k { factor[k * capacity + p] = row[p] }
            factor[k * capacity + k] = pivot.squareRoot()
            working.append(j)
            inWorking[j] = true
            return true
        }
        func rebuild() throws(WeightingError) {
            let members = working
            working.removeAll(keepingCapacity: true)
            for j in members { inWorking[j] = false }
            for j in members where !append(j) { throw .optimization("dependent active constraints (degenerate problem)") }
        }
        for j in 0..<mEq where !append(j) { throw .optimization("the equality constraints are linearly dependent") }
        var x = start
        var lambda: [Double] = []
        let limit = 20 * (n + m) + 20
        var iterations = 0
        while true {
            iterations += 1
            guard iterations <= limit else { throw .optimization("active-set method did not converge in \(limit) iterations") }
            // Subproblem on the working set: S λ = r, x = x_u + Σ λ_p Q⁻¹a_p.
            let k = working.count
            lambda = working.map { reduced[$0] }
            for p in 0..<k {
                var value = lambda[p]
                for t in 0..<p { value -= factor[p * capacity + t] * lambda[t] }
                lambda[p] = value / factor[p * capacity + p]
            }
            for p in stride(from: k - 1, through: 0, by: -1) {
                var value = lambda[p]
                for t in (p + 1)..<max(p + 1, k) { value -= factor[t * capacity + p] * lambda[t] }
                lambda[p] = value / factor[p * capacity + p]
            }
            var target = xUnconstrained
            for (p, i) in working.enumerated() {
                let vi = v(i), lp = lambda[p]
                for t in 0..<n { target[t] += lp * vi[t] }
            }
            var step = [Double](repeating: 0, count: n)
            var stepNorm = 0.0, xNorm = 0.0
            for t in 0..<n {
                step[t] = target[t] - x[t]
                stepNorm = max(stepNorm, abs(step[t]))
                xNorm = max(xNorm, abs(x[t]))
            }
            if stepNorm <= stepTolerance * (1 + xNorm) {
                // Stationary on the working set: check inequality multipliers.
                var worst: (position: Int, value: Double)?
                let scale = 1 + (lambda.map(abs).max() ?? 0)
                for (p, i) in working.enumerated() where i >= mEq {
                    if lambda[p] < -multiplierTolerance * scale, worst == nil || lambda[p] < worst!.value {
                        worst = (p, lambda[p])
                    }
                }
                if let worst {
                    inWorking[working[worst.position]] = false
                    working.remove(at: worst.position)
                    try rebuild()
                    continue
                }
                x = target
                break
            }
            // Longest feasible step along `step`.
            var alpha = 1.0, blocking: Int?
            let pNorm = dot(step, step).squareRoot()
            let stepSum = step.reduce(0, +), xSum = x.reduce(0, +)
            for j in mEq..<m where !inWorking[j] {
                let ap = rows[j].dot(step, sum: stepSum)
                if ap < -1e-14 * rowNorms[j] * pNorm {
                    let slack = max(0, rows[j].dot(x, sum: xSum) - rhs[j])
                    let a = slack / -ap
                    if a < alpha { alpha = a; blocking = j }
                }
            }
            for t in 0..<n { x[t] += alpha * step[t] }
            if let blocking, !append(blocking) {
                throw .optimization("dependent active constraints (degenerate problem)")
            }
        }
        var eqMultipliers = [Double](repeating: 0, count: mEq)
        var inMultipliers = [Double](repeating: 0, count: m - mEq)
        for (p, i) in working.enumerated() {
            if i < mEq { eqMultipliers[i] = lambda[p] } else { inMultipliers[i - mEq] = max(0, lambda[p]) }
        }
        let objective = 0.5 * q.quadraticForm(x) + dot(c, x)
        return Solution(x: x, equalityMultipliers: eqMultipliers, inequalityMultipliers: inMultipliers,
                        iterations: iterations, objective: objective)
    }
}

/// A constraint row, stored compactly when it has the form `α·1 + β·e_i` (budget rows, bounds and
/// the max-Sharpe bound rows), so that its dot products cost O(1) given the vector's sum.
struct ConstraintRow {
    let isDense: Bool
    let alpha: Double
    let beta: Double
    let index: Int
    let values: [Double]

    init(_ a: [Double]) {
        values = a
        var structured = false, alpha = 0.0, beta = 0.0, index = -1
        if a.count >= 3 {
            let candidate = a[0] == a[1] || a[0] == a[2] ? a[0] : a[1]
            var other = -1, count = 0
            for (i, v) in a.enumerated() where v != candidate {
                count += 1
                other = i
                if count > 1 { break }
            }
            if count <= 1 {
                structured = true
                alpha = candidate
                if count == 1 { index = other; beta = a[other] - candidate }
            }
        }
        isDense = !structured
        self.alpha = alpha
        self.beta = beta
        self.index = index
    }

    /// `aᵀx`, where `sum` is `Σ x`.
    @inline(__always)
    func dot(_ x: [Double], sum: Double) -> Double {
        if isDense { return AuctionPlanner.dot(values, x) }
        return alpha * sum + (index >= 0 ? beta * x[index] : 0)
    }
}
