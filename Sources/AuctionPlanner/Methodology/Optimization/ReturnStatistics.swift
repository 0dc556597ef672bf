/// Annualised expected returns and covariance of daily log returns, the inputs of the optimizers.
public struct ReturnStatistics: Equatable, Sendable {
    /// Annualised mean log return per asset (`mean(r) · annualization`).
    public var expectedReturns: [Double]
    /// Annualised covariance (`cov · annualization`), sample (ddof 1) or Ledoit–Wolf.
    public var covariance: DenseMatrix
    /// The Ledoit–Wolf shrinkage intensity used (0 for the sample covariance).
    public var shrinkage: Double

    /// Statistics with the given values.
    public init(expectedReturns: [Double], covariance: DenseMatrix, shrinkage: Double = 0) {
        self.expectedReturns = expectedReturns
        self.covariance = covariance
        self.shrinkage = shrinkage
    }

    /// Computes the statistics of `returns` (T observations × n assets, row-major rows of one day).
    /// With `ledoitWolf` the covariance is scikit-learn's `ledoit_wolf` (constant-variance target,
    /// `methodology.md` §2.1); otherwise the unbiased sample covariance.
    /// - Throws: `WeightingError.optimization` with fewer than 2 observations or a non-finite return.
    public static func estimate(returns: [[Double]], annualization: Double, ledoitWolf: Bool) throws(WeightingError) -> ReturnStatistics {
        let t = returns.count
        guard t >= 2, let n = returns.first?.count, n >= 1 else {
            throw .optimization("need at least 2 return observations, got \(t)")
        }
        var mean = [Double](repeating: 0, count: n)
        for row in returns {
            guard row.count == n else { throw .optimization("ragged return matrix") }
            for j in 0..<n {
                guard row[j].isFinite else { throw .optimization("non-finite return") }
                mean[j] += row[j]
            }
        }
        for j in 0..<n { mean[j] /= Double(t) }
        // Centered observations, flat row-major (T × n).
        var centered = [Double](repeating: 0, count: t * n)
        for (r, row) in returns.enumerated() { for j in 0..<n { centered[r * n + j] = row[j] - mean[j] } }
        // Upper triangles of XᵀX and (X²)ᵀX².
        var xtx = DenseMatrix(rows: n, columns: n)
        var x2tx2 = [Double](repeating: 0, count: ledoitWolf ? n * n : 0)
        centered.withUnsafeBufferPointer { x in
            xtx.storage.withUnsafeMutableBufferPointer { out in
                var squares = [Double](repeating: 0, count: n)
                x2tx2.withUnsafeMutableBufferPointer { out2 in
                    squares.withUnsafeMutableBufferPointer { sq in
                        for r in 0..<t {
                            let base = r * n
                            for i in 0..<n {
                                let ci = x[base + i]
                                let row = i * n
                                for j in i..<n { out[row + j] += ci * x[base + j] }
                            }
                            if ledoitWolf {
                                for j in 0..<n { sq[j] = x[base + j] * x[base + j] }
                                for i in 0..<n {
                                    let si = sq[i]
                                    let row = i * n
                                    for j in i..<n { out2[row + j] += si * sq[j] }
                                }
                            }
                        }
                    }
                }
            }
        }
        for i in 0..<n { for j in 0..<i { xtx[i, j] = xtx[j, i] } }
        var cov = DenseMatrix(rows: n, columns: n)
        var shrinkage = 0.0
        if ledoitWolf {
            let nf = Double(t), pf = Double(n)
            var traceS = 0.0
            for i in 0..<n { traceS += xtx[i, i] / nf }
            let mu = traceS / pf
            var delta_ = 0.0
            for v in xtx.storage { delta_ += v * v }
            delta_ /= nf * nf
            var beta_ = 0.0
            for i in 0..<n { for j in i..<n { beta_ += (i == j ? 1 : 2) * x2tx2[i * n + j] } }
            var beta = (beta_ / nf - delta_) / (pf * nf)
            let delta = (delta_ - 2 * mu * traceS + pf * mu * mu) / pf
            beta = min(beta, delta)
            shrinkage = beta == 0 ? 0 : beta / delta
            for i in 0..<n {
                for j in 0..<n {
                    cov[i, j] = (1 - shrinkage) * xtx[i, j] / nf + (i == j ? shrinkage * mu : 0)
                }
            }
        } else {
            for k in 0..<(n * n) { cov.storage[k] = xtx.storage[k] / Double(t - 1) }
        }
        for k in 0..<(n * n) { cov.storage[k] *= annualization }
        return ReturnStatistics(expectedReturns: mean.map { $0 * annualization }, covariance: cov, shrinkage: shrinkage)
    }
}
