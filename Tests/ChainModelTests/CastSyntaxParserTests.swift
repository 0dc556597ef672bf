import XCTest
import TestSupport
@testable import ChainModel

/// Cast-syntax reading. Vectors are alloy's `coerce_str` test cases (the parser cast uses) and
/// cast's documented examples, plus the rules we add (EIP-55 checksums, empty elements).
final class CastSyntaxParserTests: XCTestCase {
    // MARK: Helpers

    private func parse(_ text: String, _ type: ABIType, file: StaticString = #filePath, line: UInt = #line) -> ABIValue? {
        do {
            return try CastSyntax.parse(text, as: type)
        } catch {
            XCTFail("\(text) as \(type): \(error)", file: file, line: line)
            return nil
        }
    }

    /// The decimal text of an integer value (`-` for negative `int`s).
    private func decimal(_ value: ABIValue?) -> String? {
        switch value {
        case let .uint(magnitude)?: return magnitude.description
        case let .int(signed)?: return signed.description
        default: return nil
        }
    }

    private func assertRefused(_ text: String, _ type: ABIType, _ rule: CastSyntaxError.Rule, path: String = "",
                               file: StaticString = #filePath, line: UInt = #line) {
        do {
            let value = try CastSyntax.parse(text, as: type)
            XCTFail("\(text) as \(type) was accepted as \(value)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.rule, rule, "\(text) as \(type): \(error)", file: file, line: line)
            XCTAssertEqual(error.path, path, "\(text) as \(type): \(error)", file: file, line: line)
            XCTAssertFalse(error.description.contains("\n"), file: file, line: line)
        }
    }

    private static let uint256Max = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
    private static let int256Max = "57896044618658097711785492504343953926634992332820282019728792003956564819967"
    private static let int256Min = "-57896044618658097711785492504343953926634992332820282019728792003956564819968"

    // MARK: Integers

    func testUnsignedLiterals() {
        let cases: [(String, String)] = [
            ("0", "0"), ("1", "1"), ("100", "100"),
            ("0x64", "100"), ("0X64", "100"), ("0b101", "5"), ("0o17", "15"),
            ("1e18", "1000000000000000000"), ("1.5e18", "1500000000000000000"),
            ("0.03069536448928848133e20", "3069536448928848133"),
            ("74258.225772486694040708e18", "74258225772486694040708"),
            ("0.000000000003069536448928848133e30", "3069536448928848133"),
            ("1wei", "1"), ("1 wei", "1"),
            ("1nano", "1000000000"), ("1nanoether", "1000000000"), ("1gwei", "1000000000"),
            ("0.1 gwei", "100000000"), ("0.000000001gwei", "1"), ("123456789123.123456789gwei", "123456789123123456789"),
            ("1ether", "1000000000000000000"), ("0.01 ether", "10000000000000000"),
            ("10000000000ether", "10000000000000000000000000000"),
            ("0.123456789123456789ether", "123456789123456789"),
            ("0.1234567891234560ether", "123456789123456000"),
            ("1e-3 ether", "1000000000000000"), ("1.0e-3 ether", "1000000000000000"), ("1.1e-3 ether", "1100000000000000"),
            ("1E18", "1000000000000000000"), ("1e+3", "1000"),
            (String(repeating: "f", count: 64).withPrefix("0x"), Self.uint256Max),
            (Self.uint256Max, Self.uint256Max),
            ("0x" + String(repeating: "11", count: 32), "7719472615821079694904732333912527190217998977709370935963838933860875309329"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(decimal(parse(text, .uint(256))), expected, text)
        }
        XCTAssertEqual(parse("1e18", .uint(256)), .uint(UInt256(1_000_000_000_000_000_000)))
    }

    func testUnsignedRange() {
        XCTAssertEqual(parse("255", .uint(8)), .uint(UInt256(255)))
        assertRefused("256", .uint(8), .outOfRange(minimum: "0", maximum: "255"))
        assertRefused("257", .uint(8), .outOfRange(minimum: "0", maximum: "255"))
        XCTAssertEqual(parse("256", .uint(16)), .uint(UInt256(256)))
        assertRefused("0x" + String(repeating: "f", count: 64), .uint(248),
                      .outOfRange(minimum: "0", maximum: "452312848583266388373324160190187140051835877600158453279131187530910662655"))
        // 2^256 itself, and a scale that overflows.
        assertRefused("115792089237316195423570985008687907853269984665640564039457584007913129639936", .uint(256),
                      .outOfRange(minimum: "0", maximum: Self.uint256Max))
        assertRefused("1e78", .uint(256), .outOfRange(minimum: "0", maximum: Self.uint256Max))
        assertRefused("1e100000000", .uint(256), .outOfRange(minimum: "0", maximum: Self.uint256Max))
        XCTAssertEqual(parse("0e100000000", .uint(256)), .uint(.zero))
    }

    func testUnsignedRefusals() {
        assertRefused("-1", .uint(256), .negativeUnsigned)
        assertRefused("+1", .uint(256), .malformedNumber)
        assertRefused("", .uint(256), .malformedNumber)
        assertRefused("abc", .uint(256), .malformedNumber)
        assertRefused("1.", .uint(256), .malformedNumber)
        assertRefused(".1 gwei", .uint(256), .malformedNumber)
        assertRefused("0..1 gwei", .uint(256), .malformedNumber)
        assertRefused("2.1.1 gwei", .uint(256), .malformedNumber)
        assertRefused("1.0", .uint(256), .tooManyDecimals(allowed: 0, actual: 1))
        assertRefused("1.5", .uint(256), .fractionNotAllowed)
        assertRefused("0.1 wei", .uint(256), .fractionNotAllowed)
        assertRefused("0.0000000000000000001ether", .uint(256), .tooManyDecimals(allowed: 18, actual: 19))
        assertRefused("1.0000000000000000001ether", .uint(256), .tooManyDecimals(allowed: 18, actual: 19))
        assertRefused("1e-1", .uint(256), .negativeScale)
        assertRefused("1e-18", .uint(256), .negativeScale)
        assertRefused("1abc", .uint(256), .unknownUnit("abc"))
        assertRefused("1 e18", .uint(256), .unknownUnit("e"))
        assertRefused("1ex", .uint(256), .unknownUnit("ex"))
        assertRefused("1 Ether", .uint(256), .unknownUnit("Ether"))
        assertRefused("0b102", .uint(256), .invalidDigit(radix: 2))
        assertRefused("0o8", .uint(256), .invalidDigit(radix: 8))
        assertRefused("0x", .uint(256), .malformedNumber)
        assertRefused("1gwei 1 gwei", .uint(256), .trailingText)
        assertRefused("g 1 gwei", .uint(256), .malformedNumber)
    }

    func testSignedLiterals() {
        XCTAssertEqual(decimal(parse("0", .int(256))), "0")
        XCTAssertEqual(decimal(parse("-0", .int(256))), "0")
        XCTAssertEqual(decimal(parse("+0", .int(256))), "0")
        XCTAssertEqual(parse("-1", .int(256)), .int(Int256(-1)))
        XCTAssertEqual(parse("-1.5e18", .int(256)), .int(Int256(-1_500_000_000_000_000_000)))
        XCTAssertEqual(parse("+42", .int(256)), .int(Int256(42)))
        XCTAssertEqual(parse("-1 gwei", .int(64)), .int(Int256(-1_000_000_000)))
        XCTAssertEqual(parse(Self.int256Max, .int(256)), .int(.max))
        XCTAssertEqual(parse(Self.int256Min, .int(256)), .int(.min))
        XCTAssertEqual(parse("0x7" + String(repeating: "f", count: 63), .int(256)), .int(.max))
        let int256Range = CastSyntaxError.Rule.outOfRange(minimum: Self.int256Min, maximum: Self.int256Max)
        assertRefused("0x" + String(repeating: "f", count: 64), .int(256), int256Range)
        assertRefused("57896044618658097711785492504343953926634992332820282019728792003956564819968", .int(256), int256Range)
        assertRefused("-57896044618658097711785492504343953926634992332820282019728792003956564819969", .int(256), int256Range)
    }

    func testSignedRange() {
        let int8Range = CastSyntaxError.Rule.outOfRange(minimum: "-128", maximum: "127")
        XCTAssertEqual(parse("126", .int(8)), .int(Int256(126)))
        XCTAssertEqual(parse("127", .int(8)), .int(Int256(127)))
        assertRefused("128", .int(8), int8Range)
        assertRefused("129", .int(8), int8Range)
        XCTAssertEqual(parse("128", .int(16)), .int(Int256(128)))
        XCTAssertEqual(parse("-1", .int(8)), .int(Int256(-1)))
        XCTAssertEqual(parse("-128", .int(8)), .int(Int256(-128)))
        assertRefused("-129", .int(8), int8Range)
        assertRefused("--1", .int(8), .malformedNumber)
    }

    // MARK: Scalars

    func testBool() {
        XCTAssertEqual(parse("true", .bool), .bool(true))
        XCTAssertEqual(parse("false", .bool), .bool(false))
        XCTAssertEqual(parse("  true ", .bool), .bool(true))
        for text in ["", "0", "1", "tru", "True", "TRUE", "yes", "\"true\""] {
            assertRefused(text, .bool, .expectedBool)
        }
    }

    func testAddress() {
        let checksummed = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
        let expected = ABIValue.address(try! Address(checksummed))
        XCTAssertEqual(parse(checksummed, .address), expected)
        XCTAssertEqual(parse(checksummed.lowercased(), .address), expected)
        XCTAssertEqual(parse(String(checksummed.dropFirst(2)).lowercased(), .address), expected)
        XCTAssertEqual(parse("0x" + checksummed.dropFirst(2).uppercased(), .address), expected)
        XCTAssertEqual(parse("0000000000000000000000000000000000000000", .address), .address(.zero))
        assertRefused("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", .address, .badChecksum(expected: checksummed))
        assertRefused(String(repeating: "0", count: 38), .address, .malformedAddress)
        assertRefused(String(repeating: "0", count: 39), .address, .malformedAddress)
        assertRefused("0x" + String(repeating: "0", count: 41), .address, .malformedAddress)
        assertRefused("0x" + String(repeating: "g", count: 40), .address, .malformedAddress)
        assertRefused("", .address, .malformedAddress)
    }

    func testFixedBytesNeedTheExactLength() {
        XCTAssertEqual(parse("0x00", .fixedBytes(1)), .fixedBytes([0]))
        XCTAssertEqual(parse("0017", .fixedBytes(2)), .fixedBytes([0x00, 0x17]))
        XCTAssertEqual(parse("123456", .fixedBytes(3)), .fixedBytes([0x12, 0x34, 0x56]))
        XCTAssertEqual(parse("0x6db4a262", .fixedBytes(4)), .fixedBytes([0x6d, 0xb4, 0xa2, 0x62]))
        let word = String(repeating: "ab", count: 32)
        XCTAssertEqual(parse("0x" + word, .fixedBytes(32)), .fixedBytes([UInt8](repeating: 0xab, count: 32)))
        assertRefused("0x123456", .fixedBytes(4), .wrongByteCount(expected: 4, actual: 3))
        assertRefused("0x1234567890", .fixedBytes(4), .wrongByteCount(expected: 4, actual: 5))
        assertRefused("0x", .fixedBytes(1), .wrongByteCount(expected: 1, actual: 0))
        assertRefused("", .fixedBytes(1), .emptyHexWithoutPrefix)
        assertRefused("0", .fixedBytes(1), .malformedHex(.oddLength(digits: 1)))
        assertRefused("0x0", .fixedBytes(1), .malformedHex(.oddLength(digits: 1)))
        assertRefused("0xzz", .fixedBytes(1), .malformedHex(.invalidCharacter("z", offset: 2)))
        assertRefused("[0]", .array(.fixedBytes(1)), .malformedHex(.oddLength(digits: 1)), path: "[0]")
        assertRefused("[(0x0)]", .array(.tuple([.fixedBytes(1)])), .malformedHex(.oddLength(digits: 1)), path: "[0].0")
        XCTAssertEqual(parse("0x" + String(repeating: "11", count: 24), .function), .fixedBytes([UInt8](repeating: 0x11, count: 24)))
        assertRefused("0x" + String(repeating: "11", count: 20), .function, .wrongByteCount(expected: 24, actual: 20))
    }

    func testBytes() {
        XCTAssertEqual(parse("0x", .bytes), .bytes([]))
        XCTAssertEqual(parse("00", .bytes), .bytes([0]))
        XCTAssertEqual(parse("0x00", .bytes), .bytes([0]))
        XCTAssertEqual(parse("123456", .bytes), .bytes([0x12, 0x34, 0x56]))
        XCTAssertEqual(parse("0x0017", .bytes), .bytes([0x00, 0x17]))
        assertRefused("", .bytes, .emptyHexWithoutPrefix)
        assertRefused("0x0", .bytes, .malformedHex(.oddLength(digits: 1)))
        assertRefused("0", .bytes, .malformedHex(.oddLength(digits: 1)))
        assertRefused("(0, 0x0)", .tuple([.bytes, .bytes]), .malformedHex(.oddLength(digits: 1)), path: ".0")
        XCTAssertEqual(parse("[]", .array(.bytes)), .array([]))
        XCTAssertEqual(parse("[0x]", .array(.bytes)), .array([.bytes([])]))
    }

    // MARK: Strings

    func testStrings() {
        let cases: [(String, String)] = [
            ("gavofyork", "gavofyork"), ("gav of york", "gav of york"),
            ("\"hello world\"", "hello world"), ("'hello world'", "hello world"),
            ("'\"hello world\"'", "\"hello world\""), ("'   hello world '", "   hello world "),
            ("'\"hello world'", "\"hello world"), ("a, b", "a, b"), ("hello (world)", "hello (world)"),
            ("Hello, world!", "Hello, world!"), ("$$g]a\"v/of;[()];2,yo\r)k_", "$$g]a\"v/of;[()];2,yo\r)k_"),
            ("", ""), ("trailing   ", "trailing"), ("  leading", "  leading"), ("Grüße 🌍", "Grüße 🌍"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(parse(text, .string), .string(expected), text)
        }
        assertRefused("\"hello world", .string, .unterminatedString(quote: "\""))
        assertRefused("\"hello world'", .string, .unterminatedString(quote: "\""))
        assertRefused("'hello world", .string, .unterminatedString(quote: "'"))
        assertRefused("'hello world\"", .string, .unterminatedString(quote: "'"))
        assertRefused("'a' b", .string, .trailingText)
    }

    func testStringArrays() {
        func strings(_ items: [String]) -> ABIValue { .array(items.map { .string($0) }) }
        let type = ABIType.array(.string)
        XCTAssertEqual(parse("[]", type), strings([]))
        XCTAssertEqual(parse("[    ]", type), strings([]))
        XCTAssertEqual(parse("[ foo bar ]", type), strings(["foo bar"]))
        XCTAssertEqual(parse("[foo bar,]", type), strings(["foo bar"]))
        XCTAssertEqual(parse("[  foo bar,  ]", type), strings(["foo bar"]))
        XCTAssertEqual(parse("[ foo , bar ]", type), strings(["foo", "bar"]))
        XCTAssertEqual(parse("[\"foo\",\"bar\"]", type), strings(["foo", "bar"]))
        XCTAssertEqual(parse("['']", type), strings([""]))
        XCTAssertEqual(parse("['', \"\"]", type), strings(["", ""]))
        XCTAssertEqual(parse("[0x]", type), strings(["0x"]))
        XCTAssertEqual(parse("[\"a,b]\", c)d]", type), strings(["a,b]", "c)d"]))
        assertRefused("[,]", type, .missingElement)
        assertRefused("[a,,b]", type, .missingElement)
        assertRefused("[\"a\" b]", type, .expectedSeparator(found: "b", closing: "]"))
        assertRefused("[a", type, .missingClosing("]"))
    }

    // MARK: Arrays and tuples

    func testArrays() {
        XCTAssertEqual(parse("[true, false]", .array(.bool)), .array([.bool(true), .bool(false)]))
        XCTAssertEqual(parse("[ [ true, true, false ], [ false]]", .array(.array(.bool))),
                       .array([.array([.bool(true), .bool(true), .bool(false)]), .array([.bool(false)])]))
        XCTAssertEqual(parse("[ 1   ether,  10 ether ]", .array(.uint(256))),
                       .array([.uint(UInt256(1_000_000_000_000_000_000)), .uint(UInt256(10_000_000_000_000_000_000))]))
        XCTAssertEqual(parse("[1 , 2 ,3,]", .array(.uint(8))), .array([.uint(1), .uint(2), .uint(3)]))
        XCTAssertEqual(parse("[]", .fixedArray(.bool, 0)), .array([]))
        XCTAssertEqual(parse("[true, false, true]", .fixedArray(.bool, 3)), .array([.bool(true), .bool(false), .bool(true)]))
        assertRefused("[]", .fixedArray(.bool, 1), .wrongElementCount(expected: 1, actual: 0))
        assertRefused("[true, false]", .fixedArray(.bool, 3), .wrongElementCount(expected: 3, actual: 2))
        assertRefused("[true, false, false, true]", .fixedArray(.bool, 3), .wrongElementCount(expected: 3, actual: 4))
        assertRefused("[true,\"false,false]", .array(.bool), .expectedBool, path: "[1]")
        assertRefused("[false\"]", .array(.bool), .expectedBool, path: "[0]")
        assertRefused("[true,\"false\",false]", .array(.bool), .expectedBool, path: "[1]")
        assertRefused("true", .array(.bool), .missingOpening("["))
        assertRefused("[true", .array(.bool), .missingClosing("]"))
        assertRefused("[true false]", .array(.bool), .expectedSeparator(found: "f", closing: "]"))
        assertRefused("[1,256]", .array(.uint(8)), .outOfRange(minimum: "0", maximum: "255"), path: "[1]")
        assertRefused("[[1],[2,x]]", .array(.array(.uint(8))), .malformedNumber, path: "[1][1]")
    }

    func testTuples() {
        let type = ABIType.tuple([.string, .bool, .string])
        XCTAssertEqual(parse("(\"a,]) b\", true, true? ]and] false!)", type),
                       .tuple([.string("a,]) b"), .bool(true), .string("true? ]and] false!")]))
        assertRefused("(\"\", true, a, b)", type, .tooManyComponents(expected: 3))
        assertRefused("(a, b, true, a)", type, .expectedBool, path: ".1")
        let pair = ABIType.tuple([.uint(256), .bool])
        XCTAssertEqual(parse(" ( 1 , true ) ", pair), .tuple([.uint(1), .bool(true)]))
        assertRefused("(1, true", pair, .missingClosing(")"))
        assertRefused("(1", pair, .missingClosing(")"))
        assertRefused("(1)", pair, .tooFewComponents(expected: 2, actual: 1))
        assertRefused("()", pair, .tooFewComponents(expected: 2, actual: 0))
        assertRefused("(1,true,)", pair, .tooManyComponents(expected: 2))
        assertRefused("1,true)", pair, .missingOpening("("))
        assertRefused("(1;true)", pair, .expectedSeparator(found: ";", closing: ")"))
        assertRefused("(,true)", pair, .missingElement)
        assertRefused("(1,true))", pair, .trailingText)
        XCTAssertEqual(parse("()", .tuple([])), .tuple([]))
        assertRefused("(1)", .tuple([]), .tooManyComponents(expected: 0))
    }

    func testNestedTuplesAndArrays() {
        XCTAssertEqual(
            parse("[([(true)],[(false,true)])]", .array(.tuple([.array(.tuple([.bool])), .array(.tuple([.bool, .bool]))]))),
            .array([.tuple([.array([.tuple([.bool(true)])]), .array([.tuple([.bool(false), .bool(true)])])])]))
        XCTAssertEqual(
            parse("([(5c9d55b78febcc2061715ba4f57ecf8ea2711f2c)],2)", .tuple([.array(.tuple([.address])), .uint(256)])),
            .tuple([.array([.tuple([.address(try! Address("0x5c9d55b78febcc2061715ba4f57ecf8ea2711f2c"))])]), .uint(2)]))
        // The startRebalance component-parameter shape: (uint256,string,bytes)[].
        XCTAssertEqual(
            parse("[(9100e18, ConstantPriceAdapter, 0x01), (4 ether, \"Linear, v1\", 0x)]",
                  .array(.tuple([.uint(256), .string, .bytes]))),
            .array([
                .tuple([.uint(CastSyntaxParserTests.scaled(9100, 18)), .string("ConstantPriceAdapter"), .bytes([1])]),
                .tuple([.uint(CastSyntaxParserTests.scaled(4, 18)), .string("Linear, v1"), .bytes([])]),
            ]))
    }

    func testDeepNesting() {
        let depth = 10
        var type = ABIType.bool
        for _ in 0..<depth { type = .array(type) }
        var expected = ABIValue.bool(true)
        for _ in 0..<depth { expected = .array([expected]) }
        XCTAssertEqual(parse(String(repeating: "[", count: depth) + "true" + String(repeating: "]", count: depth), type), expected)

        var tuple = ABIType.bool
        var tupleValue = ABIValue.bool(true)
        for _ in 0..<depth { tuple = .tuple([tuple]); tupleValue = .tuple([tupleValue]) }
        XCTAssertEqual(parse(String(repeating: "(", count: depth) + "true" + String(repeating: ")", count: depth), tuple), tupleValue)
        assertRefused(String(repeating: "(", count: depth) + "true" + String(repeating: ")", count: depth - 1), tuple, .missingClosing(")"))
    }

    /// Hostile sizes: recursion follows the type, not the text, and work is linear in the text.
    func testHostileTextIsBounded() {
        let brackets = String(repeating: "[", count: 100_000)
        assertRefused(brackets, .array(.uint(256)), .malformedNumber, path: "[0]")
        assertRefused(String(repeating: "(", count: 100_000), .tuple([.bool]), .expectedBool, path: ".0")
        let many = "[" + Array(repeating: "1", count: 50_000).joined(separator: ",") + "]"
        if case let .array(items)? = parse(many, .array(.uint(8))) {
            XCTAssertEqual(items.count, 50_000)
        } else {
            XCTFail("50000 elements not parsed")
        }
        let huge = String(repeating: "9", count: 100_000)
        assertRefused(huge, .uint(256), .outOfRange(minimum: "0", maximum: Self.uint256Max))
        let zeros = String(repeating: "0", count: 100_000) + "1"
        XCTAssertEqual(parse(zeros, .uint(8)), .uint(1))
    }

    func testUnsupportedFixedPoint() {
        assertRefused("1.5", .ufixed(bits: 128, decimals: 18), .unsupportedType)
        assertRefused("1.5", .fixed(bits: 128, decimals: 18), .unsupportedType)
    }

    func testErrorDescriptionIsOneLineNamingPathTypeTextAndRule() {
        do {
            _ = try CastSyntax.parse("[1,256]", as: .array(.uint(8)))
            XCTFail("accepted")
        } catch {
            XCTAssertEqual(error.description, "[1] (uint8): '256' is out of range (0 to 255)")
        }
        do {
            _ = try CastSyntax.parse("\"a\nb", as: .string)
            XCTFail("accepted")
        } catch {
            XCTAssertEqual(error.description, "(string): '\"a\\nb' has no closing \" quote")
        }
        let long = String(repeating: "x", count: 500)
        do {
            _ = try CastSyntax.parse(long, as: .uint(256))
            XCTFail("accepted")
        } catch {
            XCTAssertEqual(error.text.count, CastSyntaxError.maximumTextLength + 1)
        }
    }

    /// Random and mutated texts never trap and either parse or throw (bounded work).
    func testFuzzNeverTraps() {
        var generator = SplitMix64(seed: 0x5eed_ca57)
        let types: [ABIType] = [
            .uint(8), .uint(256), .int(8), .int(256), .bool, .address, .fixedBytes(4), .bytes, .string, .function,
            .array(.uint(256)), .fixedArray(.bool, 2), .tuple([.uint(256), .string, .bytes]),
            .array(.tuple([.uint(256), .string, .bytes])), .array(.array(.string)),
        ]
        let alphabet = Array("0123456789abcdefxXeE.-+ ,()[]\"'gwiethrnoxé\t\n".unicodeScalars)
        let seeds = ["[(1, a, 0x00)]", "1.5e18", "-128", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                     "[[a],[b,c]]", "(1,\"x\",0x)", "1 ether", "true"]
        for _ in 0..<20_000 {
            var scalars: [Unicode.Scalar]
            if generator.next() % 2 == 0 {
                scalars = Array(seeds[Int(generator.next() % UInt64(seeds.count))].unicodeScalars)
                for _ in 0..<(1 + generator.next() % 3) where !scalars.isEmpty {
                    let position = Int(generator.next() % UInt64(scalars.count))
                    scalars[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                }
            } else {
                scalars = (0..<(generator.next() % 24)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            let type = types[Int(generator.next() % UInt64(types.count))]
            do {
                let value = try CastSyntax.parse(text, as: type)
                // Whatever is accepted prints and, for non-strings, parses back to itself.
                let printed = CastSyntax.format(value, style: .raw)
                if !CastSyntaxParserTests.containsString(type) {
                    XCTAssertEqual(try? CastSyntax.parse(printed, as: type), value, "\(text) → \(printed) as \(type)")
                }
            } catch {
                XCTAssertFalse(error.description.contains("\n"), error.description)
            }
        }
    }

    static func containsString(_ type: ABIType) -> Bool {
        switch type {
        case .string: return true
        case let .array(element), let .fixedArray(element, _): return containsString(element)
        case let .tuple(components): return components.contains(where: containsString)
        default: return false
        }
    }

    static func scaled(_ value: UInt64, _ exponent: Int) -> UInt256 {
        var result = UInt256(value)
        precondition(CastInteger.scaleByPowerOfTen(&result, exponent))
        return result
    }
}

private extension String {
    func withPrefix(_ prefix: String) -> String { prefix + self }
}
