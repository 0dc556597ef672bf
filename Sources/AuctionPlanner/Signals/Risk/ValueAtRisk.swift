import Foundation

/// How Value at Risk and Conditional VaR (expected shortfall) are estimated.
public enum VaRMethod: String, CaseIterable, Equatable, Sendable {
    /// Empirical quantile (numpy linear interpolation) and mean of the sorted tail (empyrical).
    case historical
    /// Normal distribution with the sample mean and standard deviation (ddof 1).
    case gaussian
    /// Cornish–Fisher expansion with the sample skewness and excess kurtosis (population moments).
    case cornishFisher = "cornish_fisher"
}

extension RiskMetrics {
    /// VaR and CVaR of a return series at tail probability `alpha` (0.05 for 95 % confidence),
    /// expressed as **returns** (negative numbers in a loss tail), as empyrical does; negate for
    /// the loss convention. CVaR ≤ VaR always holds for every method.
    public struct TailRisk: Equatable, Sendable {
        /// The `alpha` quantile of returns.
        public var valueAtRisk: Double
        /// The mean return in the tail at or below it (expected shortfall).
        public var conditionalValueAtRisk: Double
    }

    /// VaR and CVaR of `returns` at tail probability `alpha` ∈ (0, 0.5] with `method`:
    /// - historical: `VaR = percentile(r, 100α)` (linear interpolation), `CVaR = mean(sorted(r)[0...k])`
    ///   with `k = ⌊(n−1)α⌋` (empyrical's two cut rules);
    /// - gaussian: `VaR = μ + σ·z_α`, `CVaR = μ − σ·φ(z_α)/α`;
    /// - Cornish–Fisher: `VaR = μ + σ·h(z_α)` with
    ///   `h = z + (z²−1)S/6 + (z³−3z)K/24 − (2z³−5z)S²/36` (Dowd `CornishFisherVaR`), and `CVaR` the mean
    ///   of `μ + σ·h(Z)` over the normal tail `Z ≤ z_α` (closed form from the truncated-normal moments).
    ///
    /// Returns NaN values when there are fewer than 2 returns (4 for Cornish–Fisher) or a NaN in them.
    public static func tailRisk(_ returns: [Double], alpha: Double, method: VaRMethod) -> TailRisk {
        precondition(alpha > 0 && alpha < 1, "alpha must be in (0, 1)")
        let nan = TailRisk(valueAtRisk: .nan, conditionalValueAtRisk: .nan)
        guard returns.count >= (method == .cornishFisher ? 4 : 2), !returns.contains(where: \.isNaN) else { return nan }
        switch method {
        case .historical:
            let sorted = returns.sorted()
            let position = Double(sorted.count - 1) * alpha
            let lo = Int(position.rounded(.down))
            let hi = min(lo + 1, sorted.count - 1)
            let fraction = position - Double(lo)
            let q = sorted[lo] + (sorted[hi] - sorted[lo]) * fraction
            let k = Int((Double(sorted.count - 1) * alpha).rounded(.down))
            return TailRisk(valueAtRisk: q, conditionalValueAtRisk: mean(sorted[0...k]))
        case .gaussian:
            let mu = mean(returns), sigma = sampleStandardDeviation(returns)
            return gaussianTailRisk(mean: mu, standardDeviation: sigma, alpha: alpha)
        case .cornishFisher:
            let m = Moments(returns)
            return cornishFisherTailRisk(mean: m.mean, standardDeviation: sampleStandardDeviation(returns),
                                         skewness: m.skewness, excessKurtosis: m.excessKurtosis, alpha: alpha)
        }
    }

    /// Gaussian VaR `μ + σ·z_α` and expected shortfall `μ − σ·φ(z_α)/α` (as returns).
    public static func gaussianTailRisk(mean mu: Double, standardDeviation sigma: Double, alpha: Double) -> TailRisk {
        let z = NormalDistribution.quantile(alpha)
        return TailRisk(valueAtRisk: mu + sigma * z, conditionalValueAtRisk: mu - sigma * NormalDistribution.density(z) / alpha)
    }

    /// Cornish–Fisher VaR and CVaR (as returns) from moments: skewness `S` and **excess** kurtosis `K`.
    /// Dowd's `CornishFisherVaR(mu, sigma, skew, kurtosis, cl)` equals
    /// `−cornishFisherTailRisk(mean: mu, standardDeviation: sigma, skewness: skew, excessKurtosis: kurtosis − 3, alpha: 1 − cl).valueAtRisk`.
    public static func cornishFisherTailRisk(mean mu: Double, standardDeviation sigma: Double, skewness s: Double,
                                             excessKurtosis k: Double, alpha: Double) -> TailRisk {
        let z = NormalDistribution.quantile(alpha)
        let h = z + (z * z - 1) * s / 6 + (z * z * z - 3 * z) * k / 24 - (2 * z * z * z - 5 * z) * s * s / 36
        // Moments of Z conditional on Z ≤ z: E[Z] = −φ/α, E[Z²] = 1 − zφ/α, E[Z³] = −(z²+2)φ/α.
        let phi = NormalDistribution.density(z)
        let m1 = -phi / alpha, m2 = 1 - z * phi / alpha, m3 = -(z * z + 2) * phi / alpha
        let tail = m1 + (m2 - 1) * s / 6 + (m3 - 3 * m1) * k / 24 - (2 * m3 - 5 * m1) * s * s / 36
        return TailRisk(valueAtRisk: mu + sigma * h, conditionalValueAtRisk: mu + sigma * tail)
    }

    /// Population moments of a sample: mean, skewness `m₃/m₂^{3/2}` and excess kurtosis `m₄/m₂² − 3`
    /// (scipy.stats `skew`/`kurtosis` with `bias=True`).
    public struct Moments: Equatable, Sendable {
        /// Arithmetic mean.
        public var mean: Double
        /// `m₃/m₂^{3/2}`; NaN for a flat sample.
        public var skewness: Double
        /// `m₄/m₂² − 3`; NaN for a flat sample.
        public var excessKurtosis: Double

        /// The moments of `x`.
        public init(_ x: [Double]) {
            let m = RiskMetrics.mean(x)
            var m2 = 0.0, m3 = 0.0, m4 = 0.0
            for v in x {
                let d = v - m, d2 = d * d
                m2 += d2
                m3 += d2 * d
                m4 += d2 * d2
            }
            let n = Double(x.count)
            m2 /= n; m3 /= n; m4 /= n
            mean = m
            skewness = m2 > 0 ? m3 / (m2 * m2.squareRoot()) : .nan
            excessKurtosis = m2 > 0 ? m4 / (m2 * m2) - 3 : .nan
        }
    }
}

/// The standard normal distribution.
public enum NormalDistribution {
    /// Density `φ(z) = e^{−z²/2}/√(2π)`.
    public static func density(_ z: Double) -> Double { exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }

    /// Distribution function `Φ(z) = erfc(−z/√2)/2`.
    public static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// Quantile `Φ⁻¹(p)` for `p ∈ (0, 1)`, to full double precision (Newton steps on `Φ` from a
    /// logistic-style start); ±∞ at 0 and 1, NaN outside [0, 1].
    public static func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return p == 0 ? -.infinity : p == 1 ? .infinity : .nan }
        // Start: the tail approximation z ≈ ±√(−2 ln q) corrected, then Newton (Halley) on Φ.
        let q = min(p, 1 - p)
        let t = (-2 * log(q)).squareRoot()
        var z = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t))
        for _ in 0..<6 {
            let f = cdf(z) - q
            let d = density(z)
            guard d > 0 else { break }
            let step = f / d
            let next = z - step / (1 + 0.5 * z * step)
            if abs(next - z) <= 1e-15 * max(1, abs(z)) { z = next; break }
            z = next
        }
        return p < 0.5 ? z : -z
    }
}
