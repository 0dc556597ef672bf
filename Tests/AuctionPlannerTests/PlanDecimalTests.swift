import ChainModel
import XCTest
@testable import AuctionPlanner

/// Decimal strings to integers with the documented rounding (§3.1 prices: nearest, halves up).
final class PlanDecimalTests: XCTestCase {
    func scaled(_ text: String, _ exponent: Int, _ rounding: DecimalRounding = .nearestHalfUp) -> String? {
        DecimalText(text)?.scaled(byPowerOf10: exponent, rounding: rounding)?.description
    }

    func testAuctionModulePriceExamples() {
        // auction-module §3.1: DAI(18)/WETH(18) at 0.0005 → 5e14; WBTC(8)/WETH(18) at 14.5 → 1.45e29.
        XCTAssertEqual(scaled("0.0005", 18 + 18 - 18), "500000000000000")
        XCTAssertEqual(scaled("14.5", 18 + 18 - 8), "145000000000000000000000000000")
        // ic21: XRP(6) at 0.0002098450832 ether → 0.0002098450832e18 · 1e18 / 1e6.
        XCTAssertEqual(scaled("0.0002098450832", 18 + 18 - 6), "209845083200000000000000000")
    }

    func testRoundingAtTheLastDigit() {
        // A 24-decimal component priced in a 6-decimal quote: exponent 0.
        XCTAssertEqual(scaled("2.5", 0), "3")
        XCTAssertEqual(scaled("2.4999999", 0), "2")
        XCTAssertEqual(scaled("2.5", 0, .down), "2")
        XCTAssertEqual(scaled("0.5", 0), "1")
        XCTAssertEqual(scaled("0.49", 0), "0")
        XCTAssertEqual(scaled("123.456", -2), "1")   // 1.23456 → 1
        XCTAssertEqual(scaled("150", -2), "2")       // 1.5 → 2
        XCTAssertEqual(scaled("7", -90), "0")
    }

    func testRejectsAndOverflows() {
        for bad in ["", ".5", "5.", "1e18", "-1", "+1", " 1", "1,5", "0x10", "1.2.3", String(repeating: "9", count: 79)] {
            XCTAssertNil(DecimalText(bad), bad)
        }
        XCTAssertNil(scaled(String(repeating: "9", count: 78), 0))  // above 2^256 − 1
        XCTAssertNil(scaled("1", 78))
        XCTAssertEqual(scaled("0", 200), "0")
        XCTAssertEqual(scaled("115792089237316195423570985008687907853269984665640564039457584007913129639935", 0),
                       UInt256.max.description)
    }

    func testWeightStrings() {
        XCTAssertEqual(DecimalText.wadString(UInt256(250_000_000_000_000_000)), "0.250000000000000000")
        XCTAssertEqual(DecimalText.wadString(UInt256(1_000_000_000_000_000_000)), "1.000000000000000000")
        XCTAssertEqual(DecimalText.wadString(UInt256(7)), "0.000000000000000007")
    }
}
