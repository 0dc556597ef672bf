import XCTest
@testable import ChainModel

final class RPCJSONTests: XCTestCase {
    func testParsesEveryKindAndKeepsNumberText() throws {
        let value = try JSONValue.parse(#" {"a": [1, -2.5e3, true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude00"} "#)
        XCTAssertEqual(value["a"], .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null]))
        XCTAssertEqual(value["b"], .string("x\"\\/\n\u{e9}\u{1F600}"))
        XCTAssertNil(value["c"])
    }

    func testSerializesCompactlyWithEscapes() {
        let value = JSONValue.object([("k", .string("a\"b\\c\n\u{01}")), ("n", .array([.number("0x"), .null]))])
        XCTAssertEqual(value.serialized, #"{"k":"a\"b\\c\n\u0001","n":[0x,null]}"#)
    }

    func testRoundTripsItsOwnOutput() throws {
        let value = JSONValue.object([("jsonrpc", .string("2.0")), ("id", .number("7")),
                                      ("params", .array([.string("0xab"), .bool(false), .object([])]))])
        XCTAssertEqual(try JSONValue.parse(value.serialized), value)
    }

    func testRejectsMalformedDocumentsWithOffsets() {
        let cases: [(String, Int, String)] = [
            ("", 0, "unexpected end of input"),
            ("{\"a\":1,}", 7, "expected a member name"),
            ("[1,]", 3, "unexpected character"),
            ("01", 1, "leading zero in number"),
            ("\"a\u{01}\"", 2, "unescaped control character in string"),
            ("{\"a\":1} x", 8, "unexpected data after the document"),
            ("\"\\ud800\"", 7, "unpaired surrogate"),
            ("tru", 3, "unexpected end of input"),
            ("[1 2]", 3, "expected ',' or ']'"),
            ("\"abc", 4, "unterminated string"),
        ]
        for (text, offset, reason) in cases {
            XCTAssertThrowsError(try JSONValue.parse(text), text) { error in
                XCTAssertEqual(error as? JSONValue.ParseError, JSONValue.ParseError(offset: offset, reason: reason), text)
            }
        }
    }

    func testBoundsNestingDepth() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        XCTAssertThrowsError(try JSONValue.parse(deep)) { error in
            XCTAssertEqual((error as? JSONValue.ParseError)?.reason, "nesting deeper than 64")
        }
        let ok = String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
        XCTAssertNoThrow(try JSONValue.parse(ok))
    }

    func testRejectsInvalidUTF8() {
        XCTAssertThrowsError(try JSONValue.parse([0x22, 0xFF, 0x22])) { error in
            XCTAssertEqual((error as? JSONValue.ParseError)?.reason, "string is not valid UTF-8")
        }
    }

    /// Random byte strings and mutations of a valid response never crash the parser.
    func testFuzzedInputsNeverCrash() {
        var generator = SplitMix64(seed: 0x5eed)
        let seed = Array(#"{"jsonrpc":"2.0","id":1,"result":{"logs":[{"topics":["0x01"],"data":"0x"}],"n":-1.5e-3}}"#.utf8)
        var accepted = 0
        for round in 0..<20_000 {
            var bytes = seed
            if round % 2 == 0 {
                for _ in 0..<(1 + Int(generator.next() % 4)) {
                    let position = Int(generator.next() % UInt64(bytes.count))
                    switch generator.next() % 3 {
                    case 0: bytes[position] = UInt8(truncatingIfNeeded: generator.next())
                    case 1: bytes.remove(at: position)
                    default: bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: position)
                    }
                }
            } else {
                bytes = (0..<Int(generator.next() % 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            }
            if let value = try? JSONValue.parse(bytes) {
                accepted += 1
                XCTAssertEqual(try? JSONValue.parse(value.serialized), value)
            }
        }
        XCTAssertGreaterThan(accepted, 0)
    }
}
