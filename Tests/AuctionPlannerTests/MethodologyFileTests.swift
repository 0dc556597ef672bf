import XCTest
import TestSupport
@testable import AuctionPlanner

final class MethodologyFileTests: XCTestCase {
    func example(_ name: String) throws -> String {
        try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("examples/methodology/\(name)"), encoding: .utf8)
    }

    func testExampleICAIParses() throws {
        let m = try Methodology.parse(try example("icai.yaml"), file: "icai.yaml")
        XCTAssertEqual(m.name, "icAI")
        XCTAssertEqual(m.rules.weighting, .sqrtMarketCap)
        XCTAssertEqual(m.rules.movingAverageDays, 30)
        XCTAssertEqual(m.rules.selection, Selection(top: 10, entryRank: 10, exitRank: 10))
        XCTAssertEqual(m.rules.eligibility.minMarketCapUSD, 50_000_000)
        XCTAssertEqual(m.rules.eligibility.minMarketCapToFDV, 0.2)
        XCTAssertEqual(m.rules.constraints.floor, 0.05)
        XCTAssertEqual(m.rules.constraints.floorMode, .removal)
        XCTAssertEqual(m.calendar?.snapshotOffsetDays, 5)
        XCTAssertEqual(m.calendar?.frequency, .quarterly)
        XCTAssertEqual(m.effectiveSleeves.map(\.name), ["index"])
    }

    func testExampleTwoSleeveParses() throws {
        let m = try Methodology.parse(try example("ai-two-sleeve.yaml"), file: "s.yaml")
        XCTAssertEqual(m.sleeves.map(\.name), ["tokens", "equities"])
        XCTAssertEqual(m.sleeves.map(\.budget), [0.5, 0.5])
        XCTAssertEqual(m.sleeves[0].rules.weighting, .marketCap)
        XCTAssertEqual(m.sleeves[1].rules.constraints.cap, 0.5)
        XCTAssertEqual(m.sleeves[1].rules.universe.kinds, [.equity])
    }

    /// Every example methodology parses and produces weights on the example data that sum to 1.
    func testEveryExampleProducesWeights() throws {
        let dir = TestSupport.repositoryRoot.appendingPathComponent("examples/methodology")
        let data = try MarketData.load(dataPaths: [dir.appendingPathComponent("prices.csv").path],
                                       metadataPath: dir.appendingPathComponent("assets.yaml").path)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") && $0 != "assets.yaml" }.sorted()
        XCTAssertEqual(files, ["ai-max-sharpe.yaml", "ai-two-sleeve.yaml", "icai.yaml"])
        for name in files {
            let m = try Methodology.parse(try example(name), file: name)
            let report = try IndexWeights.compute(methodology: m, data: data, asOf: Day(iso: "2024-03-20")!)
            XCTAssertEqual(report.constituents.map(\.weight).reduce(0, +), 1, accuracy: 1e-12, name)
            XCTAssertNotNil(m.calendar, name)
        }
    }

    func error(_ yaml: String) -> InputFileError? {
        do { _ = try Methodology.parse(yaml, file: "m.yaml"); return nil } catch { return error }
    }

    func testErrorsSayWhy() {
        let base = "name: x\nweighting: { method: market_cap }\n"
        let unknown = error(base + "constraints:\n  cap: 0.2\n  colour: red\n")
        XCTAssertEqual(unknown?.line, 5)
        XCTAssertEqual(unknown?.field, "constraints.colour")
        XCTAssertTrue(unknown?.rule.hasPrefix("unknown key") ?? false)

        let impossible = error(base + "constraints: { max_constituents: 10, cap: 0.05 }\n")
        XCTAssertEqual(impossible?.field, "constraints.cap")
        XCTAssertEqual(impossible?.rule, "max_constituents × cap = 10 × 0.05 = 0.5 < 1: weights cannot sum to 1")

        XCTAssertEqual(error(base + "constraints: { max_constituents: 10, floor: 0.2, floor_mode: raise }\n")?.field, "constraints.floor")
        XCTAssertEqual(error(base + "constraints: { cap: 0.1, floor: 0.1 }\n")?.rule, "floor must be below cap (0.1)")
        XCTAssertEqual(error(base + "selection: { top: 3 }\nconstraints: { cap: 0.3 }\n")?.value, "3")
        XCTAssertEqual(error("name: x\nweighting: { method: magic }\n")?.field, "weighting.method")
        XCTAssertEqual(error("name: x\n")?.rule, "missing key 'weighting'")
        XCTAssertEqual(error(base + "selection: { top: 10, entry_rank: 12 }\n")?.rule, "entry_rank must be ≤ top (10)")
        XCTAssertEqual(error(base + "sleeves:\n  - { name: a, budget: 0.5 }\n  - { name: b, budget: 0.4 }\n")?.field, "sleeves")
        XCTAssertEqual(error(base + "calendar: { frequency: weekly }\n")?.field, "calendar.frequency")
        XCTAssertEqual(error(base + "calendar: { frequency: explicit, dates: [2024-02-01, 2024-01-01] }\n")?.rule, "dates must be strictly increasing")
        XCTAssertEqual(error("name: x\nweighting: { method: target_volatility }\n")?.rule, "method target_volatility needs key 'target_volatility'")
        XCTAssertEqual(error("name: x\nweighting: { method: equal, weights: {a: 1} }\n")?.rule, "only used by method custom, not equal")
        XCTAssertEqual(error("name: [x\n")?.field, "(syntax)")
    }

    func testHashIsKeccakOfTheFileBytes() throws {
        let text = "name: x\nweighting: { method: equal }\n"
        XCTAssertEqual(try Methodology.parse(text, file: "m").hash, Keccak256Reference.hash(text))
    }
}

import ChainModel
enum Keccak256Reference {
    static func hash(_ text: String) -> Bytes32 { Keccak256.hash(Array(text.utf8)) }
}
