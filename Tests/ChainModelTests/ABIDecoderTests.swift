import XCTest
@testable import ChainModel

/// The rest of the four-way check: decode == values and re-encode == vector.
func assertDecodes(_ data: [UInt8], _ types: [ABIType], selector: ABISelector? = nil, _ values: [ABIValue],
                   file: StaticString = #filePath, line: UInt = #line) throws {
    let decoded = try selector.map { try ABIDecoder.decodeCall(selector: $0, types: types, from: data) }
        ?? ABIDecoder.decode(types: types, from: data)
    XCTAssertEqual(decoded, values, file: file, line: line)
    let again = try selector.map { try ABIEncoder.encodeCall(selector: $0, decoded, types: types) }
        ?? ABIEncoder.encode(decoded, types: types)
    XCTAssertEqual(again, data, file: file, line: line)
}

final class ABIDecoderTests: XCTestCase {
    func testVectorsDecodeAndReencode() throws {
        for (signature, values, data) in solidityDocExamples {
            let function = try ABIFunction(signature: signature)
            try assertDecodes(data, function.inputTypes, selector: function.selector, values)
            XCTAssertEqual(try function.decodeCall(data), values)
        }
        let start = try ABIFunction(signature: startRebalanceSignature)
        try assertDecodes(startRebalanceCalldata, start.inputTypes, selector: start.selector, startRebalanceArguments)
        let bid = try ABIFunction(signature: "bid(address,address,address,uint256,uint256,bool)")
        try assertDecodes(bidCalldata, bid.inputTypes, selector: bid.selector, bidArguments)
        try assertDecodes(abiWords(linearConfigWords), [.uint(256), .uint(256), .uint(256), .bool, .uint(256), .uint(256)],
                          [abiUint(1_162_340_294_608_501_383), abiUint(500_000_000_000_000), abiUint(600), .bool(true),
                           abiUint(1_162_340_294_608_501_383), abiUint(1_142_340_294_608_501_383)])
        try assertDecodes(abiWords(["ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80"]), [.int(8)], [.int(Int256(-128))])
        try assertDecodes(abiWords(["ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80"]),
                          [.fixed(bits: 8, decimals: 2)], [.int(Int256(-128))])
    }

    func testTrailingBytesAreAllowed() throws {
        // Like eth-abi and Solidity's abi.decode: bytes after the last used one are ignored.
        let data = abiWords(["0000000000000000000000000000000000000000000000000000000000000045"]) + [0xde, 0xad]
        XCTAssertEqual(try ABIDecoder.decode(types: [.uint(32)], from: data), [abiUint(69)])
    }

    func testRejectionsNameOffsetPathAndRule() throws {
        let zero = "0000000000000000000000000000000000000000000000000000000000000000"
        let cases: [([ABIType], [String], String)] = [
            ([.uint(8)], ["0000000000000000000000000000000000000000000000000000000000000100"],
             "at byte 0x0 (argument 1): value does not fit uint8 (high bits not zero)"),
            ([.int(8)], ["000000000000000000000000000000000000000000000000000000000000ff80"],
             "at byte 0x0 (argument 1): value does not fit int8 (high bits not a sign extension)"),
            ([.int(16)], ["ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0080"],
             "at byte 0x0 (argument 1): value does not fit int16 (high bits not a sign extension)"),
            ([.bool, .bool], [zero, "0000000000000000000000000000000000000000000000000000000000000002"],
             "at byte 0x20 (argument 2): bool must be 0 or 1, found 0x02"),
            ([.address], ["0000000000000000000000011111111111111111111111111111111111111111"],
             "at byte 0x0 (argument 1): value does not fit address (high bits not zero)"),
            ([.fixedBytes(3)], ["6162636400000000000000000000000000000000000000000000000000000000"],
             "at byte 0x0 (argument 1): padding bytes of bytes3 are not zero"),
            ([.function], ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa123456780000000000000001"],
             "at byte 0x0 (argument 1): padding bytes of function are not zero"),
            ([.uint(256), .uint(256)], [zero],
             "at byte 0x0: needs 64 bytes but only 32 remain"),
            ([.string], ["0000000000000000000000000000000000000000000000000000000000000020"],
             "at byte 0x0 (argument 1): offset 0x20 points past the end of the data (0x20 bytes)"),
            ([.string], ["8000000000000000000000000000000000000000000000000000000000000000", zero],
             "at byte 0x0 (argument 1): offset 0x8000000000000000000000000000000000000000000000000000000000000000 points past the end of the data (0x40 bytes)"),
            ([.bool, .string], [zero, "0000000000000000000000000000000000000000000000000000000000000020", zero],
             "at byte 0x20 (argument 2): offset 0x20 points into the head (0x40 bytes) of its container"),
            ([.bytes], ["0000000000000000000000000000000000000000000000000000000000000020",
                        "0000000000000000000000000000000000000000000000000000000000000021", zero],
             "at byte 0x20 (argument 1): length 0x21 needs more than the 32 bytes that remain"),
            ([.bytes], ["0000000000000000000000000000000000000000000000000000000000000020",
                        "0000000000000000000000000000000000000000000000000000000000000001",
                        "0100000000000000000000000000000000000000000000000000000000000001"],
             "at byte 0x5f (argument 1): padding bytes of bytes are not zero"),
            ([.string], ["0000000000000000000000000000000000000000000000000000000000000020",
                         "0000000000000000000000000000000000000000000000000000000000000002",
                         "c328000000000000000000000000000000000000000000000000000000000000"],
             "at byte 0x40 (argument 1): string is not valid UTF-8"),
            // A hostile length: checked against the remaining input before any allocation.
            ([.array(.uint(256))], ["0000000000000000000000000000000000000000000000000000000000000020",
                                    "00000000000000000000000000000000000000000000000000000000ffffffff", zero],
             "at byte 0x20 (argument 1): length 0xffffffff needs more than the 32 bytes that remain"),
            ([.array(.uint(256))], ["0000000000000000000000000000000000000000000000000000000000000020",
                                    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"],
             "at byte 0x20 (argument 1): length 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff needs more than the 0 bytes that remain"),
            ([.tuple([.bool, .array(.bool)])], ["0000000000000000000000000000000000000000000000000000000000000020", zero,
                                                "0000000000000000000000000000000000000000000000000000000000000040",
                                                "0000000000000000000000000000000000000000000000000000000000000001",
                                                "0000000000000000000000000000000000000000000000000000000000000003"],
             "at byte 0x80 (argument 1 .1[0]): bool must be 0 or 1, found 0x03"),
        ]
        for (types, words, message) in cases {
            XCTAssertThrowsError(try ABIDecoder.decode(types: types, from: abiWords(words)), message) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }

    func testErrorPathUsesParameterNamesAndCallDataOffsets() throws {
        let start = try ABIFunction(signature: """
            startRebalance(address _setToken, address _quoteAsset, address[] _newComponents, \
            (uint256 targetUnit, string priceAdapterName, bytes priceAdapterConfigData)[] _newComponentsAuctionParams, \
            (uint256 targetUnit, string priceAdapterName, bytes priceAdapterConfigData)[] _oldComponentsAuctionParams, \
            bool _shouldLockSetToken, uint256 _rebalanceDuration, uint256 _initialPositionMultiplier)
            """)
        var data = startRebalanceCalldata
        data[4 + 0x400 + 31] = 0x41  // a byte in the padding of old[0].priceAdapterName
        XCTAssertThrowsError(try start.decodeCall(data)) { error in
            XCTAssertEqual("\(error)", "at byte 0x423 (argument 5 (_oldComponentsAuctionParams) [0].priceAdapterName): padding bytes of string are not zero")
        }
        XCTAssertThrowsError(try start.decodeCall(bidCalldata)) { error in
            XCTAssertEqual("\(error)", "selector 0x6db4a262 does not match 0x8e0f7756")
        }
        XCTAssertThrowsError(try start.decodeCall([0x8e, 0x0f])) { error in
            XCTAssertEqual("\(error)", "call data has 2 bytes, fewer than the 4-byte selector")
        }
    }

    func testAliasedOffsetsCannotInflateTheOutput() throws {
        // uint256[][] of 64 elements whose offsets all point at one 64-element array: 4 kB of input
        // would decode to 128 kB. Each decoded word is charged against the input size.
        var words = ["0000000000000000000000000000000000000000000000000000000000000020",
                     "0000000000000000000000000000000000000000000000000000000000000040"]
        words += Array(repeating: "0000000000000000000000000000000000000000000000000000000000000800", count: 64)
        words += ["0000000000000000000000000000000000000000000000000000000000000040"]
        words += Array(repeating: "0000000000000000000000000000000000000000000000000000000000000007", count: 64)
        let data = abiWords(words)
        XCTAssertThrowsError(try ABIDecoder.decode(types: [.array(.array(.uint(256)))], from: data)) { error in
            guard let error = error as? ABIDecodingError, case .decodedSizeExceedsInput(data.count) = error.reason else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(error.path, ABIValuePath([.argument(0, name: ""), .element(1)]))
        }
    }

    func testHugeStaticTypesFailWithoutAllocating() throws {
        let word = abiWords(["0000000000000000000000000000000000000000000000000000000000000001"])
        XCTAssertThrowsError(try ABIDecoder.decode(types: [try ABIType(parsing: "bool[999999999]")], from: word)) { error in
            XCTAssertEqual("\(error)", "at byte 0x0: needs 31999999968 bytes but only 32 remain")
        }
        // 32·999999999³ overflows Int: reported, not trapped.
        XCTAssertThrowsError(try ABIDecoder.decode(types: [try ABIType(parsing: "uint256[999999999][999999999][999999999]")], from: word)) { error in
            XCTAssertEqual("\(error)", "at byte 0x0: the static size of the types exceeds the addressable range")
        }
        XCTAssertThrowsError(try ABIDecoder.decode(types: [.string, try ABIType(parsing: "bool[999999999]")], from: word + word)) { error in
            XCTAssertEqual("\(error)", "at byte 0x0: needs 32000000000 bytes but only 64 remain")
        }
    }

    func testDepthLimit() throws {
        var type = ABIType.bool
        for _ in 0..<40 { type = .tuple([type]) }
        XCTAssertThrowsError(try ABIDecoder.decode(types: [type], from: abiWords(["0000000000000000000000000000000000000000000000000000000000000001"]))) { error in
            XCTAssertTrue("\(error)".hasSuffix("type nests deeper than 32 levels"), "\(error)")
        }
        // The deepest type the parser accepts also decodes.
        let deepest = try ABIType(parsing: String(repeating: "(", count: 31) + "bool" + String(repeating: ")", count: 31))
        XCTAssertEqual(try ABIDecoder.decode(types: [deepest], from: abiWords(["0000000000000000000000000000000000000000000000000000000000000001"])).count, 1)
        var nested = ABIType.bool
        for _ in 0..<31 { nested = .array(nested) }
        XCTAssertNoThrow(try ABIDecoder.decode(types: [nested], from: abiWords([
            "0000000000000000000000000000000000000000000000000000000000000020",
            "0000000000000000000000000000000000000000000000000000000000000000",
        ])))
    }
}
