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
        let rows = equalities.map(\.a) + inequalities.map(\.a)
        let rhs = equalities.map(\.b) + inequalities.map(\.b)
        let mEq = equalities.count, m = rows.count
        for (k, row) in rows.enumerated() {
            let r = dot(row, start) - rhs[k]
            let scale = 1e-9 * (1 + abs(rhs[k]))
            if k < mEq ? abs(r) > scale : r < -scale {
                throw .optimization("start point violates constraint #\(k) by \(r)")
            }
        }
        let rowNorms = rows.map { dot($0, $0).squareRoot() }
        var cache = [[Double]?](repeating: nil, count: m)  // Q⁻¹ a_j
        func v(_ j: Int) -> [Double] {
            if let cached = cache[j] { return cached }
            let value = qInverse.multiply(rows[j])
            cache[j] = value
            return value
        }
        let xUnconstrained = qInverse.multiply(c).map { -$0 }
        // Right-hand sides of the subproblem: b_j − a_jᵀ x_u.
        let reduced = (0..<m).map { rhs[$0] - dot(rows[$0], xUnconstrained) }
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
            for (p, i) in working.enumerated() { row[p] = dot(rows[i], vj) }
            // Forward substitution L·l = s.
            var norm = 0.0
            for p in 0..<k {
                var value = row[p]
                for t in 0..<p { value -= factor[p * capacity + t] * row[t] }
                value /= factor[p * capacity + p]
                row[p] = value
                norm += value * value
            }
            let diagonal = dot(rows[j], vj)
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
            for j in mEq..<m where !inWorking[j] {
                let ap = dot(rows[j], step)
                if ap < -1e-14 * rowNorms[j] * pNorm {
                    let slack = max(0, dot(rows[j], x) - rhs[j])
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
