import XCTest
@testable import ChainModel

final class ABILayoutTests: XCTestCase {
    func testBidCallLayout() throws {
        let bid = try ABIFunction(signature: "bid(address _setToken, address _component, address _quoteAsset, uint256 _componentAmount, uint256 _quoteAssetLimit, bool _isSellAuction)")
        XCTAssertEqual(bid.layout(ofCall: bidCalldata + [0xff]), """
            selector 0x6db4a262 bid(address,address,address,uint256,uint256,bool)
            0x000  0000000000000000000000001111111111111111111111111111111111111111  argument 1 (_setToken): address 0x1111111111111111111111111111111111111111
            0x020  0000000000000000000000003333333333333333333333333333333333333333  argument 2 (_component): address 0x3333333333333333333333333333333333333333
            0x040  0000000000000000000000002222222222222222222222222222222222222222  argument 3 (_quoteAsset): address 0x2222222222222222222222222222222222222222
            0x060  000000000000000000000000000000000000000000000030ca024f987b900000  argument 4 (_componentAmount): uint256 900000000000000000000
            0x080  000000000000000000000000000000000000000000000000063eb89da4ed0000  argument 5 (_quoteAssetLimit): uint256 450000000000000000
            0x0a0  0000000000000000000000000000000000000000000000000000000000000001  argument 6 (_isSellAuction): bool true
            0x0c0  ff  unused (partial word)
            """)
        XCTAssertEqual(bid.layout(ofCall: [0x6d]), "call data has 1 bytes, fewer than the 4-byte selector")
    }

    func testStartRebalanceLayoutAndError() throws {
        let module = try ABIFunction(signature: """
            startRebalance(address _setToken, address _quoteAsset, address[] _newComponents, \
            (uint256 targetUnit, string priceAdapterName, bytes priceAdapterConfigData)[] _newComponentsAuctionParams, \
            (uint256 targetUnit, string priceAdapterName, bytes priceAdapterConfigData)[] _oldComponentsAuctionParams, \
            bool _shouldLockSetToken, uint256 _rebalanceDuration, uint256 _initialPositionMultiplier)
            """)
        let lines = module.layout(ofCall: startRebalanceCalldata).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 1 + 42)
        XCTAssertFalse(lines.contains { $0.hasSuffix("unused") }, "every word of a canonical encoding is accounted for")
        let expected = [
            "0x080  0000000000000000000000000000000000000000000000000000000000000320  argument 5 (_oldComponentsAuctionParams): offset 0x320 → 0x320",
            "0x160  0000000000000000000000000000000000000000000000000000000000000020  argument 4 (_newComponentsAuctionParams) [0]: offset 0x20 → 0x180",
            "0x1e0  0000000000000000000000000000000000000000000000000000000000000021  argument 4 (_newComponentsAuctionParams) [0].priceAdapterName: length 33",
            "0x220  7200000000000000000000000000000000000000000000000000000000000000  argument 4 (_newComponentsAuctionParams) [0].priceAdapterName: data and zero padding",
            "0x360  0000000000000000000000000000000000000000000000000000000000000120  argument 5 (_oldComponentsAuctionParams) [1]: offset 0x120 → 0x460",
            "0x460  0000000000000000000000000000000000000000000000003782dace9d900000  argument 5 (_oldComponentsAuctionParams) [1].targetUnit: uint256 4000000000000000000",
        ]
        for line in expected { XCTAssertTrue(lines.contains(line), line) }

        var bad = startRebalanceCalldata
        bad[4 + 0x220 + 31] = 0x01
        let badLines = module.layout(ofCall: bad).split(separator: "\n").map(String.init)
        XCTAssertEqual(badLines.last, "error: at byte 0x23f (argument 4 (_newComponentsAuctionParams) [0].priceAdapterName): padding bytes of string are not zero")
        XCTAssertTrue(badLines.contains("0x300  0000000000000000000000000000000000000000000000000fda687210c13a87  unused"), "words after the error are not interpreted")
    }
}
