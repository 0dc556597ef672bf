import Foundation
import TestSupport
import XCTest
@testable import ChainModel

final class ABILogAndRevertTests: XCTestCase {
    func word(_ value: ABIValue, _ type: ABIType) throws -> Bytes32 {
        try Bytes32(bytes: ABIEncoder.encode([value], types: [type]))
    }

    func testRebalanceStartedLog() throws {
        let module = try ContractABI(json: Data(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("contracts-abi/AuctionRebalanceModuleV1.json")))
        let event = try XCTUnwrap(module.event(named: "RebalanceStarted"))
        let params = startRebalanceArguments[4]
        let data = try ABIEncoder.encode([.bool(false), abiUint(86_400), abiUint(998_357_285_091_388_446), .array([abiAddress(repeating: "4")]), params],
                                         types: [.bool, .uint(256), .uint(256), .array(.address), .array(.tuple([.uint(256), .string, .bytes]))])
        let topics = [event.topic0, try word(abiAddress(repeating: "1"), .address), try word(abiAddress(repeating: "2"), .address)]
        let log = try module.decodeLog(topics: topics, data: data)
        XCTAssertEqual(log.event.name, "RebalanceStarted")
        XCTAssertEqual(log.fields.map(\.parameter.name), ["setToken", "quoteAsset", "isSetTokenLocked", "rebalanceDuration",
                                                         "initialPositionMultiplier", "componentsInvolved", "auctionParameters"])
        XCTAssertEqual(log["setToken"], abiAddress(repeating: "1"))
        XCTAssertEqual(log["quoteAsset"], abiAddress(repeating: "2"))
        XCTAssertEqual(log["initialPositionMultiplier"], abiUint(998_357_285_091_388_446))
        XCTAssertEqual(log["auctionParameters"], params)
        XCTAssertEqual(log.description, """
            RebalanceStarted(setToken: 0x1111111111111111111111111111111111111111, quoteAsset: 0x2222222222222222222222222222222222222222, \
            isSetTokenLocked: false, rebalanceDuration: 86400, initialPositionMultiplier: 998357285091388446, \
            componentsInvolved: [0x4444444444444444444444444444444444444444], auctionParameters: [(9100000000000000000000, \
            "ConstantPriceAdapter", 0x0000000000000000000000000000000000000000000000000001c6bf52634000), (4000000000000000000, \
            "ConstantPriceAdapter", 0x0000000000000000000000000000000000000000000000000de0b6b3a7640000)])
            """)

        XCTAssertThrowsError(try module.decodeLog(topics: Array(topics.prefix(2)), data: data)) { error in
            XCTAssertEqual("\(error)", "log of RebalanceStarted: expected 3 topics, got 2")
        }
        XCTAssertThrowsError(try event.decodeLog(topics: [.zero] + topics.dropFirst(), data: data)) { error in
            XCTAssertEqual("\(error)", "log of RebalanceStarted: topic0 0x0000000000000000000000000000000000000000000000000000000000000000 is not \(event.topic0)")
        }
        XCTAssertThrowsError(try module.decodeLog(topics: [.zero], data: [])) { error in
            XCTAssertEqual("\(error)", "no event in the ABI has topic0 0x0000000000000000000000000000000000000000000000000000000000000000")
        }
        var dirty = topics
        dirty[2] = try Bytes32(hex: "0x0000000100000000000000002222222222222222222222222222222222222222")
        XCTAssertThrowsError(try module.decodeLog(topics: dirty, data: data)) { error in
            XCTAssertEqual("\(error)", "log of RebalanceStarted: topic 2 (quoteAsset): at byte 0x0 (argument 1): value does not fit address (high bits not zero)")
        }
        XCTAssertThrowsError(try module.decodeLog(topics: topics, data: Array(data.dropLast(32)))) { error in
            XCTAssertTrue("\(error)".hasPrefix("log of RebalanceStarted: data at byte"), "\(error)")
        }
    }

    func testIndexedDynamicValuesYieldTheirHashAndAnonymousEvents() throws {
        let event = try ABIEvent(signature: "event Named(string indexed name, bool indexed flag, uint256 value)")
        let hello = try Bytes32(hex: "0x1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8")  // keccak256("hello")
        let log = try event.decodeLog(topics: [event.topic0, hello, try word(.bool(true), .bool)],
                                      data: try ABIEncoder.encode([abiUint(7)], types: [.uint(256)]))
        XCTAssertEqual(log.fields[0].value, .fixedBytes(hello.bytes))
        XCTAssertTrue(log.fields[0].isTopicHash)
        XCTAssertEqual(log["flag"], .bool(true))
        XCTAssertEqual(log.description, "Named(name: topic \(hello), flag: true, value: 7)")
        XCTAssertThrowsError(try event.decodeLog(topics: [event.topic0, hello, try word(abiUint(2), .uint(256))], data: try ABIEncoder.encode([abiUint(7)], types: [.uint(256)]))) { error in
            XCTAssertEqual("\(error)", "log of Named: topic 2 (flag): at byte 0x0 (argument 1): bool must be 0 or 1, found 0x02")
        }

        let anonymous = try ABIEvent(signature: "Moved(address indexed from, uint256 amount) anonymous")
        let moved = try anonymous.decodeLog(topics: [try word(abiAddress(repeating: "a"), .address)],
                                            data: try ABIEncoder.encode([abiUint(5)], types: [.uint(256)]))
        XCTAssertEqual(moved["from"], abiAddress(repeating: "a"))
        XCTAssertEqual(moved["amount"], abiUint(5))
    }

    func testRevertReasons() throws {
        // require(..., "Must be the SetToken manager") (ModuleBase, auction-module.md §2.3).
        let revert = abiWords([
            "08c379a0",
            "0000000000000000000000000000000000000000000000000000000000000020",  // offset
            "000000000000000000000000000000000000000000000000000000000000001c",  // length 28
            "4d7573742062652074686520536574546f6b656e206d616e6167657200000000",  // the message
        ])
        XCTAssertEqual(RevertReason.decode(revert), .error("Must be the SetToken manager"))
        XCTAssertEqual(RevertReason.decode(revert).description, "reverted: \"Must be the SetToken manager\"")
        XCTAssertEqual(try ABIError(signature: "Error(string)").encode([.string("Must be the SetToken manager")]), revert)

        let panic = abiWords(["4e487b71", "0000000000000000000000000000000000000000000000000000000000000011"])
        XCTAssertEqual(RevertReason.decode(panic), .panic(code: UInt256(0x11), meaning: "arithmetic overflow or underflow"))
        XCTAssertEqual(RevertReason.decode(panic).description, "panic 0x11: arithmetic overflow or underflow")
        let meanings: [(UInt64, String)] = [
            (0x00, "generic compiler-inserted panic"), (0x01, "assertion failed"), (0x12, "division or modulo by zero"),
            (0x21, "conversion to an invalid enum value"), (0x22, "incorrectly encoded storage byte array"),
            (0x31, "pop() on an empty array"), (0x32, "array index out of bounds"),
            (0x41, "too much memory allocated or array too large"), (0x51, "call to a zero-initialized internal function"),
            (0x99, "unknown panic code"),
        ]
        for (code, meaning) in meanings {
            XCTAssertEqual(RevertReason.panicMeaning(UInt256(code)), meaning)
        }

        let adapter = try ContractABI(json: Data(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("contracts-abi/BoundedStepwiseExponentialPriceAdapter.json")))
        let mulWad = RevertReason.decode([0xba, 0xc6, 0x5e, 0x5b], abi: adapter)
        XCTAssertEqual(mulWad.description, "MulWadFailed()")
        XCTAssertEqual(RevertReason.decode([0xba, 0xc6, 0x5e, 0x5b]), .unknown([0xba, 0xc6, 0x5e, 0x5b]), "no ABI, no custom errors")

        var custom = ContractABI()
        custom.errors = [try ABIError(signature: "InsufficientBalance(uint256 available, int8 delta, string note)")]
        let data = try custom.errors[0].encode([abiUint(1), .int(Int256(-3)), .string("a\nb")])
        XCTAssertEqual(RevertReason.decode(data, abi: custom).description, "InsufficientBalance(available: 1, delta: -3, note: \"a\\nb\")")

        XCTAssertEqual(RevertReason.decode([]).description, "reverted without data")
        XCTAssertEqual(RevertReason.decode([0x08, 0xc3, 0x79, 0xa0, 0x00]).description, "reverted with unrecognized data 0x08c379a000",
                       "a malformed Error(string) payload is not trusted")
    }

    func testValueFormatting() throws {
        XCTAssertEqual(ABIValue.uint(.max).formatted(as: .uint(256)),
                       "115792089237316195423570985008687907853269984665640564039457584007913129639935")
        XCTAssertEqual(ABIValue.int(.min).formatted(as: .int(256)),
                       "-57896044618658097711785492504343953926634992332820282019728792003956564819968")
        XCTAssertEqual(ABIValue.int(Int256(-1)).formatted(as: .int(8)), "-1")
        XCTAssertEqual(abiUint(10_000_000_000_000_000_000).formatted(as: .uint(256)), "10000000000000000000")
        XCTAssertEqual(abiUint(1_500_000_000_000_000_000).formatted(as: .ufixed(bits: 128, decimals: 18)), "1.500000000000000000")
        XCTAssertEqual(ABIValue.int(Int256(-5)).formatted(as: .fixed(bits: 8, decimals: 2)), "-0.05")
        XCTAssertEqual(ABIValue.tuple([.bool(true), .array([.string("x")])]).formatted(as: .tuple([.bool, .array(.string)])), "(true, [\"x\"])")
    }
}
