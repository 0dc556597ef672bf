import XCTest
@testable import ChainModel

final class RPCQuantityTests: XCTestCase {
    func testEncodesMinimalHex() {
        XCTAssertEqual(RPCQuantity.encode(UInt64(0)), "0x0")
        XCTAssertEqual(RPCQuantity.encode(UInt64(1024)), "0x400")
        XCTAssertEqual(RPCQuantity.encode(UInt256.zero), "0x0")
        XCTAssertEqual(RPCQuantity.encode(UInt256(0x1f)), "0x1f")
        XCTAssertEqual(RPCQuantity.encode(UInt256(w0: 0, w1: 1, w2: 0, w3: 0)), "0x10000000000000000")
        XCTAssertEqual(RPCQuantity.encode(UInt256.max), "0x" + String(repeating: "f", count: 64))
    }

    func testReadsQuantities() throws {
        XCTAssertEqual(try RPCQuantity.uint64(.string("0x0"), field: "f"), 0)
        XCTAssertEqual(try RPCQuantity.uint64(.string("0x7a69"), field: "f"), 31337)
        XCTAssertEqual(try RPCQuantity.uint64(.string("0xFFFFFFFFFFFFFFFF"), field: "f"), .max)
        XCTAssertEqual(try RPCQuantity.uint64(.string("0x0001"), field: "f"), 1)
        XCTAssertEqual(try RPCQuantity.uint256(.string("0x10000000000000000"), field: "f"), UInt256(w0: 0, w1: 1, w2: 0, w3: 0))
        XCTAssertEqual(try RPCQuantity.uint256(.string("0x" + String(repeating: "f", count: 64)), field: "f"), .max)
    }

    func testRejectsBadQuantitiesNamingFieldValueAndRule() {
        let cases: [(JSONValue?, String)] = [
            (nil, "f: (missing) is required"),
            (.number("5"), "f: 5 must be a 0x-prefixed hex quantity string"),
            (.string("0x"), "f: 0x must be a 0x-prefixed hex quantity"),
            (.string("12"), "f: 12 must be a 0x-prefixed hex quantity"),
            (.string("0xg"), "f: 0xg has a non-hex digit"),
            (.string("0x10000000000000000"), "f: 0x10000000000000000 exceeds 64 bits"),
        ]
        for (value, message) in cases {
            XCTAssertThrowsError(try RPCQuantity.uint64(value, field: "f")) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
        XCTAssertThrowsError(try RPCQuantity.uint256(.string("0x1" + String(repeating: "0", count: 64)), field: "g")) { error in
            XCTAssertEqual((error as? RPCFieldError)?.rule, "exceeds 256 bits")
        }
    }

    func testReadsDataHashesAndAddresses() throws {
        XCTAssertEqual(try RPCQuantity.data(.string("0x"), field: "d"), [])
        XCTAssertEqual(try RPCQuantity.data(.string("0x00ff"), field: "d"), [0, 255])
        XCTAssertThrowsError(try RPCQuantity.data(.string("0x0"), field: "d"))
        XCTAssertThrowsError(try RPCQuantity.data(.string("00"), field: "d"))
        XCTAssertThrowsError(try RPCQuantity.data(.string("0x0000"), field: "d", maximumBytes: 1)) { error in
            XCTAssertEqual((error as? RPCFieldError)?.rule, "exceeds 1 bytes")
        }
        let address = try RPCQuantity.address(.string("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"), field: "a")
        XCTAssertEqual(address.checksummed, "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")
        XCTAssertThrowsError(try RPCQuantity.address(.string("0x7e5f4552091a69125d5dfcb7b8c2659029395b"), field: "a")) { error in
            XCTAssertEqual((error as? RPCFieldError)?.rule, "must be 20 bytes, got 19")
        }
        XCTAssertNil(try RPCQuantity.optionalAddress(.null, field: "a"))
        XCTAssertThrowsError(try RPCQuantity.bytes32(.string("0x01"), field: "h")) { error in
            XCTAssertEqual((error as? RPCFieldError)?.rule, "must be 32 bytes, got 1")
        }
    }

    func testBlockTags() {
        XCTAssertEqual(BlockTag("latest"), .latest)
        XCTAssertEqual(BlockTag("0x10"), .number(16))
        XCTAssertEqual(BlockTag("16"), .number(16))
        XCTAssertNil(BlockTag("newest"))
        XCTAssertEqual(BlockTag.number(255).json, .string("0xff"))
        XCTAssertEqual(BlockTag.pending.json, .string("pending"))
    }

    func testFeeHistoryShapeIsChecked() throws {
        let good = try JSONValue.parse(#"{"oldestBlock":"0x5","baseFeePerGas":["0x10","0x11","0x12"],"gasUsedRatio":[0.5,0],"reward":[["0x1","0x2"],["0x3","0x4"]]}"#)
        let history = try FeeHistory(json: good, percentileCount: 2)
        XCTAssertEqual(history.oldestBlock, 5)
        XCTAssertEqual(history.baseFeePerGas, [16, 17, 18])
        XCTAssertEqual(history.gasUsedRatio, [0.5, 0])
        XCTAssertEqual(history.reward, [[1, 2], [3, 4]])
        let short = try JSONValue.parse(#"{"oldestBlock":"0x5","baseFeePerGas":["0x10","0x11"],"gasUsedRatio":[0.5,0],"reward":[["0x1"],["0x3"]]}"#)
        XCTAssertThrowsError(try FeeHistory(json: short, percentileCount: 1)) { error in
            XCTAssertEqual("\(error)", "feeHistory.baseFeePerGas: 2 entries must have one more entry than gasUsedRatio (2)")
        }
        let narrow = try JSONValue.parse(#"{"oldestBlock":"0x5","baseFeePerGas":["0x10","0x11"],"gasUsedRatio":[0.5],"reward":[["0x1"]]}"#)
        XCTAssertThrowsError(try FeeHistory(json: narrow, percentileCount: 2)) { error in
            XCTAssertEqual("\(error)", "feeHistory.reward[0]: 1 entries must have 2")
        }
    }
}
