import ChainModel
import Foundation
import Keeper
import XCTest

/// The reference price file: `as_of`, re-reading on every evaluation, the staleness guard and
/// the errors that cost a bid (never the keeper).
final class ReferencePriceSourceTests: XCTestCase {
    let c = "0x3333333333333333333333333333333333333333"

    func document(price: String, asOf: String? = nil) -> String {
        #"{"format": "rebalancer/reference-prices@1", "#
            + (asOf.map { #""as_of": \#($0), "# } ?? "")
            + #""prices": {"\#(c)": "\#(price)"}}"#
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func testAsOfIsOptionalUnixSeconds() throws {
        XCTAssertEqual(try ReferencePrices.parseDocument(Array(document(price: "7", asOf: "1775000000").utf8)),
                       ReferencePrices.Document(prices: [Fixture.component: UInt256(UInt64(7))], asOf: 1_775_000_000))
        XCTAssertEqual(try ReferencePrices.parseDocument(Array(document(price: "7").utf8)).asOf, nil)
        for bad in ["-1", "1.5", "\"1775000000\"", "1e9", "1000000000001", "null"] {
            XCTAssertThrowsError(try ReferencePrices.parseDocument(Array(document(price: "7", asOf: bad).utf8)), bad) { error in
                XCTAssertEqual((error as? KeeperError)?.description,
                               "reference prices: as_of: must be Unix seconds, an integer from 0 to 10^12, not \(bad)")
            }
        }
    }

    func testTheFileIsReadAgainOnEveryEvaluation() throws {
        let path = Fixture.temporaryJournal() + ".prices.json"
        let source = ReferencePriceFile(path: path)
        XCTAssertThrowsError(try source.prices()) { error in
            guard case let .unreadable(name, _)? = error as? ReferencePriceError else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "reference prices \(path)")
        }
        try write(document(price: "5"), to: path)
        XCTAssertEqual(try source.prices(), [Fixture.component: UInt256(UInt64(5))])
        try write(document(price: "6"), to: path)
        XCTAssertEqual(try source.prices(), [Fixture.component: UInt256(UInt64(6))])
        try write("{\"format\": 1}", to: path)
        XCTAssertThrowsError(try source.prices()) { error in
            XCTAssertEqual((error as? ReferencePriceError)?.description,
                           "reference prices \(path): reference prices: format: must be rebalancer/reference-prices@1")
        }
        try write(String(repeating: " ", count: ReferencePriceFile.maximumBytes) + document(price: "5"), to: path)
        XCTAssertThrowsError(try source.prices()) { error in
            XCTAssertEqual((error as? ReferencePriceError)?.description,
                           "reference prices \(path): cannot read (larger than the 1048576-byte limit)")
        }
    }

    func testAMaximumAgeRefusesOldOrUndatedPrices() throws {
        let path = Fixture.temporaryJournal() + ".prices.json"
        let source = ReferencePriceFile(path: path, freshness: ReferencePriceFreshness(maxAge: 60, now: { 1_775_000_100 }))
        try write(document(price: "5", asOf: "1775000040"), to: path)
        XCTAssertEqual(try source.prices(), [Fixture.component: UInt256(UInt64(5))], "exactly 60 s old")
        try write(document(price: "5", asOf: "1775000200"), to: path)
        XCTAssertEqual(try source.prices(), [Fixture.component: UInt256(UInt64(5))], "from the future")
        try write(document(price: "5", asOf: "1775000039"), to: path)
        XCTAssertThrowsError(try source.prices()) { error in
            XCTAssertEqual(error as? ReferencePriceError, .stale(source: "reference prices \(path)", asOf: 1_775_000_039, maxAge: 60, now: 1_775_000_100))
            XCTAssertEqual((error as? ReferencePriceError)?.description,
                           "reference prices \(path): as_of 1775000039 is 61 s old at 1775000100; at most 60 s allowed")
        }
        try write(document(price: "5"), to: path)
        XCTAssertThrowsError(try source.prices()) { error in
            XCTAssertEqual((error as? ReferencePriceError)?.description,
                           "reference prices \(path): no as_of, but prices at most 60 s old are required")
        }
        // Without a maximum age an undated or old document is fine.
        XCTAssertEqual(try ReferencePriceFile(path: path).prices(), [Fixture.component: UInt256(UInt64(5))])
    }
}
