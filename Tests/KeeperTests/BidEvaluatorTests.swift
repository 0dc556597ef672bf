import ChainModel
import Keeper
import XCTest

/// The price check and sizing of bids, on hand-computed integer vectors.
final class BidEvaluatorTests: XCTestCase {
    func u(_ value: UInt64) -> UInt256 { UInt256(value) }
    let e18: UInt64 = 1_000_000_000_000_000_000

    func quote(sell: Bool, size: UInt64, quote: UInt64) -> AuctionQuote {
        AuctionQuote(component: Fixture.component, quoteAsset: Fixture.quote, isSellAuction: sell, componentQuantity: u(size), quoteQuantity: u(quote))
    }

    let rich = BidderFunds(quoteBalance: UInt256.max, quoteAllowance: UInt256.max, componentBalance: UInt256.max, componentAllowance: UInt256.max)

    func testSellAuctionIsFavourableUpToTheReferenceLessTheMargin() {
        // value = 1000·3 = 3000; ceiling = 3000·9900/10000 = 2970.
        XCTAssertEqual(BidEvaluator.proposal(quote(sell: true, size: 1_000, quote: 2_970), referencePrice: u(3 * e18), marginBasisPoints: 100, funds: rich),
                       BidProposal(component: Fixture.component, quoteAsset: Fixture.quote, componentAmount: u(1_000), quoteAssetLimit: u(2_970), isSellAuction: true))
        XCTAssertNil(BidEvaluator.proposal(quote(sell: true, size: 1_000, quote: 2_971), referencePrice: u(3 * e18), marginBasisPoints: 100, funds: rich))
        // Capped by the allowance (2000 < balance 5000): ⌊1000·2000/2970⌋ = 673 for at most 2000.
        let funds = BidderFunds(quoteBalance: u(5_000), quoteAllowance: u(2_000), componentBalance: .zero, componentAllowance: .zero)
        XCTAssertEqual(BidEvaluator.proposal(quote(sell: true, size: 1_000, quote: 2_970), referencePrice: u(3 * e18), marginBasisPoints: 100, funds: funds),
                       BidProposal(component: Fixture.component, quoteAsset: Fixture.quote, componentAmount: u(673), quoteAssetLimit: u(2_000), isSellAuction: true))
        let broke = BidderFunds(quoteBalance: .zero, quoteAllowance: u(9_999), componentBalance: u(9_999), componentAllowance: u(9_999))
        XCTAssertNil(BidEvaluator.proposal(quote(sell: true, size: 1_000, quote: 2_970), referencePrice: u(3 * e18), marginBasisPoints: 100, funds: broke))
    }

    func testBuyAuctionIsFavourableFromTheReferencePlusTheMargin() {
        // value = 3000; floor = ⌈3000·10100/10000⌉ = 3030.
        XCTAssertEqual(BidEvaluator.proposal(quote(sell: false, size: 1_000, quote: 3_030), referencePrice: u(3 * e18), marginBasisPoints: 100, funds: rich),
                       BidProposal(component: Fixture.component, quoteAsset: Fixture.quote, componentAmount: u(1_000), quoteAssetLimit: u(3_030), isSellAuction: false))
        XCTAssertNil(BidEvaluator.proposal(quote(sell: false, size: 1_000, quote: 3_029), referencePrice: u(3 * e18), marginBasisPoints: 100, funds: rich))
        // Capped by the balance (600 < allowance 800): at least ⌊600·3030/1000⌋ = 1818.
        let funds = BidderFunds(quoteBalance: .zero, quoteAllowance: .zero, componentBalance: u(600), componentAllowance: u(800))
        XCTAssertEqual(BidEvaluator.proposal(quote(sell: false, size: 1_000, quote: 3_030), referencePrice: u(3 * e18), marginBasisPoints: 100, funds: funds),
                       BidProposal(component: Fixture.component, quoteAsset: Fixture.quote, componentAmount: u(600), quoteAssetLimit: u(1_818), isSellAuction: false))
    }

    func testRoundingFavoursTheReferenceOnBothSides() {
        // size 7 at 1.5: sell value ⌊10.5⌋ = 10, ceiling ⌊9.9⌋ = 9; buy value ⌈10.5⌉ = 11, floor ⌈11.11⌉ = 12.
        let ref = u(3 * e18 / 2)
        XCTAssertNotNil(BidEvaluator.proposal(quote(sell: true, size: 7, quote: 9), referencePrice: ref, marginBasisPoints: 100, funds: rich))
        XCTAssertNil(BidEvaluator.proposal(quote(sell: true, size: 7, quote: 10), referencePrice: ref, marginBasisPoints: 100, funds: rich))
        XCTAssertNotNil(BidEvaluator.proposal(quote(sell: false, size: 7, quote: 12), referencePrice: ref, marginBasisPoints: 100, funds: rich))
        XCTAssertNil(BidEvaluator.proposal(quote(sell: false, size: 7, quote: 11), referencePrice: ref, marginBasisPoints: 100, funds: rich))
    }

    func testDegenerateInputsGiveNoBid() {
        XCTAssertNil(BidEvaluator.proposal(quote(sell: true, size: 1_000, quote: 1), referencePrice: u(3 * e18), marginBasisPoints: 10_000, funds: rich))
        XCTAssertNil(BidEvaluator.proposal(quote(sell: true, size: 0, quote: 0), referencePrice: u(3 * e18), marginBasisPoints: 0, funds: rich))
        let huge = AuctionQuote(component: Fixture.component, quoteAsset: Fixture.quote, isSellAuction: false,
                                componentQuantity: .max, quoteQuantity: .max)
        XCTAssertNil(BidEvaluator.proposal(huge, referencePrice: .max, marginBasisPoints: 0, funds: rich), "a value beyond 2^256 is no bid")
    }
}

/// The reference price file.
final class ReferencePricesTests: XCTestCase {
    func parse(_ text: String) -> Result<[Address: UInt256], KeeperError> {
        do { return .success(try ReferencePrices.parse(Array(text.utf8))) } catch { return .failure(error) }
    }

    func testPricesByComponent() throws {
        let prices = try parse("""
            {"format": "rebalancer/reference-prices@1", "prices": {"0x3333333333333333333333333333333333333333": "1500000000000000000",
             "0x4444444444444444444444444444444444444444": "115792089237316195423570985008687907853269984665640564039457584007913129639935"}}
            """).get()
        XCTAssertEqual(prices, [Fixture.component: UInt256(UInt64(1_500_000_000_000_000_000)), Fixture.quote: .max])
    }

    func testBadFilesNameTheFieldAndRule() {
        let c = "0x3333333333333333333333333333333333333333"
        let cases: [(String, String)] = [
            ("{", "reference prices: (document): not JSON"),
            (#"{"format": "x", "prices": {}}"#, "reference prices: format: must be rebalancer/reference-prices@1"),
            (#"{"format": "rebalancer/reference-prices@1", "prices": {}}"#,
             "reference prices: prices: must be a non-empty object of component address to price"),
            (#"{"format": "rebalancer/reference-prices@1", "prices": {"0x12": "1"}}"#, "reference prices: prices.0x12: the key is not an address"),
            (#"{"format": "rebalancer/reference-prices@1", "prices": {"\#(c)": 5}}"#,
             "reference prices: prices.\(Fixture.component.checksummed): must be a positive decimal integer string below 2^256, not 5"),
            (#"{"format": "rebalancer/reference-prices@1", "prices": {"\#(c)": "0"}}"#,
             "reference prices: prices.\(Fixture.component.checksummed): must be a positive decimal integer string below 2^256, not \"0\""),
            (#"{"format": "rebalancer/reference-prices@1", "prices": {"\#(c)": "1.5"}}"#,
             "reference prices: prices.\(Fixture.component.checksummed): must be a positive decimal integer string below 2^256, not \"1.5\""),
            (#"{"format": "rebalancer/reference-prices@1", "prices": {"\#(c)": "115792089237316195423570985008687907853269984665640564039457584007913129639936"}}"#,
             "reference prices: prices.\(Fixture.component.checksummed): must be a positive decimal integer string below 2^256"),
            (#"{"format": "rebalancer/reference-prices@1", "prices": {"\#(c)": "1", "\#(c.uppercased().replacingOccurrences(of: "0X", with: "0x"))": "2"}}"#,
             "reference prices: prices.\(Fixture.component.checksummed): appears twice"),
        ]
        for (text, expected) in cases {
            guard case let .failure(error) = parse(text) else { XCTFail("accepted \(text)"); continue }
            XCTAssertTrue(error.description.hasPrefix(expected), "\(text): \(error.description)")
        }
    }
}
