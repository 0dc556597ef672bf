import Foundation
import XCTest
import TestSupport
@testable import ChainModel

final class RLPTests: XCTestCase {
    private func hex(_ text: String) -> [UInt8] { try! Hex.decode(text) }
    private func s(_ text: String) -> RLPItem { .bytes(Array(text.utf8)) }

    private func assertRoundTrip(_ item: RLPItem, _ expectedHex: String, file: StaticString = #filePath, line: UInt = #line) {
        let encoded = RLP.encode(item)
        XCTAssertEqual(Hex.encode(encoded), expectedHex, file: file, line: line)
        XCTAssertEqual(item.encodedCount, encoded.count, file: file, line: line)
        XCTAssertEqual(try RLP.decode(encoded), item, file: file, line: line)
    }

    // The examples of the Ethereum wiki's RLP page and the yellow paper, appendix B.
    func testPublishedExamples() {
        assertRoundTrip(s("dog"), "0x83646f67")
        assertRoundTrip(.list([s("cat"), s("dog")]), "0xc88363617483646f67")
        assertRoundTrip(.empty, "0x80")
        assertRoundTrip(.list([]), "0xc0")
        assertRoundTrip(.uint(0 as UInt64), "0x80")
        assertRoundTrip(.bytes([0x00]), "0x00")
        assertRoundTrip(.bytes([0x0f]), "0x0f")
        assertRoundTrip(.uint(15 as UInt64), "0x0f")
        assertRoundTrip(.uint(1024 as UInt64), "0x820400")
        assertRoundTrip(.list([.list([]), .list([.list([])]), .list([.list([]), .list([.list([])])])]), "0xc7c0c1c0c3c0c1c0")
        let lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit"
        XCTAssertEqual(lorem.utf8.count, 56)
        assertRoundTrip(s(lorem), "0xb838" + Hex.encode(Array(lorem.utf8), prefix: false))
    }

    func testIntegerBoundaries() {
        assertRoundTrip(.uint(0x7f as UInt64), "0x7f")
        assertRoundTrip(.uint(0x80 as UInt64), "0x8180")
        assertRoundTrip(.uint(UInt64.max), "0x88ffffffffffffffff")
        assertRoundTrip(.uint(UInt256.max), "0xa0" + String(repeating: "ff", count: 32))
        assertRoundTrip(.uint(UInt256(w0: 0, w1: 1, w2: 0, w3: 0)), "0x89010000000000000000")
        for value: UInt64 in [0, 1, 0x7f, 0x80, 0xff, 0x100, 0xffff_ffff, .max] {
            XCTAssertEqual(RLP.encodedCount(value), RLP.encode(.uint(value)).count)
            XCTAssertEqual(try RLP.decode(RLP.encode(.uint(value))).uint64Value(), value)
        }
        XCTAssertEqual(try RLP.uint64(fromMinimal: [UInt8]()), 0)
        XCTAssertThrowsError(try RLP.uint64(fromMinimal: [0x00])) { XCTAssertEqual($0 as? RLPDecodingError, .leadingZeroInInteger(offset: nil)) }
        XCTAssertThrowsError(try RLP.uint64(fromMinimal: [0x00, 0x01])) { XCTAssertEqual($0 as? RLPDecodingError, .leadingZeroInInteger(offset: nil)) }
        XCTAssertThrowsError(try RLP.uint64(fromMinimal: [UInt8](repeating: 1, count: 9))) {
            XCTAssertEqual($0 as? RLPDecodingError, .integerTooLarge(byteCount: 9, limit: 8))
        }
        XCTAssertThrowsError(try RLP.uint256(fromMinimal: [UInt8](repeating: 1, count: 33))) {
            XCTAssertEqual($0 as? RLPDecodingError, .integerTooLarge(byteCount: 33, limit: 32))
        }
        XCTAssertEqual(try RLP.uint256(fromMinimal: [0x01, 0x00]), UInt256(256))
        XCTAssertThrowsError(try RLPItem.list([]).uint64Value()) { XCTAssertEqual($0 as? RLPDecodingError, .expectedBytes) }
        XCTAssertThrowsError(try RLPItem.empty.listValue()) { XCTAssertEqual($0 as? RLPDecodingError, .expectedList) }
    }

    func testLongLengthsRoundTrip() {
        for count in [55, 56, 255, 256, 65_535, 65_536] {
            let payload = [UInt8](repeating: 0xab, count: count)
            let encoded = RLP.encode(.bytes(payload))
            XCTAssertEqual(encoded.count, RLP.headerCount(payloadCount: count) + count)
            XCTAssertEqual(try RLP.decode(encoded), .bytes(payload))
            let list = RLPItem.list([RLPItem](repeating: .bytes([0x01]), count: count))
            XCTAssertEqual(try RLP.decode(RLP.encode(list)), list)
        }
        XCTAssertEqual(Array(RLP.encode(.bytes([UInt8](repeating: 0, count: 1024))).prefix(3)), [0xb9, 0x04, 0x00])
    }

    private func assertRefused(_ text: String, _ expected: RLPDecodingError, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try RLP.decode(hex(text)), file: file, line: line) { error in
            XCTAssertEqual(error as? RLPDecodingError, expected, file: file, line: line)
        }
    }

    func testStrictDecoding() {
        assertRefused("0x", .empty)
        assertRefused("0x8100", .nonCanonicalSingleByte(offset: 0))
        assertRefused("0x817f", .nonCanonicalSingleByte(offset: 0))
        assertRefused("0xc28100", .nonCanonicalSingleByte(offset: 1))
        assertRefused("0xb80100", .nonCanonicalLongLength(offset: 0, length: 1))
        assertRefused("0xb837" + String(repeating: "61", count: 55), .nonCanonicalLongLength(offset: 0, length: 55))
        assertRefused("0xf800", .leadingZeroInLength(offset: 0))
        assertRefused("0xf80100", .nonCanonicalLongLength(offset: 0, length: 1))
        assertRefused("0xb90038" + String(repeating: "61", count: 56), .leadingZeroInLength(offset: 0))
        assertRefused("0xf90038" + String(repeating: "01", count: 56), .leadingZeroInLength(offset: 0))
        assertRefused("0x83646f", .truncated(offset: 0, needed: 4, available: 3))
        assertRefused("0xb838", .truncated(offset: 0, needed: 58, available: 2))
        assertRefused("0xb9", .truncated(offset: 0, needed: 3, available: 1))
        assertRefused("0xbfffffffffffffffff", .lengthTooLarge(offset: 0))
        assertRefused("0xbbffffffff00", .truncated(offset: 0, needed: 1 + 4 + 0xffff_ffff, available: 6))
        // A list whose child runs past the list's own end.
        assertRefused("0xc283646f67", .truncated(offset: 1, needed: 4, available: 2))
        assertRefused("0x83646f6700", .trailingBytes(offset: 4, count: 1))
        assertRefused("0xc0c0", .trailingBytes(offset: 1, count: 1))
    }

    func testDepthLimit() {
        var encoded: [UInt8] = [0xc0]
        for _ in 1..<RLP.defaultMaxDepth {
            encoded = RLP.encode(.list([try! RLP.decode(encoded)]))
        }
        XCTAssertNoThrow(try RLP.decode(encoded))
        // One more level: the prefix bytes c1 c1 … c0 grow by one.
        let deeper = RLP.encode(.list([try! RLP.decode(encoded)]))
        XCTAssertThrowsError(try RLP.decode(deeper)) { error in
            guard case let .tooDeep(_, limit) = error as? RLPDecodingError else { return XCTFail("\(error)") }
            XCTAssertEqual(limit, RLP.defaultMaxDepth)
        }
        XCTAssertThrowsError(try RLP.decode([0xc1, 0xc0], maxDepth: 1)) {
            XCTAssertEqual($0 as? RLPDecodingError, .tooDeep(offset: 1, limit: 1))
        }
        // A hostile, very deep input fails fast without exhausting the stack.
        let hostile = [UInt8](repeating: 0xc1, count: 100_000) + [0xc0]
        XCTAssertThrowsError(try RLP.decode(hostile))
    }

    // MARK: - Differential against pyrlp

    private func randomItem(depth: Int, using generator: inout SystemRandomNumberGenerator) -> RLPItem {
        if depth < 4 && Int.random(in: 0..<3, using: &generator) == 0 {
            let count = Int.random(in: 0...6, using: &generator)
            return .list((0..<count).map { _ in randomItem(depth: depth + 1, using: &generator) })
        }
        let count: Int
        switch Int.random(in: 0..<10, using: &generator) {
        case 0: count = 0
        case 1...5: count = 1
        case 6, 7: count = Int.random(in: 2...60, using: &generator)
        default: count = Int.random(in: 50...300, using: &generator)
        }
        let bytes = (0..<count).map { _ in UInt8.random(in: count == 1 && Bool.random(using: &generator) ? 0...0x7f : 0...0xff, using: &generator) }
        return .bytes(bytes)
    }

    private func json(_ item: RLPItem) -> String {
        switch item {
        case let .bytes(bytes): return "\"" + Hex.encode(bytes, prefix: false) + "\""
        case let .list(items): return "[" + items.map(json).joined(separator: ",") + "]"
        }
    }

    func testEncodingMatchesPyrlp() throws {
        var generator = SystemRandomNumberGenerator()
        let items = (0..<2000).map { _ in randomItem(depth: 0, using: &generator) }
        let requests = items.map { "enc " + json($0) }.joined(separator: "\n") + "\n"
        let output = try TestSupport.runPython(script: "rlp_peer.py", [], input: Data(requests.utf8))
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, items.count)
        for (item, line) in zip(items, lines) {
            let ours = RLP.encode(item)
            XCTAssertEqual(Hex.encode(ours, prefix: false), String(line), json(item))
            XCTAssertEqual(try RLP.decode(ours), item)
        }
    }

    /// Mutated encodings: our strict decoder and pyrlp's strict decoder accept exactly the same
    /// inputs and read the same items from them.
    func testDecodingAgreesWithPyrlpOnMutatedInput() throws {
        var generator = SystemRandomNumberGenerator()
        var inputs: [[UInt8]] = []
        for _ in 0..<3000 {
            var bytes = RLP.encode(randomItem(depth: 0, using: &generator))
            mutate(&bytes, using: &generator)
            inputs.append(bytes)
        }
        let requests = inputs.map { "dec " + Hex.encode($0, prefix: false) }.joined(separator: "\n") + "\n"
        let output = try TestSupport.runPython(script: "rlp_peer.py", [], input: Data(requests.utf8))
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, inputs.count)
        var accepted = 0
        for (input, line) in zip(inputs, lines) {
            let ours = try? RLP.decode(input)
            if line == "err" {
                XCTAssertNil(ours, "pyrlp refuses \(Hex.encode(input)) but we accept it")
            } else {
                accepted += 1
                XCTAssertEqual(ours.map { "ok " + json($0) }, String(line), Hex.encode(input))
            }
        }
        XCTAssertGreaterThan(accepted, 100)
        XCTAssertLessThan(accepted, inputs.count)
    }

    private func mutate(_ bytes: inout [UInt8], using generator: inout SystemRandomNumberGenerator) {
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: break
        case 1 where !bytes.isEmpty:
            bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
        case 2 where !bytes.isEmpty:
            bytes.removeLast(Int.random(in: 1...bytes.count, using: &generator))
        case 3:
            bytes.append(UInt8.random(in: 0...255, using: &generator))
        case 4 where !bytes.isEmpty:
            // Flip the header byte into a neighbouring form (short/long, string/list).
            bytes[0] = bytes[0] ^ [0x40, 0x01, 0x08, 0x37][Int.random(in: 0..<4, using: &generator)]
        default:
            bytes.insert(UInt8.random(in: 0x80...0xff, using: &generator), at: 0)
        }
    }

    /// Random and mutated bytes: the decoder returns an item or an ``RLPDecodingError``, never
    /// crashes, and whatever it accepts re-encodes to the same bytes (canonical form).
    func testFuzzDecoderTypedErrorsAndCanonicalRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        let start = Date()
        var iterations = 0
        while iterations < 20_000 && Date().timeIntervalSince(start) < 5 {
            iterations += 1
            var bytes: [UInt8]
            if Bool.random(using: &generator) {
                bytes = (0..<Int.random(in: 0...80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            } else {
                bytes = RLP.encode(randomItem(depth: 0, using: &generator))
                for _ in 0..<Int.random(in: 1...3, using: &generator) { mutate(&bytes, using: &generator) }
            }
            do {
                let item = try RLP.decode(bytes)
                XCTAssertEqual(RLP.encode(item), bytes, Hex.encode(bytes))
            } catch {
                // Typed throws: `error` is an RLPDecodingError with a message.
                XCTAssertFalse(error.description.isEmpty)
            }
        }
        XCTAssertGreaterThan(iterations, 1000)
    }
}
