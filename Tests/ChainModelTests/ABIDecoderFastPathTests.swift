import Foundation
import TestSupport
import XCTest
@testable import ChainModel

/// The decoder's allocation-free paths: strings built straight from the input with their UTF-8
/// checked, padding checked eight bytes at a time, and one shared shape for every tuple of an array.
final class ABIDecoderFastPathTests: XCTestCase {
    /// `abi.encode(bytes)` of `payload` read back as a `string`.
    func decodeAsString(_ payload: [UInt8]) throws(ABIDecodingError) -> [ABIValue] {
        let data = try! ABIEncoder.encode([.bytes(payload)], types: [.bytes])
        return try ABIDecoder.decode(types: [.string], from: data)
    }

    /// Published cases (RFC 3629 §10 and the Unicode standard's table 3-7): accepted exactly when
    /// they are well-formed UTF-8.
    func testStringUTF8Cases() throws {
        let valid: [[UInt8]] = [
            [], Array("BoundedStepwiseLinearPriceAdapter".utf8),
            [0x00], [0x7f], [0xc2, 0x80], [0xdf, 0xbf], [0xe0, 0xa0, 0x80], [0xe2, 0x82, 0xac], [0xed, 0x9f, 0xbf],
            [0xee, 0x80, 0x80], [0xf0, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0xf4, 0x8f, 0xbf, 0xbf],
            Array("eight by😀tes and more than one word of text, ✓ é".utf8),
        ]
        for payload in valid {
            XCTAssertEqual(try decodeAsString(payload), [.string(String(decoding: payload, as: UTF8.self))], "\(payload)")
        }
        let invalid: [[UInt8]] = [
            [0x80], [0xbf], [0xc0, 0xaf], [0xc1, 0xbf], [0xc2], [0xc2, 0x41], [0xe0, 0x80, 0xaf], [0xe2, 0x82],
            [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf0, 0x80, 0x80, 0xaf], [0xf4, 0x90, 0x80, 0x80],
            [0xf5, 0x80, 0x80, 0x80], [0xfe], [0xff],
            // Invalid bytes after a long ASCII run, and a repair-sized sequence (three bytes → U+FFFD).
            Array("0123456789abcdef0123456789".utf8) + [0xff], [0xef, 0xbf, 0xbe, 0xed, 0xa0, 0x80],
        ]
        for payload in invalid {
            XCTAssertThrowsError(try decodeAsString(payload), "\(payload)") { error in
                XCTAssertEqual("\(error)", "at byte 0x40 (argument 1): string is not valid UTF-8", "\(payload)")
            }
        }
    }

    /// Random strings of scalars from every UTF-8 length class, half of them corrupted by a stray
    /// lead, continuation or invalid byte: we accept exactly the ones eth-abi 6.0.0 (Python's strict
    /// UTF-8 codec) accepts, with the same text.
    func testStringUTF8MatchesEthABI() throws {
        let seed = abiTestSeed()
        var rng = SplitMix64(seed: seed)
        let ranges: [ClosedRange<UInt32>] = [0...0x7f, 0x80...0x7ff, 0x800...0xd7ff, 0xe000...0xffff, 0x10000...0x10ffff]
        let stray: [UInt8] = [0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff]
        var payloads: [[UInt8]] = []
        for _ in 0..<400 {
            var payload: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                let scalar = Unicode.Scalar(UInt32.random(in: ranges.randomElement(using: &rng)!, using: &rng))!
                payload += Array(String(Character(scalar)).utf8)
            }
            if Bool.random(using: &rng) {
                payload.insert(stray.randomElement(using: &rng)!, at: Int.random(in: 0...payload.count, using: &rng))
            }
            payloads.append(payload)
        }
        var input = Data()
        for payload in payloads {
            let data = try ABIEncoder.encode([.bytes(payload)], types: [.bytes])
            input += try JSONSerialization.data(withJSONObject: ["op": "decode", "types": ["string"],
                                                                 "hex": Hex.encode(data, prefix: false)])
            input += Data("\n".utf8)
        }
        let output = try TestSupport.runPython(script: "abi_peer.py", [], input: input)
        let lines = output.split(separator: UInt8(ascii: "\n"))
        XCTAssertEqual(lines.count, payloads.count, "seed \(seed)")
        var accepted = 0
        for (payload, line) in zip(payloads, lines) {
            let reply = try JSONSerialization.jsonObject(with: Data(line)) as! [String: Any]
            let ours = try? decodeAsString(payload)
            if let values = reply["values"] as? [Any] {
                accepted += 1
                XCTAssertEqual(ours, [.string(values[0] as! String)], "seed \(seed), payload \(payload)")
            } else {
                XCTAssertNil(ours, "seed \(seed): eth-abi rejects \(payload) (\(reply)), we accept it")
            }
        }
        // Both outcomes occur, so neither branch is vacuous.
        XCTAssertGreaterThan(accepted, 20, "seed \(seed)")
        XCTAssertLessThan(accepted, payloads.count - 20, "seed \(seed)")
    }

    /// A non-zero byte anywhere in the padding is reported at its own offset, wherever it falls
    /// relative to the eight-byte groups.
    func testEveryPaddingByteIsChecked() throws {
        for length in [1, 7, 8, 9, 31, 33, 63] {
            let clean = try ABIEncoder.encode([.bytes([UInt8](repeating: 0x61, count: length))], types: [.bytes])
            XCTAssertEqual(try ABIDecoder.decode(types: [.string], from: clean).count, 1)
            let padded = (length + 31) / 32 * 32
            for index in length..<padded {
                for type in [ABIType.bytes, .string] {
                    var data = clean
                    data[0x40 + index] = 0x01
                    XCTAssertThrowsError(try ABIDecoder.decode(types: [type], from: data)) { error in
                        XCTAssertEqual("\(error)", "at byte 0x\(String(0x40 + index, radix: 16)) (argument 1): padding bytes of \(type) are not zero")
                    }
                }
            }
        }
        for size in [1, 8, 9, 24, 31] {
            for index in size..<32 {
                var word = [UInt8](repeating: 0xaa, count: size) + [UInt8](repeating: 0, count: 32 - size)
                XCTAssertEqual(try ABIDecoder.decode(types: [.fixedBytes(size)], from: word),
                               [.fixedBytes([UInt8](repeating: 0xaa, count: size))])
                word[index] = 0x80
                XCTAssertThrowsError(try ABIDecoder.decode(types: [.fixedBytes(size)], from: word)) { error in
                    XCTAssertEqual("\(error)", "at byte 0x0 (argument 1): padding bytes of bytes\(size) are not zero")
                }
            }
        }
    }

    /// Arrays of tuples whose dynamic fields lie past the 64 the shape's bit mask holds decode
    /// the same as they encode.
    func testArraysOfWideTuplesRoundTrip() throws {
        var fields: [ABIType] = []
        var element: [ABIValue] = []
        for index in 0..<70 {
            switch index % 5 {
            case 0: fields.append(.string); element.append(.string("field \(index)"))
            case 1: fields.append(.fixedArray(.uint(8), 2)); element.append(.array([.uint(UInt256(UInt64(index))), .uint(.one)]))
            case 2: fields.append(.array(.bool)); element.append(.array([.bool(index % 2 == 0)]))
            case 3: fields.append(.tuple([.uint(16), .address])); element.append(.tuple([.uint(UInt256(UInt64(index))), .address(try Address(bytes: [UInt8](repeating: UInt8(index), count: 20)))]))
            default: fields.append(.bytes); element.append(.bytes([UInt8](repeating: UInt8(index), count: index)))
            }
        }
        let types: [ABIType] = [.array(.tuple(fields)), .fixedArray(.tuple(fields), 2)]
        let values: [ABIValue] = [.array([.tuple(element), .tuple(element)]),
                                  .array([.tuple(element), .tuple(element)])]
        let data = try ABIEncoder.encode(values, types: types)
        try assertDecodes(data, types, values)
        // A field past the 64th is dynamic and checked: break the padding of the last one (field 69, bytes).
        var broken = data
        broken[broken.count - 1] = 0x01
        XCTAssertThrowsError(try ABIDecoder.decode(types: types, from: broken)) { error in
            XCTAssertEqual("\(error)", "at byte 0x\(String(data.count - 1, radix: 16)) (argument 2 [1].69): padding bytes of bytes are not zero")
        }
    }

    /// A dynamic tuple whose head size overflows is reported at each element, as before.
    func testArrayOfOverflowingTuplesReportsTheElement() throws {
        let type = try ABIType(parsing: "(uint256[999999999][999999999][999999999],string)[]")
        let data = abiWords(["0000000000000000000000000000000000000000000000000000000000000020",
                             "0000000000000000000000000000000000000000000000000000000000000001",
                             "0000000000000000000000000000000000000000000000000000000000000020",
                             "0000000000000000000000000000000000000000000000000000000000000000"])
        XCTAssertThrowsError(try ABIDecoder.decode(types: [type], from: data)) { error in
            XCTAssertEqual("\(error)", "at byte 0x60 (argument 1 [0]): the static size of the types exceeds the addressable range")
        }
    }
}
