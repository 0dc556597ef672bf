import XCTest
import TestSupport
@testable import ChainModel

final class ABISignatureTests: XCTestCase {
    func testTypeStringsRoundTripAndAliases() throws {
        let cases: [(String, ABIType)] = [
            ("uint256", .uint(256)), ("uint", .uint(256)), ("int", .int(256)), ("int8", .int(8)),
            ("address", .address), ("bool", .bool), ("bytes1", .fixedBytes(1)), ("bytes32", .fixedBytes(32)),
            ("bytes", .bytes), ("string", .string), ("function", .function),
            ("fixed", .fixed(bits: 128, decimals: 18)), ("ufixed", .ufixed(bits: 128, decimals: 18)),
            ("fixed8x80", .fixed(bits: 8, decimals: 80)), ("ufixed256x1", .ufixed(bits: 256, decimals: 1)),
            ("uint256[]", .array(.uint(256))), ("bytes3[2]", .fixedArray(.fixedBytes(3), 2)),
            ("uint256[][3]", .fixedArray(.array(.uint(256)), 3)),
            ("(uint256,string,bytes)[]", .array(.tuple([.uint(256), .string, .bytes]))),
            ("tuple(uint256, tuple(bool)[2])", .tuple([.uint(256), .fixedArray(.tuple([.bool]), 2)])),
            ("()", .tuple([])),
            (" ( bool , ( address ) [ ] ) ", .tuple([.bool, .array(.tuple([.address]))])),
        ]
        for (text, type) in cases {
            XCTAssertEqual(try ABIType(parsing: text), type, text)
            XCTAssertEqual(try ABIType(parsing: type.canonicalName), type, type.canonicalName)
        }
        XCTAssertEqual(ABIType.fixedArray(.array(.uint(256)), 3).canonicalName, "uint256[][3]")
    }

    func testTypeStringRejections() {
        let cases: [(String, String)] = [
            ("byte", "column 1: 'byte' is not accepted: write bytes1"),
            ("uint7", "column 1: uint7: the bit size of uint must be a multiple of 8 in 8...256"),
            ("uint264", "column 1: uint264: the bit size of uint must be a multiple of 8 in 8...256"),
            ("uint08", "column 1: uint08: the bit size of uint must be a multiple of 8 in 8...256"),
            ("int0", "column 1: int0: the bit size of int must be a multiple of 8 in 8...256"),
            ("bytes0", "column 1: bytes0: bytesN needs N in 1...32"),
            ("bytes33", "column 1: bytes33: bytesN needs N in 1...32"),
            ("fixed128x0", "column 1: fixed128x0: the decimals N of fixed<M>x<N> must be in 1...80"),
            ("ufixed128x81", "column 1: ufixed128x81: the decimals N of ufixed<M>x<N> must be in 1...80"),
            ("fixed128", "column 1: fixed128: expected fixed<M>x<N>"),
            ("IERC20", "column 1: unknown type 'IERC20'"),
            ("uint256[0]", "column 9: fixed-size array length must be at least 1"),
            ("uint256[01]", "column 9: array length must not have leading zeros"),
            ("uint256[1234567890]", "column 9: array length 1234567890 is too large (at most 999999999)"),
            ("uint256[", "column 9: expected an array length or ']'"),
            ("(uint256", "column 9: expected ',' or ')', found the end"),
            ("(uint256 amount)", "column 10: expected ',' or ')', found 'a'"),
            ("uint256 x", "column 9: unexpected text after the type"),
            ("", "column 1: expected a type, found the end"),
            (String(repeating: "(", count: 40) + "bool" + String(repeating: ")", count: 40),
             "column 33: type nested deeper than 32 levels"),
            ("bool" + String(repeating: "[]", count: 40), "column 67: type nested deeper than 32 levels"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try ABIType(parsing: text), text) { error in
                XCTAssertEqual("\(error)", "invalid ABI signature \"\(text)\" at \(message)")
            }
        }
    }

    func testFunctionSignatures() throws {
        let plain = try ABIFunction(signature: startRebalanceSignature)
        XCTAssertEqual(plain.name, "startRebalance")
        XCTAssertEqual(plain.inputs.count, 8)
        XCTAssertEqual(plain.canonicalSignature, startRebalanceSignature)
        XCTAssertEqual(plain.selector, ABISelector(rawValue: 0x8e0f_7756))
        XCTAssertEqual(plain.selector.bytes, [0x8e, 0x0f, 0x77, 0x56])

        let named = try ABIFunction(signature: """
            function startRebalance(address _setToken, address _quoteAsset, address[] calldata _newComponents, \
            tuple(uint256 targetUnit, string priceAdapterName, bytes priceAdapterConfigData)[] memory _newComponentsAuctionParams, \
            (uint256 targetUnit, string priceAdapterName, bytes priceAdapterConfigData)[] memory _oldComponentsAuctionParams, \
            bool _shouldLockSetToken, uint256 _rebalanceDuration, uint256 _initialPositionMultiplier) external
            """)
        XCTAssertEqual(named.canonicalSignature, startRebalanceSignature)
        XCTAssertEqual(named.inputs[2].name, "_newComponents")
        XCTAssertEqual(named.inputs[3].components.map(\.name), ["targetUnit", "priceAdapterName", "priceAdapterConfigData"])
        XCTAssertEqual(named.inputs[3].components.map(\.type), [.uint(256), .string, .bytes])
        XCTAssertEqual(plain.inputs[3].components.map(\.name), ["", "", ""])

        // cast's output suffix, Solidity's `returns`, state mutability.
        let balanceOf = try ABIFunction(signature: "balanceOf(address)(uint256)")
        XCTAssertEqual(balanceOf.outputs.map(\.type), [.uint(256)])
        XCTAssertEqual(balanceOf.selector.description, "0x70a08231")
        let view = try ABIFunction(signature: "function getAuctionSizeAndDirection(address _setToken, address _component) external view returns (bool isSellAuction, uint256 componentQuantity)")
        XCTAssertEqual(view.stateMutability, .view)
        XCTAssertEqual(view.outputs.map(\.name), ["isSellAuction", "componentQuantity"])
        XCTAssertEqual(view.selector.description, "0x0b2c85eb")
        XCTAssertEqual(view.humanReadable, "function getAuctionSizeAndDirection(address _setToken, address _component) view returns (bool isSellAuction, uint256 componentQuantity)")
        XCTAssertEqual(try ABIFunction(signature: "removeModule()").selector.description, "0x847ef08d")
        // The stored selector follows edits of the name and inputs.
        var edited = balanceOf
        edited.name = "transfer"
        edited.inputs.append(ABIParameter(type: .uint(256)))
        XCTAssertEqual(edited.selector.description, "0xa9059cbb")
        var event = try ABIEvent(signature: "Transfer(address,address)")
        event.inputs.append(ABIParameter(name: "value", type: .uint(256)))
        XCTAssertEqual(event.topic0.description, "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")
        XCTAssertEqual(try ABIFunction(signature: "setProductSettings((address collateral,uint64 liveness,uint256 bondAmount,bytes32 identifier,address optimisticOracleV3),string rules)").selector.description, "0xde4662b8")

        for (text, message) in [
            ("f(uint256 indexed a)", "column 11: 'indexed' is only allowed on event parameters"),
            ("f(uint256 a b)", "column 13: unexpected 'b' after parameter name 'a'"),
            ("f(uint256)(bool) returns (bool)", "column 18: outputs given twice"),
            ("f(uint256) foo", "column 12: unexpected 'foo' after the parameter list"),
            ("f(uint256);", "column 11: unexpected text after the signature"),
            ("(uint256)", "column 1: expected a name"),
        ] {
            XCTAssertThrowsError(try ABIFunction(signature: text), text) { error in
                XCTAssertEqual("\(error)", "invalid ABI signature \"\(text)\" at \(message)")
            }
        }
    }

    func testEventAndErrorSignatures() throws {
        // auction-module.md §2.4.
        let events: [(String, String)] = [
            ("event RebalanceStarted(address indexed setToken, address indexed quoteAsset, bool isSetTokenLocked, uint256 rebalanceDuration, uint256 initialPositionMultiplier, address[] componentsInvolved, (uint256 targetUnit, string priceAdapterName, bytes priceAdapterConfigData)[] auctionParameters)",
             "0x2ca831858de887d2ca1c692d1940334f1d3f6c80c9101a306201d66397cf9be6"),
            ("BidExecuted(address indexed setToken, address indexed sendToken, address indexed receiveToken, address bidder, address priceAdapter, bool isSellAuction, uint256 price, uint256 netQuantitySentBySet, uint256 netQuantityReceivedBySet, uint256 protocolFee, uint256 setTotalSupply)",
             "0x96310ab47353685e74601a419fddb52db22b6ce0f72cb735c35ff494289dd642"),
            ("AssetTargetsRaised(address indexed setToken, uint256 newPositionMultiplier)",
             "0xe4c448aaaad94925b669914540bde1ea0123c0b2320e4cf6ea0ad7a1818a1c98"),
            ("BidderStatusUpdated(address indexed setToken, address indexed bidder, bool isBidderAllowed)",
             "0x4e771e3486d7afcce48115112ca75bc21bc33ac6d6261f7d273b9c5820606717"),
            ("LockedRebalanceEndedEarly(address indexed setToken)",
             "0x7ebe07e0f6679ed2dd131ed9d9498112c84991ccae90b0568240bf0dbf680d5c"),
        ]
        for (text, topic) in events {
            let event = try ABIEvent(signature: text)
            XCTAssertEqual(event.topic0.description, topic, text)
            XCTAssertFalse(event.anonymous)
        }
        let started = try ABIEvent(signature: events[0].0)
        XCTAssertEqual(started.inputs.map(\.indexed), [true, true, false, false, false, false, false])
        XCTAssertEqual(started.humanReadable, "event RebalanceStarted(address indexed setToken, address indexed quoteAsset, bool isSetTokenLocked, uint256 rebalanceDuration, uint256 initialPositionMultiplier, address[] componentsInvolved, (uint256,string,bytes)[] auctionParameters)")

        let anonymous = try ABIEvent(signature: "Ping(uint256 indexed a, uint256 indexed b, uint256 indexed c, uint256 indexed d) anonymous")
        XCTAssertTrue(anonymous.anonymous)
        XCTAssertThrowsError(try ABIEvent(signature: "Ping(uint256 indexed a, uint256 indexed b, uint256 indexed c, uint256 indexed d)")) { error in
            XCTAssertEqual("\(error)", "invalid ABI signature \"Ping(uint256 indexed a, uint256 indexed b, uint256 indexed c, uint256 indexed d)\" at column 1: 4 indexed parameters; at most 3 allowed")
        }

        let error = try ABIError(signature: "error Error(string)")
        XCTAssertEqual(error.selector.description, "0x08c379a0")
        XCTAssertEqual(try ABIError(signature: "Panic(uint256 code)").selector.description, "0x4e487b71")
        XCTAssertEqual(try ABIError(signature: "InsufficientBalance(uint256 available, uint256 required)").humanReadable,
                       "error InsufficientBalance(uint256 available, uint256 required)")
    }
}

final class ABITypeRoundTripTests: XCTestCase {
    // Property (as alloy's arbitrary tests): random types survive canonicalName → parse, also when
    // written with `tuple(` prefixes and spaces.
    func testRandomTypesRoundTrip() throws {
        let seed = abiTestSeed()
        var random = ABIRandom(rng: SplitMix64(seed: seed))
        for _ in 0..<3000 {
            let type = random.type()
            XCTAssertEqual(try ABIType(parsing: type.canonicalName), type, "seed \(seed)")
            let spelled = type.canonicalName.replacingOccurrences(of: "(", with: "tuple( ").replacingOccurrences(of: ",", with: " , ")
            XCTAssertEqual(try ABIType(parsing: spelled), type, "seed \(seed): \(spelled)")
        }
    }
}
