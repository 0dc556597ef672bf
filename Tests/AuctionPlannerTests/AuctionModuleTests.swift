import XCTest
import ChainModel
@testable import AuctionPlanner

final class AuctionModuleTests: XCTestCase {
    let dai = dummyAddress(0xDA), wbtc = dummyAddress(0xB7), weth = dummyAddress(0xEE)
    let a = dummyAddress(0x0A), b = dummyAddress(0x0B), n = dummyAddress(0x0C)

    private func constant(_ target: UInt256, _ price: UInt256) -> AuctionExecutionParams {
        AuctionExecutionParams(targetUnit: target, priceAdapter: .constant(ConstantPriceAdapter(price: price)))
    }

    /// auction-module §9.1: the index-protocol module test scenario.
    private func moduleTestScenario(fee: UInt256 = .zero) throws -> AuctionRebalanceSimulator {
        let set = try SetTokenState.issued(units: [(dai, sci(10000, 18)), (wbtc, sci(5, 7)), (weth, sci(5, 18))], supply: sci(1, 18))
        var sim = AuctionRebalanceSimulator(setToken: set, protocolFee: fee, blockTimestamp: UInt256(1_700_000_000))
        try sim.startRebalance(quoteAsset: weth, newComponents: [], newComponentsAuctionParams: [],
                               oldComponentsAuctionParams: [self.constant(sci(9100, 18), sci(5, 14)), constant(sci(6, 7), sci(145, 27)), constant(sci(4, 18), sci(1, 18))],
                               shouldLockSetToken: false, rebalanceDuration: UInt256(5 * 86400), initialPositionMultiplier: sci(1, 18))
        return sim
    }

    func testModuleTestSizesQuotesAndPreview() throws {
        var sim = try moduleTestScenario()
        XCTAssertTrue(try sim.auctionSizeAndDirection(dai) == (true, sci(900, 18)))
        XCTAssertTrue(try sim.auctionSizeAndDirection(wbtc) == (false, sci(1, 7)))
        // §2.9(2): the quote asset is not rejected by the size view.
        XCTAssertTrue(try sim.auctionSizeAndDirection(weth) == (true, sci(1, 18)))
        let daiPreview = try sim.bidPreview(component: dai, quoteAsset: weth, componentQuantity: sci(900, 18),
                                            quoteQuantityLimit: .max, isSellAuction: true)
        XCTAssertEqual(daiPreview.quoteQuantity, sci(45, 16))
        XCTAssertEqual(daiPreview.preBidTokenSentBalance, sci(10000, 18))
        XCTAssertEqual(daiPreview.preBidTokenReceivedBalance, sci(5, 18))
        XCTAssertEqual(daiPreview.setTotalSupply, sci(1, 18))
        let wbtcPreview = try sim.bidPreview(component: wbtc, quoteAsset: weth, componentQuantity: .max,
                                             quoteQuantityLimit: 0, isSellAuction: false)
        XCTAssertEqual(wbtcPreview.quoteQuantity, sci(145, 16))
        XCTAssertEqual(wbtcPreview.componentQuantity, sci(1, 7))
        XCTAssertEqual(wbtcPreview.preBidTokenSentBalance, sci(5, 18))
        XCTAssertEqual(wbtcPreview.preBidTokenReceivedBalance, sci(5, 7))
        // The DAI bid, then units and event numbers.
        let execution = try sim.bid(component: dai, quoteAsset: weth, componentAmount: sci(900, 18), quoteAssetLimit: sci(45, 16), isSellAuction: true)
        XCTAssertEqual(execution.info.componentPrice, sci(5, 14))
        XCTAssertEqual(execution.netQuantitySentBySet, sci(900, 18))
        XCTAssertEqual(execution.netQuantityReceivedBySet, sci(45, 16))
        XCTAssertEqual(execution.protocolFee, .zero)
        XCTAssertEqual(execution.info.setTotalSupply, sci(1, 18))
        XCTAssertEqual(sim.setToken.realUnit(of: dai), sci(9100, 18))
        XCTAssertEqual(sim.setToken.realUnit(of: wbtc), sci(5, 7))
        XCTAssertEqual(sim.setToken.realUnit(of: weth), sci(545, 16))
        // With a 0.5 % fee the buy is grossed up; the sell is unchanged.
        let withFee = try moduleTestScenario(fee: sci(5, 15))
        XCTAssertTrue(try withFee.auctionSizeAndDirection(wbtc) == (false, 10_050_251))
        XCTAssertEqual(try PreciseUnitMath.preciseDiv(sci(1, 7), sci(995, 15)), 10_050_251)
        XCTAssertTrue(try withFee.auctionSizeAndDirection(dai) == (true, sci(900, 18)))
    }

    // §2.6: balance not accounted by units (an airdrop) stays out of the post-bid unit.
    func testAirdropIsExcludedFromPostBidUnits() throws {
        var sim = try moduleTestScenario()
        sim.setToken.balances[dai] = Word256.add(sim.setToken.balance(of: dai), sci(7, 18)).value
        sim.setToken.balances[weth] = Word256.add(sim.setToken.balance(of: weth), 3).value
        let execution = try sim.bid(component: dai, quoteAsset: weth, componentAmount: .max, quoteAssetLimit: .max, isSellAuction: true)
        XCTAssertEqual(execution.info.preBidTokenSentBalance, sci(10007, 18))
        XCTAssertEqual(sim.setToken.realUnit(of: dai), sci(9100, 18))
        XCTAssertEqual(sim.setToken.realUnit(of: weth), sci(545, 16))
        XCTAssertEqual(sim.setToken.balance(of: dai), sci(9107, 18))
        XCTAssertEqual(sim.setToken.balance(of: weth), Word256.add(sci(545, 16), 3).value)
    }

    func testBidRevertsInContractOrder() throws {
        var sim = try moduleTestScenario()
        func expect(_ error: AuctionModuleError, _ body: () throws -> Void, line: UInt = #line) {
            XCTAssertThrowsError(try body(), line: line) { XCTAssertEqual($0 as? AuctionModuleError, error, line: line) }
        }
        expect(.cannotBidExplicitlyOnQuoteAsset) { try sim.bid(component: weth, quoteAsset: weth, componentAmount: 1, quoteAssetLimit: .max, isSellAuction: true) }
        expect(.quoteAssetMismatch) { try sim.bid(component: dai, quoteAsset: wbtc, componentAmount: 1, quoteAssetLimit: .max, isSellAuction: true) }
        expect(.componentNotPartOfRebalance(n)) { try sim.bid(component: n, quoteAsset: weth, componentAmount: 1, quoteAssetLimit: .max, isSellAuction: true) }
        expect(.componentAmountMustBePositive) { try sim.bid(component: dai, quoteAsset: weth, componentAmount: 0, quoteAssetLimit: .max, isSellAuction: true) }
        expect(.auctionDirectionMismatch) { try sim.bid(component: dai, quoteAsset: weth, componentAmount: 1, quoteAssetLimit: 0, isSellAuction: false) }
        expect(.bidSizeExceedsAuctionQuantity) { try sim.bid(component: dai, quoteAsset: weth, componentAmount: sci(901, 18), quoteAssetLimit: .max, isSellAuction: true) }
        expect(.quoteAssetQuantityExceedsLimit) { try sim.bid(component: dai, quoteAsset: weth, componentAmount: sci(900, 18), quoteAssetLimit: Word256.sub(sci(45, 16), 1).value, isSellAuction: true) }
        expect(.quoteAssetQuantityBelowLimit) { try sim.bid(component: wbtc, quoteAsset: weth, componentAmount: .max, quoteAssetLimit: Word256.add(sci(145, 16), 1).value, isSellAuction: false) }
        let before = sim.setToken
        sim.setToken.balances[weth] = sci(1, 18)
        expect(.insufficientQuoteAssetBalance) { try sim.bid(component: wbtc, quoteAsset: weth, componentAmount: .max, quoteAssetLimit: 0, isSellAuction: false) }
        sim.setToken = before
        sim.blockTimestamp = UInt256(1_700_000_000 + 5 * 86400)
        expect(.rebalanceMustBeInProgress) { try sim.bid(component: dai, quoteAsset: weth, componentAmount: 1, quoteAssetLimit: .max, isSellAuction: true) }
        sim.blockTimestamp = UInt256(1_700_000_000 + 5 * 86400 - 1)
        try sim.bid(component: dai, quoteAsset: weth, componentAmount: .max, quoteAssetLimit: .max, isSellAuction: true)
        expect(.targetAlreadyMet) { try sim.bid(component: dai, quoteAsset: weth, componentAmount: 1, quoteAssetLimit: .max, isSellAuction: true) }
        XCTAssertEqual(sim.setToken, {
            var s = before
            s.balances[dai] = sci(9100, 18); s.balances[weth] = sci(545, 16)
            return s
        }().with(virtualUnitsOf: sim.setToken))
    }

    func testStartRebalanceChecksInOrder() throws {
        let set = try SetTokenState.issued(units: [(dai, sci(10000, 18)), (weth, sci(5, 18))], supply: sci(1, 18))
        var sim = AuctionRebalanceSimulator(setToken: set)
        let good = constant(sci(1, 18), sci(1, 18))
        let invalid = constant(sci(1, 18), 0)
        let unknown = AuctionExecutionParams(targetUnit: 1, priceAdapterName: "BoostedPriceAdapter", priceAdapterConfigData: good.priceAdapterConfigData)
        func start(_ new: [Address], _ newParams: [AuctionExecutionParams], _ old: [AuctionExecutionParams]) throws {
            try sim.startRebalance(quoteAsset: weth, newComponents: new, newComponentsAuctionParams: newParams, oldComponentsAuctionParams: old,
                                   shouldLockSetToken: true, rebalanceDuration: 86400, initialPositionMultiplier: sci(1, 18))
        }
        let cases: [(AuctionModuleError, () throws -> Void)] = [
            (.newComponentsAndParamsLengthMismatch, { try start([self.n], [], [good]) }),
            (.oldComponentsAndParamsLengthMismatch, { try start([self.n], [good], [good]) }),
            (.cannotHaveDuplicateComponents, { try start([self.dai], [good], [good, good]) }),
            (.mustBeValidAdapter(name: "BoostedPriceAdapter"), { try start([self.n], [invalid], [good, unknown]) }),
            (.priceAdapterConfigDataInvalid(component: self.weth), { try start([self.n], [good], [good, invalid]) }),
            (.newComponentTargetUnitMustBeGreaterThanZero(component: self.n), { try start([self.n], [self.constant(0, sci(1, 18))], [good, good]) }),
            (.priceAdapterConfigDataInvalid(component: self.n), { try start([self.n], [invalid], [good, good]) }),
            (.priceAdapter(.configDataTooShort(adapter: "ConstantPriceAdapter", byteCount: 0, required: 32)),
             { try start([], [], [good, AuctionExecutionParams(targetUnit: 1, priceAdapterName: "ConstantPriceAdapter", priceAdapterConfigData: [])]) }),
        ]
        for (error, body) in cases {
            XCTAssertThrowsError(try body()) { XCTAssertEqual($0 as? AuctionModuleError, error) }
            XCTAssertEqual(sim.setToken.lock, .unlocked, "a reverted start leaves no lock")
        }
        XCTAssertEqual(AuctionModuleError.newComponentTargetUnitMustBeGreaterThanZero(component: n).description,
                       "New component target unit must be greater than 0")
        sim.setToken.lock = .lockedByOtherModule
        XCTAssertThrowsError(try start([], [], [good, good])) { XCTAssertEqual($0 as? AuctionModuleError, .mustNotBeLocked) }
        sim.setToken.lock = .unlocked
        try start([n], [good], [good, good])
        XCTAssertEqual(sim.setToken.lock, .lockedByAuctionModule)
        XCTAssertEqual(sim.rebalanceInfo.rebalanceComponents, [dai, weth, n])
        XCTAssertThrowsError(try sim.setToken.accrueStreamingFee(elapsed: 1, streamingFeePercentage: 1)) {
            XCTAssertEqual($0 as? AuctionModuleError, .whenLockedOnlyTheLockerCanCall)
        }
    }

    // auction-module §9.2: fee drift, protocol fee, a new component and three adapters.
    func testFeeDriftScenarioEveryRow() throws {
        let fee = sci(2, 16)  // 2 %/yr streaming fee
        var set = try SetTokenState.issued(units: [(a, wei("3333333333333333333")), (b, wei("707106781186547524")), (weth, sci(25, 16))],
                                          supply: wei("3141592653589793238"))
        try set.accrueStreamingFee(elapsed: 2_592_007, streamingFeePercentage: fee)
        XCTAssertEqual(set.positionMultiplier, wei("998357285091388446"))
        XCTAssertEqual(set.totalSupply, wei("3146761886254193616"))
        let t0: UInt64 = 1_706_000_000
        var sim = AuctionRebalanceSimulator(setToken: set, protocolFee: sci(5, 15), blockTimestamp: UInt256(t0))
        let aCurve = PriceAdapter.exponential(.init(initialPrice: sci(102, 16), scalingFactor: sci(1, 15), timeCoefficient: sci(5, 16), bucketSize: 600,
                                                    isDecreasing: true, maxPrice: sci(102, 16), minPrice: sci(95, 16)))
        let bCurve = PriceAdapter.linear(.init(initialPrice: sci(98, 16), slope: sci(1, 15), bucketSize: 600, isDecreasing: false,
                                               maxPrice: sci(105, 16), minPrice: sci(98, 16)))
        let nCurve = PriceAdapter.logarithmic(.init(initialPrice: sci(2, 18), scalingFactor: sci(1, 16), timeCoefficient: sci(1, 18), bucketSize: 300,
                                                    isDecreasing: false, maxPrice: sci(22, 17), minPrice: sci(2, 18)))
        try sim.startRebalance(quoteAsset: weth, newComponents: [n],
                               newComponentsAuctionParams: [AuctionExecutionParams(targetUnit: sci(5, 16), priceAdapter: nCurve)],
                               oldComponentsAuctionParams: [AuctionExecutionParams(targetUnit: sci(25, 17), priceAdapter: aCurve),
                                                            AuctionExecutionParams(targetUnit: sci(11, 17), priceAdapter: bCurve),
                                                            constant(sci(1, 17), sci(1, 18))],
                               shouldLockSetToken: false, rebalanceDuration: 86400, initialPositionMultiplier: wei("998357285091388446"))
        try sim.setToken.accrueStreamingFee(elapsed: 602, streamingFeePercentage: fee)
        XCTAssertEqual(sim.setToken.positionMultiplier, wei("998356904193547277"))
        XCTAssertEqual(sim.setToken.totalSupply, wei("3146763086821650115"))

        struct Row {
            var component: Address; var t: UInt64; var isSell: Bool; var cu, tu, size: String; var qty: String?
            var price, quote, fee, sent, received, postComponent, postWeth: String
        }
        let rows = [
            Row(component: a, t: 1234, isSell: true, cu: "3327856347311824256", tu: "2499999046188556799", size: "2605070796330493415",
                qty: "1042028318532197366", price: "1019894829081924353", quote: "1062759293827920460", fee: "5313796469139602",
                sent: "1042028318532197366", received: "1057445497358780858", postComponent: "2996713426862517272", postWeth: "585631523540455359"),
            Row(component: a, t: 4000, isSell: true, cu: "2996713426862517272", tu: "2499999046188556799", size: "1563042477798296045",
                qty: nil, price: "1019650141192423997", quote: "1593756483176788813", fee: "7968782415883944",
                sent: "1563042477798296045", received: "1585787700760904869", postComponent: "2499999046188556798", postWeth: "1089574037485034039"),
            Row(component: b, t: 4507, isSell: false, cu: "705944936999665624", tu: "1099999580322964991", size: "1246227744523045081",
                qty: nil, price: "987000000000000000", quote: "1230026783844245494", fee: "6231138722615225",
                sent: "1230026783844245494", received: "1239996605800429856", postComponent: "1099999580322964990", postWeth: "698687672701017479"),
            Row(component: n, t: 5000, isSell: false, cu: "0", tu: "49999980923771135", size: "158128738002723294",
                qty: "52709579334241098", price: "2028332133440562160", quote: "106912533503775812", fee: "263547896671205",
                sent: "106912533503775812", received: "52446031437569893", postComponent: "16666660307923710", postWeth: "664712273043027489"),
            Row(component: n, t: 5001, isSell: false, cu: "16666660307923710", tu: "49999980923771135", size: "105419158668482202",
                qty: nil, price: "2028332133440562160", quote: "213825067007551636", fee: "527095793342411",
                sent: "213825067007551636", received: "104892062875139791", postComponent: "49999980923771134", postWeth: "596761473727047506"),
        ]
        for (i, row) in rows.enumerated() {
            let message = "row \(i + 1)"
            sim.blockTimestamp = UInt256(t0 + row.t)
            XCTAssertEqual(sim.setToken.realUnit(of: row.component), wei(row.cu), message)
            XCTAssertEqual(try sim.normalizedTargetUnit(row.component), wei(row.tu), message)
            let (isSell, size) = try sim.auctionSizeAndDirection(row.component)
            XCTAssertEqual(isSell, row.isSell, message)
            XCTAssertEqual(size, wei(row.size), message)
            let execution = try sim.bid(component: row.component, quoteAsset: weth, componentAmount: row.qty.map { wei($0) } ?? .max,
                                        quoteAssetLimit: row.isSell ? .max : .zero, isSellAuction: row.isSell)
            XCTAssertEqual(execution.info.componentQuantity, wei(row.qty ?? row.size), message)
            XCTAssertEqual(execution.info.componentPrice, wei(row.price), message)
            XCTAssertEqual(execution.info.quoteQuantity, wei(row.quote), message)
            XCTAssertEqual(execution.protocolFee, wei(row.fee), message)
            XCTAssertEqual(execution.netQuantitySentBySet, wei(row.sent), message)
            XCTAssertEqual(execution.netQuantityReceivedBySet, wei(row.received), message)
            XCTAssertEqual(sim.setToken.realUnit(of: row.component), wei(row.postComponent), message)
            XCTAssertEqual(sim.setToken.realUnit(of: weth), wei(row.postWeth), message)
            if i == 1 {  // §2.6: the unit before storage is 1 wei above the read-back.
                XCTAssertEqual(execution.computedSendTokenUnit, wei("2499999046188556799"))
            }
        }
        XCTAssertEqual(sim.setToken.components, [a, b, weth, n])
        // Dust reverse auction, completion predicates.
        XCTAssertTrue(try sim.auctionSizeAndDirection(a) == (false, 4))
        XCTAssertTrue(try sim.allTargetsMet())
        XCTAssertTrue(try sim.isQuoteAssetExcessOrAtTarget())
        XCTAssertTrue(try sim.canRaiseAssetTargets())
        XCTAssertTrue(try sim.canUnlockEarly())
        sim.setRaiseTargetPercentage(sci(25, 14))
        XCTAssertFalse(try sim.canUnlockEarly())
        XCTAssertEqual(try sim.raiseAssetTargets(), wei("995867616051260295"))
        XCTAssertTrue(try sim.auctionSizeAndDirection(a) == (false, wei("19766092250340419")))
        XCTAssertTrue(try sim.auctionSizeAndDirection(b) == (false, wei("8697080590149786")))
        XCTAssertTrue(try sim.auctionSizeAndDirection(n) == (false, wei("395321845006813")))
        // Not locked: unlock is useless (§2.3) and raiseTargetPercentage persists.
        sim.blockTimestamp = UInt256(t0 + 86400)
        XCTAssertThrowsError(try sim.unlock()) { XCTAssertEqual($0 as? AuctionModuleError, .mustBeLocked) }
        XCTAssertThrowsError(try sim.raiseAssetTargets()) { XCTAssertEqual($0 as? AuctionModuleError, .rebalanceMustBeInProgress) }
        XCTAssertEqual(sim.rebalanceInfo.raiseTargetPercentage, sci(25, 14))
    }

    // §2.9(1): locked, quote target 0, quote unit 0 → unlock reverts forever.
    func testUnlockUnderflowRevert() throws {
        let set = try SetTokenState.issued(units: [(a, sci(2, 18)), (b, sci(1, 18))], supply: sci(1, 18))
        var sim = AuctionRebalanceSimulator(setToken: set, blockTimestamp: 1000)
        try sim.startRebalance(quoteAsset: weth, newComponents: [], newComponentsAuctionParams: [],
                               oldComponentsAuctionParams: [constant(sci(1, 18), sci(1, 18)), constant(sci(2, 18), sci(1, 18))],
                               shouldLockSetToken: true, rebalanceDuration: 3600, initialPositionMultiplier: sci(1, 18))
        sim.blockTimestamp = 1010
        XCTAssertThrowsError(try sim.bid(component: b, quoteAsset: weth, componentAmount: .max, quoteAssetLimit: 0, isSellAuction: false)) {
            XCTAssertEqual($0 as? AuctionModuleError, .insufficientQuoteAssetBalance)  // §2.9(3)
        }
        try sim.bid(component: a, quoteAsset: weth, componentAmount: .max, quoteAssetLimit: .max, isSellAuction: true)
        XCTAssertEqual(sim.setToken.components, [a, b, weth])
        XCTAssertFalse(try sim.canUnlockEarly())
        XCTAssertThrowsError(try sim.unlock()) { XCTAssertEqual($0 as? AuctionModuleError, .cannotUnlockEarly) }
        try sim.bid(component: b, quoteAsset: weth, componentAmount: .max, quoteAssetLimit: 0, isSellAuction: false)
        XCTAssertEqual(sim.setToken.components, [a, b], "WETH removed by swap-and-pop")
        XCTAssertTrue(try sim.allTargetsMet())
        let underflow = AuctionModuleError.safeMath(.subtractionOverflow)
        XCTAssertThrowsError(try sim.isQuoteAssetExcessOrAtTarget()) { XCTAssertEqual($0 as? AuctionModuleError, underflow) }
        XCTAssertThrowsError(try sim.canUnlockEarly()) { XCTAssertEqual($0 as? AuctionModuleError, underflow) }
        sim.blockTimestamp = UInt256(1000 + 3600 + 1_000_000)
        XCTAssertThrowsError(try sim.unlock()) {
            XCTAssertEqual($0 as? AuctionModuleError, underflow)
            XCTAssertEqual(String(describing: $0), "SafeMath: subtraction overflow")
        }
        XCTAssertEqual(sim.setToken.lock, .lockedByAuctionModule)
        // Recovery: a new rebalance with a positive quote target.
        sim.blockTimestamp = UInt256(2_000_000)
        try sim.startRebalance(quoteAsset: weth, newComponents: [weth], newComponentsAuctionParams: [constant(1, sci(1, 18))],
                               oldComponentsAuctionParams: [constant(sci(1, 18), sci(1, 18)), constant(sci(2, 18), sci(1, 18))],
                               shouldLockSetToken: false, rebalanceDuration: 1, initialPositionMultiplier: sci(1, 18))
        XCTAssertTrue(try sim.isQuoteAssetExcessOrAtTarget(), "approximatelyEquals(0, 1, 1) no longer underflows")
        sim.blockTimestamp = UInt256(2_000_001)
        XCTAssertTrue(try sim.unlock(), "all targets met: the unlock also counts as early")
        XCTAssertEqual(sim.setToken.lock, .unlocked)
    }

    func testEarlyUnlockEndsRebalance() throws {
        var sim = try moduleTestScenario()
        sim.setToken.lock = .lockedByAuctionModule
        sim.blockTimestamp = UInt256(1_700_000_100)
        try sim.bid(component: dai, quoteAsset: weth, componentAmount: .max, quoteAssetLimit: .max, isSellAuction: true)
        XCTAssertThrowsError(try sim.unlock()) { XCTAssertEqual($0 as? AuctionModuleError, .cannotUnlockEarly) }
        try sim.bid(component: wbtc, quoteAsset: weth, componentAmount: .max, quoteAssetLimit: 0, isSellAuction: false)
        // WETH: 5 + 0.45 − 1.45 = 4e18 = target → at target; all met.
        XCTAssertEqual(sim.setToken.realUnit(of: weth), sci(4, 18))
        XCTAssertTrue(try sim.canUnlockEarly())
        XCTAssertFalse(try sim.canRaiseAssetTargets())
        XCTAssertThrowsError(try sim.raiseAssetTargets()) { XCTAssertEqual($0 as? AuctionModuleError, .targetsNotMetOrQuoteAssetApproximatelyZero) }
        XCTAssertTrue(try sim.unlock())
        XCTAssertEqual(sim.rebalanceInfo.rebalanceDuration, .zero)
        XCTAssertTrue(try sim.isRebalanceDurationElapsed())
    }
}

extension SetTokenState {
    /// This state with the virtual units and components of `other` (for comparing balances only).
    func with(virtualUnitsOf other: SetTokenState) -> SetTokenState {
        SetTokenState(components: other.components, virtualUnits: other.virtualUnits, positionMultiplier: positionMultiplier,
                      totalSupply: totalSupply, balances: balances, lock: lock)
    }
}

final class AuctionStreamingFeeTests: XCTestCase {
    // §9.2: 2 %/yr for 2592007 s from pm 1e18 and supply 3141592653589793238, then 602 s more.
    func testDriftVectors() throws {
        let first = try StreamingFeeDrift(positionMultiplier: sci(1, 18), totalSupply: wei("3141592653589793238"),
                                          elapsed: 2_592_007, streamingFeePercentage: sci(2, 16))
        XCTAssertEqual(first.feePercentage, wei("1642714908611554"))
        XCTAssertEqual(first.positionMultiplier, wei("998357285091388446"))
        XCTAssertEqual(first.totalSupply, wei("3146761886254193616"))
        let second = try StreamingFeeDrift(positionMultiplier: first.positionMultiplier, totalSupply: first.totalSupply,
                                           elapsed: 602, streamingFeePercentage: sci(2, 16))
        XCTAssertEqual(second.positionMultiplier, wei("998356904193547277"))
        XCTAssertEqual(second.totalSupply, wei("3146763086821650115"))
        XCTAssertThrowsError(try StreamingFeeDrift(positionMultiplier: sci(1, 18), totalSupply: 1, elapsed: UInt256(31_557_600),
                                                   streamingFeePercentage: sci(2, 18))) {
            XCTAssertEqual($0 as? SafeMathError, .subtractionOverflow)
        }
    }
}
