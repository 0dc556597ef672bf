import XCTest
@testable import ChainModel

final class RPCTypeTests: XCTestCase {
    /// A mainnet-shaped receipt (geth's field set), one Transfer log.
    static let receipt = #"""
        {"blockHash":"0x\#(String(repeating: "ab", count: 32))","blockNumber":"0x12a05f2","contractAddress":null,
         "cumulativeGasUsed":"0x1b4e7e","effectiveGasPrice":"0x4a817c800","from":"0x7e5f4552091a69125d5dfcb7b8c2659029395bdf",
         "gasUsed":"0xb8a2","logs":[{"address":"0x2b5ad5c4795c026514f8317c7a215e218dcc d6cf","topics":[
         "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef",
         "0x0000000000000000000000007e5f4552091a69125d5dfcb7b8c2659029395bdf",
         "0x0000000000000000000000002b5ad5c4795c026514f8317c7a215e218dcc d6cf"],
         "data":"0x00000000000000000000000000000000000000000000000000000000000f4240","blockNumber":"0x12a05f2",
         "transactionHash":"0x\#(String(repeating: "cd", count: 32))","transactionIndex":"0x5","blockHash":"0x\#(String(repeating: "ab", count: 32))",
         "logIndex":"0x1c","removed":false}],"logsBloom":"0x00","status":"0x1","to":"0x2b5ad5c4795c026514f8317c7a215e218dcc d6cf",
         "transactionHash":"0x\#(String(repeating: "cd", count: 32))","transactionIndex":"0x5","type":"0x2"}
        """#.replacingOccurrences(of: "dcc d6cf", with: "dccd6cf")

    func testParsesAReceipt() throws {
        let receipt = try TransactionReceipt(json: try JSONValue.parse(Self.receipt))
        XCTAssertEqual(receipt.blockNumber, 19_531_250)
        XCTAssertEqual(receipt.gasUsed, 47_266)
        XCTAssertEqual(receipt.cumulativeGasUsed, 1_789_566)
        XCTAssertEqual(receipt.effectiveGasPrice, 20_000_000_000)
        XCTAssertEqual(receipt.transactionIndex, 5)
        XCTAssertEqual(receipt.type, 2)
        XCTAssertTrue(receipt.succeeded)
        XCTAssertNil(receipt.contractAddress)
        XCTAssertEqual(receipt.to?.checksummed, "0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF")
        XCTAssertEqual(receipt.logs.count, 1)
        XCTAssertEqual(receipt.logs[0].topics[0], Keccak256.hash(utf8: "Transfer(address,address,uint256)"))
        XCTAssertEqual(receipt.logs[0].logIndex, 28)
        XCTAssertEqual(receipt.logs[0].data.last, 0x40)
    }

    func testRejectsBadFieldsByName() throws {
        func reason(_ edit: (String) -> String) -> String {
            do {
                _ = try TransactionReceipt(json: try JSONValue.parse(edit(Self.receipt)))
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(reason { $0.replacingOccurrences(of: #""status":"0x1""#, with: #""status":"0x2""#) }, "receipt.status: 2 must be 0x0 or 0x1")
        XCTAssertEqual(reason { $0.replacingOccurrences(of: #""logIndex":"0x1c""#, with: #""logIndex":28"#) },
                       "receipt.logs[0].logIndex: 28 must be a 0x-prefixed hex quantity string")
        XCTAssertEqual(reason { $0.replacingOccurrences(of: #""gasUsed":"0xb8a2","#, with: "") }, "receipt.gasUsed: (missing) is required")
        XCTAssertEqual(reason { $0.replacingOccurrences(of: "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", with: "0xddf2") },
                       "receipt.logs[0].topics[0]: \"0xddf2\" must be 32 bytes, got 2")
    }

    /// Mutated receipts never crash the JSON parser or the receipt decoder.
    func testFuzzedReceiptsNeverCrash() {
        var generator = SplitMix64(seed: 0xfeed)
        let seed = Array(Self.receipt.utf8)
        var parsed = 0
        for _ in 0..<5_000 {
            var bytes = seed
            for _ in 0..<(1 + Int(generator.next() % 3)) {
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.remove(at: position)
                default: bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: position)
                }
            }
            if let json = try? JSONValue.parse(bytes) {
                if (try? TransactionReceipt(json: json)) != nil { parsed += 1 }
            }
        }
        XCTAssertGreaterThan(parsed, 0, "some mutations (inside hex digits) still decode")
    }
}

final class RPCStateOverrideTests: XCTestCase {
    func testParsesAGethOverrideSet() throws {
        let json = try JSONValue.parse(#"""
            {"0x7e5f4552091a69125d5dfcb7b8c2659029395bdf": {"balance": "0xde0b6b3a7640000", "nonce": "0x5", "code": "0x6001",
             "stateDiff": {"0x0000000000000000000000000000000000000000000000000000000000000007": "0x00000000000000000000000000000000000000000000000000000000000003e8"}}}
            """#)
        let set = try AccountOverride.parseSet(json)
        XCTAssertEqual(set.count, 1)
        XCTAssertEqual(set[0].0.checksummed, "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf")
        let account = set[0].1
        XCTAssertEqual(account.balance, 1_000_000_000_000_000_000)
        XCTAssertEqual(account.nonce, 5)
        XCTAssertEqual(account.code, [0x60, 0x01])
        XCTAssertEqual(account.stateDiff.count, 1)
        XCTAssertEqual(account.stateDiff[0].value.bytes.last, 0xe8)
        // It serializes back to the same wire form.
        XCTAssertEqual(account.json.serialized, #"{"balance":"0xde0b6b3a7640000","nonce":"0x5","code":"0x6001","stateDiff":{"0x0000000000000000000000000000000000000000000000000000000000000007":"0x00000000000000000000000000000000000000000000000000000000000003e8"}}"#)
    }

    func testRejectsUnknownAndMalformedMembers() throws {
        func reason(_ text: String) -> String {
            do { _ = try AccountOverride.parseSet(try JSONValue.parse(text)); return "accepted" } catch { return "\(error)" }
        }
        XCTAssertEqual(reason(#"{"0x7e5f4552091a69125d5dfcb7b8c2659029395bdf": {"state": {}}}"#),
                       "stateOverride[0x7e5f4552091a69125d5dfcb7b8c2659029395bdf].state: state is not a supported override (balance, nonce, code, stateDiff)")
        XCTAssertEqual(reason(#"{"0x1234": {}}"#), "stateOverride key: \"0x1234\" must be 20 bytes, got 2")
        XCTAssertEqual(reason(#"[]"#), "stateOverride: array must be an object keyed by address")
        XCTAssertEqual(reason(#"{"0x7e5f4552091a69125d5dfcb7b8c2659029395bdf": {"balance": 5}}"#),
                       "stateOverride[0x7e5f4552091a69125d5dfcb7b8c2659029395bdf].balance: 5 must be a 0x-prefixed hex quantity string")
    }
}
