import XCTest
@testable import ChainModel

final class RPCFeeTests: XCTestCase {
    func history(_ baseFees: [UInt256], _ rewards: [UInt256]) -> FeeHistory {
        FeeHistory(oldestBlock: 1, baseFeePerGas: baseFees, gasUsedRatio: Array(repeating: 0.5, count: rewards.count),
                   reward: rewards.map { [$0] })
    }

    func testMedian() {
        XCTAssertEqual(FeeEstimator.median([]), 0)
        XCTAssertEqual(FeeEstimator.median([9, 1, 5]), 5)
        XCTAssertEqual(FeeEstimator.median([8, 1, 5, 2]), 3)  // (2 + 5) / 2 rounded down
        XCTAssertEqual(FeeEstimator.median([.max, .max]), .max)
    }

    func testDynamicQuoteIsTwiceBaseFeePlusMedianTip() throws {
        let quote = try FeeEstimator.dynamicQuote(history: history([100, 120, 110], [5, 7]))
        XCTAssertEqual(quote, .dynamic(maxFeePerGas: 246, maxPriorityFeePerGas: 6))
    }

    func testCapsHoldTipAndMaxFee() throws {
        XCTAssertEqual(try FeeEstimator.dynamicQuote(history: history([100, 120, 110], [5, 7]), caps: FeeCaps(maxPriorityFeePerGas: 3)),
                       .dynamic(maxFeePerGas: 243, maxPriorityFeePerGas: 3))
        XCTAssertEqual(try FeeEstimator.dynamicQuote(history: history([100, 120, 110], [5, 7]), caps: FeeCaps(maxFeePerGas: 200)),
                       .dynamic(maxFeePerGas: 200, maxPriorityFeePerGas: 6))
        XCTAssertThrowsError(try FeeEstimator.dynamicQuote(history: history([100, 120, 110], [5, 7]), caps: FeeCaps(maxFeePerGas: 100))) { error in
            XCTAssertEqual("\(error)", "max-fee: 100 wei/gas is below the next block's base fee 110 wei/gas; the transaction could not be included")
        }
        XCTAssertThrowsError(try FeeEstimator.dynamicQuote(history: history([100], []))) { error in
            XCTAssertEqual(error as? FeeError, .emptyHistory)
        }
        XCTAssertEqual(FeeEstimator.legacyQuote(gasPrice: 50, caps: FeeCaps(maxFeePerGas: 40)), .legacy(gasPrice: 40))
    }

    func testReplacementBumpIsAtLeastTwelvePointFivePercentRoundedUp() {
        XCTAssertEqual(FeeEstimator.bumped(.dynamic(maxFeePerGas: 246, maxPriorityFeePerGas: 6)),
                       .dynamic(maxFeePerGas: 277, maxPriorityFeePerGas: 7))  // 276.75 -> 277, 6.75 -> 7
        XCTAssertEqual(FeeEstimator.bumped(.dynamic(maxFeePerGas: 800, maxPriorityFeePerGas: 0)),
                       .dynamic(maxFeePerGas: 900, maxPriorityFeePerGas: 1))
        XCTAssertEqual(FeeEstimator.bumped(.legacy(gasPrice: 1)), .legacy(gasPrice: 2))
        XCTAssertNil(FeeEstimator.bumped(.dynamic(maxFeePerGas: 246, maxPriorityFeePerGas: 6), caps: FeeCaps(maxFeePerGas: 276)))
        XCTAssertNil(FeeEstimator.bumped(.dynamic(maxFeePerGas: 246, maxPriorityFeePerGas: 6), caps: FeeCaps(maxPriorityFeePerGas: 6)))
        XCTAssertNil(FeeEstimator.bumped(.legacy(gasPrice: .max)))
        // Property: the bump always satisfies geth's rule new >= old * 1.125 (in integers: 8 new >= 9 old).
        var generator = SplitMix64(seed: 11)
        for _ in 0..<2_000 {
            let fee = UInt256(generator.next() >> 8), tip = UInt256(generator.next() >> 10) % (fee + 1)
            guard case let .dynamic(newFee, newTip)? = FeeEstimator.bumped(.dynamic(maxFeePerGas: fee, maxPriorityFeePerGas: tip)) else {
                return XCTFail("no bump for \(fee), \(tip)")
            }
            XCTAssertGreaterThanOrEqual(newFee * 8, fee * 9)
            XCTAssertGreaterThanOrEqual(newTip * 8, tip * 9)
            XCTAssertLessThan((newFee - 1) * 8, fee * 9 + 8, "smallest valid bump")
        }
    }

    func testGasLimitMargin() {
        XCTAssertEqual(FeeEstimator.gasLimit(estimate: 21_000, marginBasisPoints: 0), 21_000)
        XCTAssertEqual(FeeEstimator.gasLimit(estimate: 21_000, marginBasisPoints: 2_000), 25_200)
        XCTAssertEqual(FeeEstimator.gasLimit(estimate: 33_333, marginBasisPoints: 1_000), 36_667)  // 36666.3 rounded up
        XCTAssertEqual(FeeEstimator.gasLimit(estimate: .max, marginBasisPoints: 1), .max)
    }
}

final class RPCFeeQuoteTests: XCTestCase {
    let endpoint = try! RPCEndpoint("http://127.0.0.1:1")
    let hash = "\"0x" + String(repeating: "11", count: 32) + "\""

    func block(baseFee: String?) -> String {
        var fields = #"{"number":"0x10","hash":\#(hash),"parentHash":\#(hash),"timestamp":"0x1","gasLimit":"0x1c9c380","gasUsed":"0x0""#
        if let baseFee { fields += #","baseFeePerGas":"\#(baseFee)""# }
        return fields + "}"
    }

    func testChainsWithoutBaseFeeUseTheLegacyGasPrice() throws {
        let transport = ScriptedTransport([.result(block(baseFee: nil)), .result(#""0x3b9aca00""#)])
        let client = RPCClient(endpoint: endpoint, transport: transport, retryPolicy: .none)
        XCTAssertEqual(try DryRunner.quote(client: client, caps: FeeCaps(maxFeePerGas: 900_000_000)), .legacy(gasPrice: 900_000_000))
        XCTAssertEqual(transport.sent.map { try? JSONValue.parse($0)["method"] }, [.string("eth_getBlockByNumber"), .string("eth_gasPrice")])
    }

    func testLondonChainsUseTheFeeHistory() throws {
        let history = #"{"oldestBlock":"0xf","baseFeePerGas":["0x64","0x78","0x6e"],"gasUsedRatio":[0.5,0.5],"reward":[["0x5"],["0x7"]]}"#
        let transport = ScriptedTransport([.result(block(baseFee: "0x78")), .result(history)])
        let client = RPCClient(endpoint: endpoint, transport: transport, retryPolicy: .none)
        XCTAssertEqual(try DryRunner.quote(client: client), .dynamic(maxFeePerGas: 246, maxPriorityFeePerGas: 6))
        XCTAssertEqual(transport.sent[1], #"{"jsonrpc":"2.0","id":2,"method":"eth_feeHistory","params":["0xa","latest",[20]]}"#)
    }
}
