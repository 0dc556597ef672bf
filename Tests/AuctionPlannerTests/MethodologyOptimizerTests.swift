import XCTest
import TestSupport
@testable import AuctionPlanner

/// Differential tests of the optimizers against scipy (SLSQP) from the pinned venv
/// (`Tests/python/methodology_peer.py`): objective within 1e-6 relative (never worse), bounds,
/// budget, and the KKT conditions of the minimum-variance problem.
final class MethodologyOptimizerTests: XCTestCase {
    struct Problem {
        var mu: [Double]
        var covariance: DenseMatrix
        var bounds: WeightBounds
        var returns: [[Double]]
    }

    /// Random well-posed problems: factor-model daily returns (T = 200), annualised Ledoit–Wolf
    /// covariance, caps ≥ 1.5/n, some with floors.
    func randomProblems(count: Int, seed: UInt64) throws -> [Problem] {
        var rng = SplitMix64(seed: seed)
        func normal() -> Double { (-2 * log(max(rng.unit(), 1e-300))).squareRoot() * cos(2 * .pi * rng.unit()) }
        var out: [Problem] = []
        for k in 0..<count {
            let n = 3 + Int(rng.next() % 10)
            let t = 200
            let loadings = (0..<n).map { _ in 0.5 + rng.unit() }
            let drift = (0..<n).map { _ in (rng.unit() - 0.3) * 0.004 }
            let vol = (0..<n).map { _ in 0.01 + 0.04 * rng.unit() }
            let returns = (0..<t).map { _ -> [Double] in
                let f = 0.02 * normal()
                return (0..<n).map { drift[$0] + loadings[$0] * f + vol[$0] * normal() }
            }
            let stats = try ReturnStatistics.estimate(returns: returns, annualization: 365, ledoitWolf: true)
            let cap = min(1, max(1.5 / Double(n), rng.unit()))
            let floor = k % 3 == 0 ? 0.2 / Double(n) : 0
            out.append(Problem(mu: stats.expectedReturns, covariance: stats.covariance,
                               bounds: WeightBounds(lower: [Double](repeating: floor, count: n), upper: [Double](repeating: cap, count: n)),
                               returns: returns))
        }
        return out
    }

    func json(_ p: Problem, kind: String, rf: Double = 0, target: Double = 0) -> [String: Any] {
        let n = p.mu.count
        return ["kind": kind, "mu": p.mu, "rf": rf, "target": target,
                "cov": (0..<n).map { i in (0..<n).map { p.covariance[i, $0] } },
                "lower": p.bounds.lower, "upper": p.bounds.upper]
    }

    func scipy(_ problems: [[String: Any]]) throws -> [(weights: [Double], objective: Double)] {
        let input = try JSONSerialization.data(withJSONObject: ["problems": problems])
        let output = try TestSupport.runPython(script: "methodology_peer.py", ["solve"], input: input)
        let doc = try JSONSerialization.jsonObject(with: output) as! [String: Any]
        return (doc["results"] as! [[String: Any]]).map { ($0["weights"] as! [Double], $0["objective"] as! Double) }
    }

    func assertFeasible(_ w: [Double], _ b: WeightBounds, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(w.reduce(0, +), 1, accuracy: 1e-12, file: file, line: line)
        for i in w.indices {
            XCTAssertGreaterThanOrEqual(w[i], b.lower[i] - 1e-12, file: file, line: line)
            XCTAssertLessThanOrEqual(w[i], b.upper[i] + 1e-12, file: file, line: line)
        }
    }

    func testMinimumVolatilityMatchesScipyAndKKT() throws {
        let problems = try randomProblems(count: 25, seed: 11)
        let reference = try scipy(problems.map { json($0, kind: "min_volatility") })
        for (p, ref) in zip(problems, reference) {
            let ours = try MinimumVolatility.solve(expectedReturns: p.mu, covariance: p.covariance, bounds: p.bounds)
            assertFeasible(ours.weights, p.bounds)
            let variance = p.covariance.quadraticForm(ours.weights)
            XCTAssertLessThanOrEqual(variance, ref.objective * (1 + 1e-6))
            XCTAssertEqual(variance, ref.objective, accuracy: 1e-6 * ref.objective)
            // KKT: gradient 2Σw equals ν on free names, ≥ ν at lower bounds, ≤ ν at upper bounds.
            let g = p.covariance.multiply(ours.weights).map { 2 * $0 }
            let free = ours.weights.indices.filter { ours.weights[$0] > p.bounds.lower[$0] + 1e-9 && ours.weights[$0] < p.bounds.upper[$0] - 1e-9 }
            guard let first = free.first else { continue }
            let nu = g[first], scale = g.map(abs).max()!
            for i in ours.weights.indices {
                if free.contains(i) { XCTAssertEqual(g[i], nu, accuracy: 1e-8 * scale) }
                else if ours.weights[i] <= p.bounds.lower[i] + 1e-9 { XCTAssertGreaterThanOrEqual(g[i], nu - 1e-8 * scale) }
                else { XCTAssertLessThanOrEqual(g[i], nu + 1e-8 * scale) }
            }
        }
    }

    func testMaximumSharpeMatchesScipy() throws {
        let problems = try randomProblems(count: 25, seed: 12).filter { p in p.bounds.greedy(maximising: p.mu).enumerated().map { $1 * p.mu[$0] }.reduce(0, +) > 0.05 }
        XCTAssertGreaterThan(problems.count, 5)
        let rf = 0.02
        let reference = try scipy(problems.map { json($0, kind: "max_sharpe", rf: rf) })
        for (p, ref) in zip(problems, reference) {
            let ours = try MaximumSharpe.solve(expectedReturns: p.mu, covariance: p.covariance, riskFreeRate: rf, bounds: p.bounds)
            XCTAssertEqual(ours.method, "max_sharpe")
            assertFeasible(ours.weights, p.bounds)
            let sharpe = (ours.expectedReturn - rf) / ours.volatility
            XCTAssertGreaterThanOrEqual(sharpe, ref.objective - 1e-6 * abs(ref.objective))
            XCTAssertEqual(sharpe, ref.objective, accuracy: 1e-6 * abs(ref.objective))
        }
    }

    func testTargetVolatilityMatchesScipy() throws {
        let problems = try randomProblems(count: 20, seed: 13)
        var cases: [(Problem, Double)] = []
        for p in problems {
            let minVol = try MinimumVolatility.solve(covariance: p.covariance, bounds: p.bounds).volatility
            cases.append((p, minVol * 1.3))
        }
        let reference = try scipy(cases.map { json($0.0, kind: "target_volatility", target: $0.1) })
        for ((p, target), ref) in zip(cases, reference) {
            let ours = try TargetVolatility.solve(expectedReturns: p.mu, covariance: p.covariance, target: target, bounds: p.bounds)
            assertFeasible(ours.weights, p.bounds)
            XCTAssertLessThanOrEqual(ours.volatility, target * (1 + 1e-12))
            XCTAssertGreaterThanOrEqual(ours.expectedReturn, ref.objective - 1e-6 * abs(ref.objective))
            XCTAssertEqual(ours.expectedReturn, ref.objective, accuracy: 1e-6 * max(abs(ref.objective), 1e-3))
        }
        let p = problems[0]
        let minVol = try MinimumVolatility.solve(covariance: p.covariance, bounds: p.bounds).volatility
        XCTAssertThrowsError(try TargetVolatility.solve(expectedReturns: p.mu, covariance: p.covariance, target: minVol * 0.9, bounds: p.bounds))
    }

    /// No asset beats the risk-free rate: max-Sharpe has no solution, the documented fallback is used.
    func testMaximumSharpeFallback() throws {
        let p = try randomProblems(count: 1, seed: 14)[0]
        let rf = p.mu.max()! + 0.01
        let ours = try MaximumSharpe.solve(expectedReturns: p.mu, covariance: p.covariance, riskFreeRate: rf, bounds: p.bounds)
        let minVol = try MinimumVolatility.solve(expectedReturns: p.mu, covariance: p.covariance, bounds: p.bounds)
        XCTAssertEqual(ours.method, "max_sharpe→min_volatility")
        XCTAssertEqual(ours.weights, minVol.weights)
        let equal = try MaximumSharpe.solve(expectedReturns: p.mu, covariance: p.covariance, riskFreeRate: rf, bounds: p.bounds, fallback: .equal)
        XCTAssertEqual(equal.method, "max_sharpe→equal")
    }

    /// Ledoit–Wolf shrinkage equals the numpy transcription of scikit-learn's formula.
    func testLedoitWolfMatchesPeer() throws {
        let p = try randomProblems(count: 1, seed: 15)[0]
        let ours = try ReturnStatistics.estimate(returns: p.returns, annualization: 1, ledoitWolf: true)
        let input = try JSONSerialization.data(withJSONObject: ["returns": p.returns])
        let doc = try JSONSerialization.jsonObject(with: try TestSupport.runPython(script: "methodology_peer.py", ["ledoit_wolf"], input: input)) as! [String: Any]
        let cov = doc["covariance"] as! [[Double]]
        XCTAssertEqual(ours.shrinkage, doc["shrinkage"] as! Double, accuracy: 1e-12)
        XCTAssertGreaterThan(ours.shrinkage, 0)
        for i in cov.indices { for j in cov.indices { XCTAssertEqual(ours.covariance[i, j], cov[i][j], accuracy: 1e-15 + 1e-10 * abs(cov[i][j])) } }
    }

    func testQuadraticProgramRejectsBadInput() {
        let q = DenseMatrix([[1, 2], [2, 1]])  // indefinite
        XCTAssertThrowsError(try QuadraticProgram(q: q, c: [0, 0]).solve(from: [0, 0]))
        let good = DenseMatrix([[2, 0], [0, 2]])
        XCTAssertThrowsError(try QuadraticProgram(q: good, c: [0, 0], equalities: [([1, 1], 1)]).solve(from: [0, 0]))
        // min x² + y² − 2x s.t. x + y = 1, y ≥ 0.3: x = 0.7, y = 0.3.
        let s = try! QuadraticProgram(q: good, c: [-2, 0], equalities: [([1, 1], 1)], inequalities: [([0, 1], 0.3)]).solve(from: [0.5, 0.5])
        XCTAssertEqual(s.x[0], 0.7, accuracy: 1e-14)
        XCTAssertEqual(s.x[1], 0.3, accuracy: 1e-14)
        XCTAssertGreaterThan(s.inequalityMultipliers[0], 0)
    }
}
