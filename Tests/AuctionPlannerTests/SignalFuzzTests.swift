import XCTest
import TestSupport
@testable import AuctionPlanner

/// Mutated trigger sections and stress files: every outcome is a parsed value or an
/// `InputFileError` naming a line inside the file and a rule; parsed rules evaluate without crashing.
final class SignalFuzzTests: XCTestCase {
    let vocabulary = ["metric: rsi", "metric: var", "metric: beta", "scope: basket", "scope: asset", "above: 1e308", "below: -1e308",
                      "window: 0", "window: 1", "window: 100000", "period: 2", "lag: 99999", "outside: [1, 0]", "action: flag",
                      "action: { adjust_weight: { scale: 1e308, max: 1 } }", "assets: []", "assets: [usdc]", "benchmark: aaa",
                      "method: cornish_fisher", "confidence: 0.5", "min_volume_usd: 1e-300", "days: 1", "fast: 1", "slow: 2",
                      "deviations: 1e-9", "{", "}", "[", "]", ",", ":", "- ", "\n", "nan", ".inf", "~", "&a", "*a", "!!str"]

    func testFuzzTriggerSectionNeverCrashes() throws {
        let base = try String(contentsOfFile: TestSupport.repositoryRoot.appendingPathComponent("examples/signals/icai-triggers.yaml").path,
                              encoding: .utf8)
        let triggerStart = base.range(of: "triggers:")!.lowerBound
        let head = "name: fuzz\nuniverse: { assets: [aaa, bbb, ccc] }\nweighting: { method: equal }\n"
        let section = Array(String(base[triggerStart...]).replacingOccurrences(of: "fetch-ai", with: "bitcoin"))
        let data = SignalFixture.data()
        var rng = SignalTestRandom(seed: 2024)
        var parsed = 0, rejected = 0, evaluated = 0
        for _ in 0..<1500 {
            var chars = section
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let at = Int(rng.next() % UInt64(chars.count))
                switch rng.next() % 4 {
                case 0: chars.remove(at: at)
                case 1: chars.insert(contentsOf: vocabulary[Int(rng.next() % UInt64(vocabulary.count))], at: at)
                case 2: chars[at] = Character(Unicode.Scalar(UInt8(32 + rng.next() % 95)))
                default:
                    let end = min(chars.count, at + Int(rng.next() % 40))
                    chars.insert(contentsOf: chars[at..<end], at: at)
                }
            }
            let text = head + String(chars)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            do {
                let m = try Methodology.parse(text, file: "fuzz.yaml")
                parsed += 1
                if let report = try? TriggerEvaluation.evaluate(methodology: m, data: data, asOf: SignalFixture.asOf) {
                    evaluated += 1
                    for o in report.outcomes { XCTAssert(o.value != nil || o.note != nil, "\(o)") }
                }
            } catch {
                rejected += 1
                XCTAssertFalse(error.rule.isEmpty)
                if let line = error.line { XCTAssert((1...lines + 1).contains(line), "line \(line) of \(lines): \(error)") }
            }
        }
        XCTAssertGreaterThan(parsed, 0)
        XCTAssertGreaterThan(rejected, 0)
        XCTAssertGreaterThan(evaluated, 0)
    }

    func testFuzzStressFileNeverCrashes() {
        let base = Array("date,kind,subject,value\n2024-03-17,funding_rate,FET-PERP,0.0009\n2024-03-10,governance,\"a, b\",\n")
        var rng = SignalTestRandom(seed: 77)
        for _ in 0..<3000 {
            var bytes = base
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let at = Int(rng.next() % UInt64(bytes.count))
                if rng.next() % 2 == 0 { bytes.remove(at: at) } else { bytes.insert(Character(Unicode.Scalar(UInt8(rng.next() % 128))), at: at) }
            }
            let text = String(bytes)
            do {
                let s = try StressInputs.parse(text, file: "s.csv")
                for f in s.fundingRates { XCTAssertLessThan(abs(f.rate), 1) }
            } catch {
                XCTAssertFalse(error.rule.isEmpty)
                XCTAssertLessThanOrEqual(error.line ?? 0, text.split(separator: "\n", omittingEmptySubsequences: false).count)
            }
        }
    }
}
