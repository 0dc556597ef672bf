import Foundation
import TestSupport
import XCTest
@testable import ChainModel

/// Byte identity with eth-abi 6.0.0 (`Tests/python/abi_peer.py`) on seeded random types and values,
/// and the same accept/reject decisions on corrupted encodings.
final class ABIDifferentialTests: XCTestCase {
    func testAgainstEthAbi() throws {
        let seed = abiTestSeed()
        var random = ABIRandom(rng: SplitMix64(seed: seed))
        let context = "seed \(seed) (replay with ABI_TEST_SEED=\(seed))"

        // 1. Random cases, encoded by us.
        var cases: [(types: [ABIType], values: [ABIValue], encoded: [UInt8])] = []
        for _ in 0..<1500 {
            let types = (0..<random.int(0...4)).map { _ in random.type() }
            let values = types.map { random.value($0) }
            cases.append((types, values, try ABIEncoder.encode(values, types: types)))
        }

        // 2. eth-abi encodes the same values: byte-identical.
        let encodeReplies = try peer(cases.map { ["op": "encode", "types": $0.types.map(\.canonicalName), "values": zip($0.types, $0.values).map(json)] })
        var pythonEncodings: [[UInt8]] = []
        for (index, reply) in encodeReplies.enumerated() {
            guard let hex = reply["hex"] as? String else {
                XCTFail("eth-abi refused case \(index) \(cases[index].types.map(\.canonicalName)): \(reply) — \(context)"); return
            }
            let bytes = try Hex.decode(hex)
            XCTAssertEqual(Hex.encode(bytes), Hex.encode(cases[index].encoded), "case \(index) \(cases[index].types) — \(context)")
            pythonEncodings.append(bytes)
            // 3. Our decoder reads eth-abi's encoding back to the same values.
            XCTAssertEqual(try ABIDecoder.decode(types: cases[index].types, from: bytes), cases[index].values, "case \(index) — \(context)")
        }

        // 4. Corrupted encodings: every input eth-abi rejects, we reject; where both accept, same values.
        var mutations: [(types: [ABIType], data: [UInt8])] = []
        for (index, item) in cases.enumerated() where !item.types.isEmpty {
            for _ in 0..<4 { mutations.append((item.types, random.mutate(pythonEncodings[index]))) }
        }
        let decodeReplies = try peer(mutations.map { ["op": "decode", "types": $0.types.map(\.canonicalName), "hex": Hex.encode($0.data, prefix: false)] })
        var bothReject = 0, bothAccept = 0
        var onlyWeReject: [String: Int] = [:]
        for (index, reply) in decodeReplies.enumerated() {
            let (types, data) = mutations[index]
            let ours: Result<[ABIValue], ABIDecodingError>
            do { ours = .success(try ABIDecoder.decode(types: types, from: data)) } catch { ours = .failure(error) }
            switch (ours, reply["values"] as? [Any]) {
            case (.failure, nil):
                bothReject += 1
            case let (.success(values), nil):
                XCTFail("eth-abi rejects but we accept \(types.map(\.canonicalName)) \(Hex.encode(data)) as \(values): \(reply["error"] ?? "") — \(context)")
            case let (.success(values), theirs?):
                bothAccept += 1
                XCTAssertEqual(values, try zip(types, theirs).map { try abiValue(fromJSON: $1, $0) }, "\(types) \(Hex.encode(data)) — \(context)")
            case let (.failure(error), _?):
                // Rejections eth-abi does not make, each deliberate:
                // - offsetIntoHead: eth-abi counts a static tuple or nested static array in a head as one
                //   word, so it accepts an offset into the rest of that head; the head is not tail data.
                // - decodedSizeExceedsInput: eth-abi follows aliasing offsets without bound; we charge
                //   every decoded word against the input so small inputs cannot inflate.
                switch error.reason {
                case .offsetIntoHead, .decodedSizeExceedsInput:
                    onlyWeReject["\(error.reason)".prefix(while: { $0 != "(" }).description, default: 0] += 1
                default:
                    XCTFail("we reject but eth-abi accepts \(types.map(\.canonicalName)) \(Hex.encode(data)): \(error) — \(context)")
                }
            }
        }
        XCTAssertGreaterThan(bothReject, 1000, context)
        XCTAssertGreaterThan(bothAccept, 500, context)
        print("ABI differential, \(context): \(cases.count) cases byte-identical; \(mutations.count) mutations: both reject \(bothReject), both accept \(bothAccept), only we reject \(onlyWeReject)")
    }

    /// The one structural rule where we are stricter than eth-abi, pinned down: eth-abi counts the
    /// static tuple `(uint256,uint256)` as one head word, so it accepts an offset of 0x40 that points
    /// at the string's own offset word (inside the 3-word head). We reject it: head words are not tail data.
    func testOffsetIntoStaticTupleHeadIsRejectedThoughEthAbiAcceptsIt() throws {
        let types: [ABIType] = [.tuple([.uint(256), .uint(256)]), .string]
        let data = abiWords([
            "0000000000000000000000000000000000000000000000000000000000000001",
            "0000000000000000000000000000000000000000000000000000000000000002",
            "0000000000000000000000000000000000000000000000000000000000000040",  // into our 0x60-byte head
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0000000000000000000000000000000000000000000000000000000000000000",
        ])
        let reply = try peer([["op": "decode", "types": types.map(\.canonicalName), "hex": Hex.encode(data, prefix: false)]])[0]
        XCTAssertNotNil(reply["values"], "eth-abi 6.0.0 accepts this input: \(reply)")
        XCTAssertThrowsError(try ABIDecoder.decode(types: types, from: data)) { error in
            XCTAssertEqual("\(error)", "at byte 0x40 (argument 2): offset 0x40 points into the head (0x60 bytes) of its container")
        }
    }

    // MARK: Our JSON representation of values (see abi_peer.py)

    func peer(_ requests: [[String: Any]]) throws -> [[String: Any]] {
        var input = Data()
        for request in requests {
            input += try JSONSerialization.data(withJSONObject: request)
            input += Data("\n".utf8)
        }
        let output = try TestSupport.runPython(script: "abi_peer.py", [], input: input)
        let lines = output.split(separator: UInt8(ascii: "\n"))
        XCTAssertEqual(lines.count, requests.count)
        return try lines.map { try JSONSerialization.jsonObject(with: Data($0)) as! [String: Any] }
    }

    func json(_ pair: (ABIType, ABIValue)) -> Any {
        let (type, value) = pair
        switch (type, value) {
        case let (_, .uint(number)): return hex(number)
        case let (_, .int(number)): return hex(number.bitPattern)
        case let (_, .address(address)): return address.lowercased
        case let (_, .bool(flag)): return flag
        case let (_, .fixedBytes(bytes)), let (_, .bytes(bytes)): return Hex.encode(bytes)
        case let (_, .string(text)): return text
        case let (.array(element), .array(items)), let (.fixedArray(element, _), .array(items)):
            return items.map { json((element, $0)) }
        case let (.tuple(types), .tuple(items)):
            return zip(types, items).map(json)
        default:
            preconditionFailure("generated value \(value) does not match \(type)")
        }
    }

    func hex(_ number: UInt256) -> String {
        let digits = number.minimalBigEndianBytes
        return digits.isEmpty ? "0x0" : Hex.encode(digits)
    }

    struct JSONShapeError: Error, CustomStringConvertible {
        var description: String
    }

    func abiValue(fromJSON json: Any, _ type: ABIType) throws -> ABIValue {
        func text() throws -> String {
            guard let text = json as? String else { throw JSONShapeError(description: "expected a string for \(type), got \(json)") }
            return text
        }
        func list() throws -> [Any] {
            guard let list = json as? [Any] else { throw JSONShapeError(description: "expected a list for \(type), got \(json)") }
            return list
        }
        switch type {
        case .uint, .ufixed:
            return .uint(UInt256(bigEndianBytes: try Hex.decode(padHex(try text())))!)
        case .int, .fixed:
            return .int(Int256(bitPattern: UInt256(bigEndianBytes: try Hex.decode(padHex(try text())))!))
        case .address:
            return .address(try Address(try text()))
        case .bool:
            guard let flag = json as? Bool else { throw JSONShapeError(description: "expected a bool, got \(json)") }
            return .bool(flag)
        case .fixedBytes, .function:
            return .fixedBytes(try Hex.decode(try text()))
        case .bytes:
            return .bytes(try Hex.decode(try text()))
        case .string:
            return .string(try text())
        case let .array(element), let .fixedArray(element, _):
            return .array(try list().map { try abiValue(fromJSON: $0, element) })
        case let .tuple(types):
            return .tuple(try zip(types, try list()).map { try abiValue(fromJSON: $1, $0) })
        }
    }

    func padHex(_ text: String) -> String {
        let digits = text.hasPrefix("0x") ? String(text.dropFirst(2)) : text
        return digits.count % 2 == 1 ? "0" + digits : digits
    }
}
