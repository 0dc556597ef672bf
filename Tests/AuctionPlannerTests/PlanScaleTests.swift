import ChainModel
import Foundation
import XCTest
@testable import AuctionPlanner

/// A 100-component synthetic index (``SyntheticIndex``, the benchmark's input): every target unit
/// is `⌊setValue·w/p⌋`, the arguments cover every component, and the 144-step curves stay within
/// their bounds.
final class PlanScaleTests: XCTestCase {
    func testHundredComponentPlan() throws {
        let inputs = SyntheticIndex.inputs(componentCount: 100)
        let plan = try Planner.plan(inputs)
        XCTAssertEqual(plan.rows.count, 101)
        XCTAssertEqual(plan.arguments.oldComponentsAuctionParams.count, 100)
        XCTAssertEqual(plan.arguments.newComponents, [inputs.prices.entries[100].address])
        XCTAssertEqual(plan.rows.last?.action, .add)
        XCTAssertEqual(plan.rows[99].action, .remove)
        let setValue = plan.tradeList.targets.setValue
        let one = UInt256(1_000_000_000_000_000_000)
        var expectedSetValue = UInt256.zero
        for c in inputs.snapshot.components {
            let price = try XCTUnwrap(plan.rows.first { $0.address == c.address }?.fairPrice)
            expectedSetValue += try UInt256.mulDiv(c.realUnit, price, one)
        }
        XCTAssertEqual(setValue, expectedSetValue)
        for row in plan.rows where [.buy, .sell, .add].contains(row.action) {
            XCTAssertEqual(row.targetUnit, try UInt256.mulDiv(setValue, row.targetWeight, row.fairPrice), row.symbol)
        }
        XCTAssertEqual(plan.schedule.stepSeconds.count, 144)
        for component in plan.schedule.components {
            guard case let .linear(curve) = component.adapter else { return XCTFail("linear curves expected") }
            for price in component.prices {
                XCTAssertTrue(curve.minPrice <= price && price <= curve.maxPrice)
            }
        }
        XCTAssertEqual(Planner.planDocumentText(inputs), Planner.planDocumentText(inputs))
    }
}

extension Planner {
    /// The document text of a plan of `inputs` (empty when planning throws).
    static func planDocumentText(_ inputs: PlanInputs) -> String { (try? plan(inputs).document.encoded()) ?? "" }
}
