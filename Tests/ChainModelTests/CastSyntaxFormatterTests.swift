import XCTest
@testable import ChainModel

/// Cast-style printing. Vectors are the documented examples of foundry's `format_uint_exp`,
/// `format_int_exp` and `format_token` (EIP-55 addresses), and Rust's string escapes.
final class CastSyntaxFormatterTests: XCTestCase {
    private func uint(_ decimal: String) -> ABIValue { try! CastSyntax.parse(decimal, as: .uint(256)) }
    private func int(_ decimal: String) -> ABIValue { try! CastSyntax.parse(decimal, as: .int(256)) }

    func testUnsignedHints() {
        let cases: [(String, String)] = [
            ("0", "0"), ("1234", "1234"), ("9999", "9999"), ("10000", "10000 [1e4]"), ("12345", "12345 [1.234e4]"),
            ("1234567890", "1234567890 [1.234e9]"), ("1000000000000000000", "1000000000000000000 [1e18]"),
            ("10000000000000000000000", "10000000000000000000000 [1e22]"),
            ("1500000000000000000", "1500000000000000000 [1.5e18]"), ("1019894829081924353", "1019894829081924353 [1.019e18]"),
            ("998357285091388446", "998357285091388446 [9.983e17]"),
            ("115792089237316195423570985008687907853269984665640564039457584007913129639935",
             "115792089237316195423570985008687907853269984665640564039457584007913129639935 [1.157e77]"),
        ]
        for (decimal, expected) in cases {
            XCTAssertEqual(CastSyntax.format(uint(decimal)), expected)
            XCTAssertEqual(CastSyntax.format(uint(decimal), style: .raw), decimal)
        }
    }

    func testSignedHints() {
        let cases: [(String, String)] = [
            ("0", "0"), ("-1", "-1"), ("1234", "1234"), ("1234567890", "1234567890 [1.234e9]"),
            ("-1234567890", "-1234567890 [-1.234e9]"), ("1000000000000000000", "1000000000000000000 [1e18]"),
            ("10000000000000000000000", "10000000000000000000000 [1e22]"),
            ("-10000000000000000000000", "-10000000000000000000000 [-1e22]"),
            ("-57896044618658097711785492504343953926634992332820282019728792003956564819968",
             "-57896044618658097711785492504343953926634992332820282019728792003956564819968 [-5.789e76]"),
        ]
        for (decimal, expected) in cases {
            XCTAssertEqual(CastSyntax.format(int(decimal)), expected)
            XCTAssertEqual(CastSyntax.format(int(decimal), style: .raw), decimal)
        }
    }

    func testScalars() throws {
        // EIP-55: lowercase in, checksummed out.
        XCTAssertEqual(CastSyntax.format(.address(try Address("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"))),
                       "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
        XCTAssertEqual(CastSyntax.format(.bool(true)), "true")
        XCTAssertEqual(CastSyntax.format(.bool(false)), "false")
        XCTAssertEqual(CastSyntax.format(.bytes([])), "0x")
        XCTAssertEqual(CastSyntax.format(.bytes([0x00, 0xAB, 0x17])), "0x00ab17")
        XCTAssertEqual(CastSyntax.format(.fixedBytes([0x6d, 0xb4, 0xa2, 0x62])), "0x6db4a262")
    }

    func testStringsAreQuotedWithRustDebugEscapes() {
        let cases: [(String, annotated: String, raw: String)] = [
            ("hello", "\"hello\"", "hello"),
            ("", "\"\"", ""),
            ("a\"b", "\"a\\\"b\"", "a\\\"b"),
            ("it's", "\"it's\"", "it\\'s"),
            ("tab\there\nline\r", "\"tab\\there\\nline\\r\"", "tab\\there\\nline\\r"),
            ("back\\slash", "\"back\\\\slash\"", "back\\\\slash"),
            ("nul\0", "\"nul\\0\"", "nul\\0"),
            ("bell\u{7}", "\"bell\\u{7}\"", "bell\\u{7}"),
            ("del\u{7f}", "\"del\\u{7f}\"", "del\\u{7f}"),
            ("Grüße 🌍", "\"Grüße 🌍\"", "Grüße 🌍"),
            ("nbsp\u{a0}zwsp\u{200b}", "\"nbsp\\u{a0}zwsp\\u{200b}\"", "nbsp\\u{a0}zwsp\\u{200b}"),
            // A combining mark: escaped everywhere by Debug, only first by escape_debug.
            ("\u{301}e\u{301}", "\"\\u{301}e\\u{301}\"", "\\u{301}e\u{301}"),
        ]
        for (text, annotated, raw) in cases {
            XCTAssertEqual(CastSyntax.format(.string(text)), annotated, text)
            XCTAssertEqual(CastSyntax.format(.string(text), style: .raw), raw, text)
        }
    }

    func testArraysAndTuples() throws {
        let value = ABIValue.tuple([
            uint("5000000000000000000"),
            .string("ConstantPriceAdapter"),
            .array([.bool(true), .bool(false)]),
            .array([]),
            .tuple([.address(.zero), .bytes([1])]),
        ])
        XCTAssertEqual(CastSyntax.format(value),
                       "(5000000000000000000 [5e18], \"ConstantPriceAdapter\", [true, false], [], (0x0000000000000000000000000000000000000000, 0x01))")
        XCTAssertEqual(CastSyntax.format(value, style: .raw),
                       "(5000000000000000000, ConstantPriceAdapter, [true, false], [], (0x0000000000000000000000000000000000000000, 0x01))")
    }

    /// Raw printing of values without strings parses back to the same value.
    func testRawOutputParsesBack() throws {
        let type = ABIType.tuple([.array(.uint(256)), .int(64), .address, .fixedBytes(4), .bytes, .fixedArray(.bool, 2)])
        let text = "([1, 2e18, 0xff], -5 gwei, 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed, 0x6db4a262, 0x, [true, false])"
        let value = try CastSyntax.parse(text, as: type)
        let printed = CastSyntax.format(value, style: .raw)
        XCTAssertEqual(printed, "([1, 2000000000000000000, 255], -5000000000, 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, 0x6db4a262, 0x, [true, false])")
        XCTAssertEqual(try CastSyntax.parse(printed, as: type), value)
    }
}
