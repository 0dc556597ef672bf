import XCTest
@testable import AuctionPlanner

final class MethodologyCappingTests: XCTestCase {
    func assertWeights(_ actual: [Double], _ expected: [Double], accuracy: Double = 1e-12, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, file: file, line: line)
        for (a, e) in zip(actual, expected) { XCTAssertEqual(a, e, accuracy: accuracy, file: file, line: line) }
        XCTAssertEqual(actual.reduce(0, +), 1, accuracy: 1e-12, file: file, line: line)
    }

    /// methodology.md §1.3 A: scores [50,30,10,10], cap 35 % → [35,35,15,15] %.
    func testIterativeCapSpecVector() throws {
        let r = try Capping.iterativeCap(scores: [50, 30, 10, 10], cap: 0.35)
        assertWeights(r.weights, [0.35, 0.35, 0.15, 0.15])
        XCTAssertEqual(r.capped, [true, true, false, false])
    }

    /// methodology.md §1.3 B: the DPI single pass gives [35,39,13,13] % on the same input.
    func testSinglePassCounterExample() throws {
        let w = try Capping.singlePassCap(scores: [50, 30, 10, 10], cap: 0.35)
        for (a, e) in zip(w, [0.35, 0.39, 0.13, 0.13]) { XCTAssertEqual(a, e, accuracy: 1e-12) }
    }

    func testInfeasibleCapIsAnError() {
        XCTAssertThrowsError(try Capping.iterativeCap(scores: [1, 2, 3], cap: 0.3)) { e in
            XCTAssertEqual(e as? WeightingError, .capInfeasible(count: 3, capSum: 0.3 * 3))
        }
        XCTAssertThrowsError(try Capping.box(scores: [1, 2, 3], floors: [0.4, 0.4, 0.4], caps: [1, 1, 1])) { e in
            guard case .floorInfeasible(3, _)? = e as? WeightingError else { return XCTFail("\(e)") }
        }
        XCTAssertThrowsError(try Capping.iterativeCap(scores: [1, 0], cap: 1)) { e in
            XCTAssertEqual(e as? WeightingError, .invalidScore(assetIndex: 1, value: 0))
        }
    }

    /// §1.3 C: clip(λ s, floor, cap) with λ = 0.01 on [60,30,6,4], floor 10 %, cap 50 %.
    func testBoxRaisesToFloor() throws {
        let r = try Capping.box(scores: [60, 30, 6, 4], floors: [0.1, 0.1, 0.1, 0.1], caps: [0.5, 0.5, 0.5, 0.5])
        assertWeights(r.weights, [0.5, 0.3, 0.1, 0.1])
        XCTAssertEqual(r.capped, [true, false, false, false])
        XCTAssertEqual(r.raised, [false, false, true, true])
    }

    /// §1.3 D: removal of sub-floor names one at a time, then re-weighting.
    func testFloorByRemoval() throws {
        let scores: [Double] = [40, 30, 20, 6, 3, 1]
        let (r, removed) = try Capping.floorByRemoval(scores: scores, caps: [Double](repeating: 1, count: 6), exitFloor: 0.05,
                                                      entryFloor: 0.05, incumbent: [Bool](repeating: true, count: 6))
        XCTAssertEqual(removed, [5, 4])
        assertWeights(r.weights, [40.0 / 96, 30.0 / 96, 20.0 / 96, 6.0 / 96, 0, 0])
        // Hysteresis: incumbents leave below 0.5 %, newcomers need 2 %.
        let (h, hRemoved) = try Capping.floorByRemoval(scores: scores, caps: [Double](repeating: 1, count: 6), exitFloor: 0.005,
                                                       entryFloor: 0.02, incumbent: [true, true, true, true, true, false])
        XCTAssertEqual(hRemoved, [5])
        assertWeights(h.weights, [40.0 / 99, 30.0 / 99, 20.0 / 99, 6.0 / 99, 3.0 / 99, 0])
    }

    /// Properties on random inputs: A ≡ bisection (box with zero floors), no weight above its cap,
    /// sum 1 within 1e-12, box weights within their bounds and proportional on the free set.
    func testCappingProperties() throws {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let n = 2 + Int(rng.next() % 40)
            let scores = (0..<n).map { _ in exp(8 * rng.unit()) }
            let cap = max(1.0 / Double(n), rng.unit())
            let a = try Capping.iterativeCap(scores: scores, cap: cap)
            let c = try Capping.box(scores: scores, floors: [Double](repeating: 0, count: n), caps: [Double](repeating: cap, count: n))
            XCTAssertEqual(a.weights.reduce(0, +), 1, accuracy: 1e-12)
            XCTAssertEqual(c.weights.reduce(0, +), 1, accuracy: 1e-12)
            for i in 0..<n {
                XCTAssertEqual(a.weights[i], c.weights[i], accuracy: 1e-9)
                XCTAssertLessThanOrEqual(a.weights[i], cap + 1e-12)
            }
            let floor = rng.unit() / Double(n)
            let b = try Capping.box(scores: scores, floors: [Double](repeating: floor, count: n), caps: [Double](repeating: cap, count: n))
            XCTAssertEqual(b.weights.reduce(0, +), 1, accuracy: 1e-12)
            let free = (0..<n).filter { !b.capped[$0] && !b.raised[$0] }
            for i in 0..<n {
                XCTAssertGreaterThanOrEqual(b.weights[i], floor - 1e-12)
                XCTAssertLessThanOrEqual(b.weights[i], cap + 1e-12)
            }
            if free.count >= 2 {
                let ratio = b.weights[free[0]] / scores[free[0]]
                for i in free { XCTAssertEqual(b.weights[i] / scores[i], ratio, accuracy: 1e-9 * ratio) }
            }
        }
    }
}
