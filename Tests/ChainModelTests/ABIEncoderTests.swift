import XCTest
@testable import ChainModel

// Helpers shared by the ABI test files.

/// Joins 64-hex-digit words (an optional 8-digit selector may come first) into bytes.
func abiWords(_ words: [String]) -> [UInt8] {
    words.flatMap { word -> [UInt8] in
        precondition(word.count == 64 || word.count == 8, "bad test word \(word)")
        return try! Hex.decode(word)
    }
}

/// A uint value from hex digits (any length up to 64).
func abiUint(hex: String) -> ABIValue { .uint(UInt256(bigEndianBytes: try! Hex.decode(hex.count % 2 == 1 ? "0" + hex : hex))!) }
func abiUint(_ value: UInt64) -> ABIValue { .uint(UInt256(value)) }
func abiAddress(repeating digit: Character) -> ABIValue { .address(try! Address("0x" + String(repeating: digit, count: 40))) }
func abiText(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The four-way check of alloy's vector tests: encode == vector, size == length; the decoder tests
/// add decode == value and re-encode == vector.
func assertEncodes(_ values: [ABIValue], _ types: [ABIType], selector: ABISelector? = nil, _ expected: [UInt8],
                   file: StaticString = #filePath, line: UInt = #line) throws {
    let encoded = try selector.map { try ABIEncoder.encodeCall(selector: $0, values, types: types) }
        ?? ABIEncoder.encode(values, types: types)
    XCTAssertEqual(Hex.encode(encoded), Hex.encode(expected), file: file, line: line)
    XCTAssertEqual(try ABIEncoder.encodedSize(values, types: types) + (selector == nil ? 0 : 4), expected.count, file: file, line: line)
}

/// The linear price-adapter blob of auction-module.md §9.3.
let linearConfigWords = [
    "00000000000000000000000000000000000000000000000010217656f0433a87",  // initialPrice 1162340294608501383
    "0000000000000000000000000000000000000000000000000001c6bf52634000",  // slope 5e14
    "0000000000000000000000000000000000000000000000000000000000000258",  // bucketSize 600
    "0000000000000000000000000000000000000000000000000000000000000001",  // isDecreasing true
    "00000000000000000000000000000000000000000000000010217656f0433a87",  // maxPrice
    "0000000000000000000000000000000000000000000000000fda687210c13a87",  // minPrice 1142340294608501383
]

let startRebalanceSignature =
    "startRebalance(address,address,address[],(uint256,string,bytes)[],(uint256,string,bytes)[],bool,uint256,uint256)"

/// The §9.3 `startRebalance` arguments.
let startRebalanceArguments: [ABIValue] = [
    abiAddress(repeating: "1"), abiAddress(repeating: "2"),
    .array([abiAddress(repeating: "4")]),
    .array([.tuple([abiUint(50_000_000_000_000_000), .string("BoundedStepwiseLinearPriceAdapter"), .bytes(abiWords(linearConfigWords))])]),
    .array([
        .tuple([abiUint(hex: "1ed4fde7a2236b00000"), .string("ConstantPriceAdapter"), .bytes(abiWords(["0000000000000000000000000000000000000000000000000001c6bf52634000"]))]),
        .tuple([abiUint(4_000_000_000_000_000_000), .string("ConstantPriceAdapter"), .bytes(abiWords(["0000000000000000000000000000000000000000000000000de0b6b3a7640000"]))]),
    ]),
    .bool(false), abiUint(86_400), abiUint(998_357_285_091_388_446),
]

/// The §9.3 `startRebalance` call data, word by word (1348 bytes).
let startRebalanceCalldata = abiWords([
    "8e0f7756",
    // head: 8 words
    "0000000000000000000000001111111111111111111111111111111111111111",  // 000 _setToken
    "0000000000000000000000002222222222222222222222222222222222222222",  // 020 _quoteAsset
    "0000000000000000000000000000000000000000000000000000000000000100",  // 040 offset of _newComponents
    "0000000000000000000000000000000000000000000000000000000000000140",  // 060 offset of _newComponentsAuctionParams
    "0000000000000000000000000000000000000000000000000000000000000320",  // 080 offset of _oldComponentsAuctionParams
    "0000000000000000000000000000000000000000000000000000000000000000",  // 0a0 _shouldLockSetToken false
    "0000000000000000000000000000000000000000000000000000000000015180",  // 0c0 _rebalanceDuration 86400
    "0000000000000000000000000000000000000000000000000ddae0a948cbac1e",  // 0e0 _initialPositionMultiplier
    // 100: _newComponents
    "0000000000000000000000000000000000000000000000000000000000000001",  // 100 length 1
    "0000000000000000000000004444444444444444444444444444444444444444",  // 120
    // 140: _newComponentsAuctionParams
    "0000000000000000000000000000000000000000000000000000000000000001",  // 140 length 1
    "0000000000000000000000000000000000000000000000000000000000000020",  // 160 offset of [0] (from 160)
    "00000000000000000000000000000000000000000000000000b1a2bc2ec50000",  // 180 [0].targetUnit 5e16
    "0000000000000000000000000000000000000000000000000000000000000060",  // 1a0 [0] offset of name (from 180)
    "00000000000000000000000000000000000000000000000000000000000000c0",  // 1c0 [0] offset of config (from 180)
    "0000000000000000000000000000000000000000000000000000000000000021",  // 1e0 name length 33
    "426f756e64656453746570776973654c696e6561725072696365416461707465",  // 200 "BoundedStepwiseLinearPriceAdapte"
    "7200000000000000000000000000000000000000000000000000000000000000",  // 220 "r" + padding
    "00000000000000000000000000000000000000000000000000000000000000c0",  // 240 config length 192
] + linearConfigWords + [                                                // 260…300 config
    // 320: _oldComponentsAuctionParams
    "0000000000000000000000000000000000000000000000000000000000000002",  // 320 length 2
    "0000000000000000000000000000000000000000000000000000000000000040",  // 340 offset of [0] (from 340)
    "0000000000000000000000000000000000000000000000000000000000000120",  // 360 offset of [1] (from 340)
    "0000000000000000000000000000000000000000000001ed4fde7a2236b00000",  // 380 [0].targetUnit 9100e18
    "0000000000000000000000000000000000000000000000000000000000000060",  // 3a0
    "00000000000000000000000000000000000000000000000000000000000000a0",  // 3c0
    "0000000000000000000000000000000000000000000000000000000000000014",  // 3e0 length 20
    "436f6e7374616e74507269636541646170746572000000000000000000000000",  // 400 "ConstantPriceAdapter"
    "0000000000000000000000000000000000000000000000000000000000000020",  // 420 config length 32
    "0000000000000000000000000000000000000000000000000001c6bf52634000",  // 440 5e14
    "0000000000000000000000000000000000000000000000003782dace9d900000",  // 460 [1].targetUnit 4e18
    "0000000000000000000000000000000000000000000000000000000000000060",  // 480
    "00000000000000000000000000000000000000000000000000000000000000a0",  // 4a0
    "0000000000000000000000000000000000000000000000000000000000000014",  // 4c0
    "436f6e7374616e74507269636541646170746572000000000000000000000000",  // 4e0
    "0000000000000000000000000000000000000000000000000000000000000020",  // 500
    "0000000000000000000000000000000000000000000000000de0b6b3a7640000",  // 520 1e18
])

/// The §9.3 `bid` call data.
let bidCalldata = abiWords([
    "6db4a262",
    "0000000000000000000000001111111111111111111111111111111111111111",  // _setToken
    "0000000000000000000000003333333333333333333333333333333333333333",  // _component
    "0000000000000000000000002222222222222222222222222222222222222222",  // _quoteAsset
    "000000000000000000000000000000000000000000000030ca024f987b900000",  // _componentAmount 900e18
    "000000000000000000000000000000000000000000000000063eb89da4ed0000",  // _quoteAssetLimit 0.45e18
    "0000000000000000000000000000000000000000000000000000000000000001",  // _isSellAuction true
])
let bidArguments: [ABIValue] = [
    abiAddress(repeating: "1"), abiAddress(repeating: "3"), abiAddress(repeating: "2"),
    abiUint(hex: "30ca024f987b900000"), abiUint(450_000_000_000_000_000), .bool(true),
]

/// The Solidity documentation's examples: (signature, values, call data word by word).
let solidityDocExamples: [(String, [ABIValue], [UInt8])] = [
    ("baz(uint32,bool)", [abiUint(69), .bool(true)], abiWords([
        "cdcd77c0",
        "0000000000000000000000000000000000000000000000000000000000000045",
        "0000000000000000000000000000000000000000000000000000000000000001",
    ])),
    ("bar(bytes3[2])", [.array([.fixedBytes(abiText("abc")), .fixedBytes(abiText("def"))])], abiWords([
        "fce353f6",
        "6162630000000000000000000000000000000000000000000000000000000000",
        "6465660000000000000000000000000000000000000000000000000000000000",
    ])),
    ("sam(bytes,bool,uint256[])", [.bytes(abiText("dave")), .bool(true), .array([abiUint(1), abiUint(2), abiUint(3)])], abiWords([
        "a5643bf2",
        "0000000000000000000000000000000000000000000000000000000000000060",  // offset of "dave"
        "0000000000000000000000000000000000000000000000000000000000000001",  // true
        "00000000000000000000000000000000000000000000000000000000000000a0",  // offset of [1,2,3]
        "0000000000000000000000000000000000000000000000000000000000000004",  // length 4
        "6461766500000000000000000000000000000000000000000000000000000000",  // "dave"
        "0000000000000000000000000000000000000000000000000000000000000003",  // length 3
        "0000000000000000000000000000000000000000000000000000000000000001",
        "0000000000000000000000000000000000000000000000000000000000000002",
        "0000000000000000000000000000000000000000000000000000000000000003",
    ])),
    ("f(uint256,uint32[],bytes10,bytes)",
     [abiUint(0x123), .array([abiUint(0x456), abiUint(0x789)]), .fixedBytes(abiText("1234567890")), .bytes(abiText("Hello, world!"))],
     abiWords([
        "8be65246",
        "0000000000000000000000000000000000000000000000000000000000000123",  // 0x123
        "0000000000000000000000000000000000000000000000000000000000000080",  // offset of uint32[]
        "3132333435363738393000000000000000000000000000000000000000000000",  // "1234567890"
        "00000000000000000000000000000000000000000000000000000000000000e0",  // offset of bytes
        "0000000000000000000000000000000000000000000000000000000000000002",  // length 2
        "0000000000000000000000000000000000000000000000000000000000000456",
        "0000000000000000000000000000000000000000000000000000000000000789",
        "000000000000000000000000000000000000000000000000000000000000000d",  // length 13
        "48656c6c6f2c20776f726c642100000000000000000000000000000000000000",  // "Hello, world!"
     ])),
    ("g(uint256[][],string[])",
     [.array([.array([abiUint(1), abiUint(2)]), .array([abiUint(3)])]), .array([.string("one"), .string("two"), .string("three")])],
     abiWords([
        "2289b18c",
        "0000000000000000000000000000000000000000000000000000000000000040",  // offset of a
        "0000000000000000000000000000000000000000000000000000000000000140",  // offset of b
        "0000000000000000000000000000000000000000000000000000000000000002",  // a.length
        "0000000000000000000000000000000000000000000000000000000000000040",  // offset of [1,2]
        "00000000000000000000000000000000000000000000000000000000000000a0",  // offset of [3]
        "0000000000000000000000000000000000000000000000000000000000000002",
        "0000000000000000000000000000000000000000000000000000000000000001",
        "0000000000000000000000000000000000000000000000000000000000000002",
        "0000000000000000000000000000000000000000000000000000000000000001",
        "0000000000000000000000000000000000000000000000000000000000000003",
        "0000000000000000000000000000000000000000000000000000000000000003",  // b.length
        "0000000000000000000000000000000000000000000000000000000000000060",  // offset of "one"
        "00000000000000000000000000000000000000000000000000000000000000a0",  // offset of "two"
        "00000000000000000000000000000000000000000000000000000000000000e0",  // offset of "three"
        "0000000000000000000000000000000000000000000000000000000000000003",
        "6f6e650000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000003",
        "74776f0000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000005",
        "7468726565000000000000000000000000000000000000000000000000000000",
     ])),
]

final class ABIEncoderTests: XCTestCase {
    func testSolidityDocumentationExamples() throws {
        for (signature, values, expected) in solidityDocExamples {
            let function = try ABIFunction(signature: signature)
            XCTAssertEqual(function.canonicalSignature, signature)
            XCTAssertEqual(try function.encodeCall(values), expected, signature)
            try assertEncodes(values, function.inputTypes, selector: function.selector, expected)
        }
    }

    func testAuctionModuleVectors() throws {
        // §9.3 ConstantPriceAdapter config for 5e14.
        try assertEncodes([abiUint(500_000_000_000_000)], [.uint(256)],
                          abiWords(["0000000000000000000000000000000000000000000000000001c6bf52634000"]))
        // §9.3 linear config (uint256,uint256,uint256,bool,uint256,uint256).
        try assertEncodes([abiUint(1_162_340_294_608_501_383), abiUint(500_000_000_000_000), abiUint(600), .bool(true),
                           abiUint(1_162_340_294_608_501_383), abiUint(1_142_340_294_608_501_383)],
                          [.uint(256), .uint(256), .uint(256), .bool, .uint(256), .uint(256)], abiWords(linearConfigWords))
        let bid = try ABIFunction(signature: "bid(address,address,address,uint256,uint256,bool)")
        XCTAssertEqual(bid.selector.description, "0x6db4a262")
        try assertEncodes(bidArguments, bid.inputTypes, selector: bid.selector, bidCalldata)

        let start = try ABIFunction(signature: startRebalanceSignature)
        XCTAssertEqual(start.selector.description, "0x8e0f7756")
        XCTAssertEqual(startRebalanceCalldata.count, 1348)
        try assertEncodes(startRebalanceArguments, start.inputTypes, selector: start.selector, startRebalanceCalldata)
    }

    func testIntegerRangesAndSignExtension() throws {
        try assertEncodes([abiUint(255)], [.uint(8)], abiWords(["00000000000000000000000000000000000000000000000000000000000000ff"]))
        try assertEncodes([.int(Int256(-1))], [.int(8)], abiWords(["ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"]))
        try assertEncodes([.int(Int256(-128))], [.int(8)], abiWords(["ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80"]))
        try assertEncodes([.int(Int256.min)], [.int(256)], abiWords(["8000000000000000000000000000000000000000000000000000000000000000"]))
        try assertEncodes([.uint(.max)], [.uint(256)], abiWords(["ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"]))
        // ufixed128x18 1.5 is the scaled integer 1.5e18.
        try assertEncodes([abiUint(1_500_000_000_000_000_000)], [.ufixed(bits: 128, decimals: 18)],
                          abiWords(["00000000000000000000000000000000000000000000000014d1120d7b160000"]))
        // function: address ‖ selector, left-aligned like bytes24.
        let function = Array(repeating: UInt8(0xaa), count: 20) + [0x12, 0x34, 0x56, 0x78]
        try assertEncodes([.fixedBytes(function)], [.function],
                          abiWords(["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa123456780000000000000000"]))

        let rejected: [(ABIValue, ABIType, String)] = [
            (abiUint(256), .uint(8), "argument 1: value out of range for uint8"),
            (.int(Int256(128)), .int(8), "argument 1: value out of range for int8"),
            (.int(Int256(-129)), .int(8), "argument 1: value out of range for int8"),
            (.int(Int256.min), .int(248), "argument 1: value out of range for int248"),
            (.uint(UInt256(w0: 0, w1: 0, w2: 1, w3: 0)), .ufixed(bits: 128, decimals: 18), "argument 1: value out of range for ufixed128x18"),
            (.fixedBytes([1, 2, 3]), .fixedBytes(4), "argument 1: bytes4 needs 4 bytes, got 3"),
            (.fixedBytes([1]), .function, "argument 1: function needs 24 bytes, got 1"),
            (.array([abiUint(1)]), .fixedArray(.uint(256), 2), "argument 1: uint256[2] needs 2 elements, got 1"),
            (.tuple([abiUint(1)]), .tuple([.uint(256), .bool]), "argument 1: wrong tuple arity: expected 2 fields, got 1"),
            (.string("x"), .bytes, "argument 1: expected bytes, found string"),
        ]
        for (value, type, message) in rejected {
            XCTAssertThrowsError(try ABIEncoder.encode([value], types: [type])) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
        XCTAssertThrowsError(try ABIEncoder.encode([abiUint(1)], types: [])) { error in
            XCTAssertEqual("\(error)", "wrong number of arguments: expected 0, got 1")
        }
    }

    func testErrorPathNamesParameterAndComponents() throws {
        let start = try ABIFunction(signature: """
            function startRebalance(address _setToken, address _quoteAsset, address[] _newComponents, \
            (uint256 targetUnit, string priceAdapterName, bytes priceAdapterConfigData)[] _newComponentsAuctionParams, \
            (uint256 targetUnit, string priceAdapterName, bytes priceAdapterConfigData)[] _oldComponentsAuctionParams, \
            bool _shouldLockSetToken, uint256 _rebalanceDuration, uint256 _initialPositionMultiplier)
            """)
        XCTAssertEqual(start.canonicalSignature, startRebalanceSignature)
        var arguments = startRebalanceArguments
        arguments[4] = .array([
            .tuple([abiUint(1), .string("ConstantPriceAdapter"), .bytes([])]),
            .tuple([abiUint(1), abiUint(7), .bytes([])]),
        ])
        XCTAssertThrowsError(try start.encodeCall(arguments)) { error in
            XCTAssertEqual("\(error)", "argument 5 (_oldComponentsAuctionParams) [1].priceAdapterName: expected string, found uint")
        }
        XCTAssertThrowsError(try ABIEncoder.encode(arguments, types: start.inputTypes)) { error in
            XCTAssertEqual("\(error)", "argument 5 [1].1: expected string, found uint")
        }
    }

    func testEmptyAndNestedStaticTuples() throws {
        try assertEncodes([], [], [])
        // ((uint8,bool)[2],string): a static tuple array inline in the head, then the string.
        try assertEncodes([.array([.tuple([abiUint(1), .bool(false)]), .tuple([abiUint(2), .bool(true)])]), .string("")],
                          [.fixedArray(.tuple([.uint(8), .bool]), 2), .string], abiWords([
            "0000000000000000000000000000000000000000000000000000000000000001",
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0000000000000000000000000000000000000000000000000000000000000002",
            "0000000000000000000000000000000000000000000000000000000000000001",
            "00000000000000000000000000000000000000000000000000000000000000a0",  // offset past the 5-word head
            "0000000000000000000000000000000000000000000000000000000000000000",  // empty string
        ]))
    }
}
