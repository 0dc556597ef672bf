import Foundation
import XCTest
import Secp
import TestSupport
@testable import ChainModel

final class TransactionTests: XCTestCase {
    private func hex(_ text: String) -> [UInt8] { try! Hex.decode(text) }
    private func word(_ text: String) -> UInt256 { UInt256(bigEndianBytes: hex(text))! }
    private let key46 = try! PrivateKey(bytes: [UInt8](repeating: 0x46, count: 32))

    // EIP-155's example: nonce 9, gas price 20 gwei, gas 21000, to 0x3535…, 1 ether, chain id 1.
    func testEIP155Example() throws {
        let transaction = Transaction(kind: .legacy(gasPrice: UInt256(20_000_000_000), chainID: 1), nonce: 9, gasLimit: 21_000,
                                      to: try Address("0x3535353535353535353535353535353535353535"),
                                      value: UInt256(1_000_000_000_000_000_000), data: [])
        XCTAssertEqual(Hex.encode(transaction.signingPayload),
                       "0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080")
        XCTAssertEqual(transaction.signingHash.description, "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53")
        XCTAssertEqual(key46.address.checksummed, "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F")
        let signed = transaction.signed(with: key46)
        XCTAssertEqual(signed.signature.v, UInt256(37))
        XCTAssertEqual(signed.signature.r, word("0x28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276"))
        XCTAssertEqual(signed.signature.s, word("0x67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"))
        XCTAssertEqual(signed.rawHex,
                       "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83")
        let decoded = try SignedTransaction(raw: signed.raw)
        XCTAssertEqual(decoded, signed)
        XCTAssertEqual(decoded.transaction.kind.chainID, 1)
        XCTAssertEqual(try decoded.recoverSender(), key46.address)
    }

    func testKnownTypedAndUnprotectedTransactions() throws {
        // Raw transactions produced by eth-account 0.14.0 for the 0x46… key.
        let dynamic = Transaction(
            kind: .dynamicFee(maxPriorityFeePerGas: 1, maxFeePerGas: 16, chainID: 1, accessList: [
                AccessListEntry(address: try Address("0x3535353535353535353535353535353535353535"), storageKeys: [try Bytes32(hex: "0x" + String(repeating: "0", count: 63) + "1")]),
            ]),
            nonce: 0, gasLimit: 21_000, to: nil, value: 0, data: [])
        XCTAssertEqual(dynamic.signed(with: key46).rawHex,
                       "0x02f88701800110825208808080f838f7943535353535353535353535353535353535353535e1a0000000000000000000000000000000000000000000000000000000000000000180a0601c344ec029528a035dacd13941c2bb1f030879cf62947580957c17d99216cca03f7d462c685a862a3a5b52c84e3b8fb2afb7d3304cbb9d55bde79f34b4baeaca")
        XCTAssertEqual(dynamic.signed(with: key46).hash.description, "0xbc82afcb7549ee9676fad29777edfe588e814fc1225d959d1badd66e06fcfa3e")
        let unprotected = Transaction(kind: .legacy(gasPrice: 16, chainID: nil), nonce: 0, gasLimit: 21_000, to: nil, value: 0, data: [])
        XCTAssertEqual(unprotected.signed(with: key46).rawHex,
                       "0xf84b80108252088080801ba07833947b8e039baed6ad10fd1405123031fc7be002c3ea402a78d8d9a7e39f7ba03a9dcc4ef5e215070437c1387bd9e4559b0d0c686374d73f813ea9fe2b78db6c")
        let maxChain = Transaction(kind: .accessList(gasPrice: 16, chainID: .max, accessList: []), nonce: .max, gasLimit: 21_000,
                                   to: nil, value: 0, data: [])
        XCTAssertEqual(maxChain.signed(with: key46).rawHex,
                       "0x01f85d88ffffffffffffffff88ffffffffffffffff10825208808080c001a0486901be7816ba8cde74889957767f2736cfbe79736ab94a15bcdcb735f5aa2ea0283f4f806f47cdc056515503322842ea8ca8659fdb57db85c1a1a8bc0c1766b3")
        for signed in [dynamic.signed(with: key46), unprotected.signed(with: key46), maxChain.signed(with: key46)] {
            let decoded = try SignedTransaction(raw: signed.raw)
            XCTAssertEqual(decoded, signed)
            XCTAssertEqual(try decoded.recoverSender(), key46.address)
        }
        // A legacy v for the largest chain id carries into the second limb.
        let bigLegacy = Transaction(kind: .legacy(gasPrice: 1, chainID: .max), nonce: 0, gasLimit: 21_000, to: nil, value: 0, data: [])
        let signedBig = bigLegacy.signed(with: key46)
        XCTAssertEqual(signedBig.signature.v.w1, 2)  // 2·(2⁶⁴−1) + 35 = 2⁶⁵ + 33
        XCTAssertEqual(try SignedTransaction(raw: signedBig.raw), signedBig)
    }

    // MARK: - Differential against eth-account

    private func randomUInt256(_ generator: inout SystemRandomNumberGenerator) -> UInt256 {
        let bytes = Int.random(in: 0...32, using: &generator)
        let raw = (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return UInt256(bigEndianBytes: raw)!
    }

    private func randomUInt64(_ generator: inout SystemRandomNumberGenerator) -> UInt64 {
        let bits = Int.random(in: 0...64, using: &generator)
        return bits == 0 ? 0 : generator.next() >> UInt64(64 - bits)
    }

    private func randomTransaction(_ type: Int, _ generator: inout SystemRandomNumberGenerator) -> Transaction {
        func address() -> Address { try! Address(bytes: (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) }) }
        var accessList: [AccessListEntry] = []
        if type != 0 {
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                let keys = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                    try! Bytes32(bytes: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
                }
                accessList.append(AccessListEntry(address: address(), storageKeys: keys))
            }
        }
        let chainID = max(1, randomUInt64(&generator))
        let kind: TransactionKind
        switch type {
        case 0: kind = .legacy(gasPrice: randomUInt256(&generator), chainID: Int.random(in: 0..<8, using: &generator) == 0 ? nil : chainID)
        case 1: kind = .accessList(gasPrice: randomUInt256(&generator), chainID: chainID, accessList: accessList)
        default: kind = .dynamicFee(maxPriorityFeePerGas: randomUInt256(&generator), maxFeePerGas: randomUInt256(&generator),
                                    chainID: chainID, accessList: accessList)
        }
        let dataCount = [0, 1, 4, 36, 100, 600][Int.random(in: 0..<6, using: &generator)]
        return Transaction(kind: kind, nonce: min(randomUInt64(&generator), UInt64.max - 1), gasLimit: randomUInt64(&generator),
                           to: Int.random(in: 0..<10, using: &generator) == 0 ? nil : address(),
                           value: randomUInt256(&generator),
                           data: (0..<dataCount).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    private func ethAccountFields(_ transaction: Transaction) -> [String: Any] {
        var fields: [String: Any] = [
            "nonce": UInt256(transaction.nonce).hexString,
            "gas": UInt256(transaction.gasLimit).hexString,
            "value": transaction.value.hexString,
            "data": Hex.encode(transaction.data),
        ]
        if let to = transaction.to { fields["to"] = to.checksummed }
        if let chainID = transaction.kind.chainID { fields["chainId"] = UInt256(chainID).hexString }
        let list = transaction.kind.accessList.map { ["address": $0.address.checksummed, "storageKeys": $0.storageKeys.map(\.description)] as [String: Any] }
        switch transaction.kind {
        case let .legacy(gasPrice, _):
            fields["gasPrice"] = gasPrice.hexString
        case let .accessList(gasPrice, _, _):
            fields["type"] = "0x1"
            fields["gasPrice"] = gasPrice.hexString
            fields["accessList"] = list
        case let .dynamicFee(priority, maxFee, _, _):
            fields["type"] = "0x2"
            fields["maxPriorityFeePerGas"] = priority.hexString
            fields["maxFeePerGas"] = maxFee.hexString
            fields["accessList"] = list
        }
        return fields
    }

    /// The same key and fields give byte-identical raw transactions to eth-account's, for all
    /// three types; decoding eth-account's bytes gives back every field and the sender.
    func testRawTransactionsMatchEthAccount() throws {
        var generator = SystemRandomNumberGenerator()
        var cases: [(PrivateKey, Transaction)] = []
        for index in 0..<1500 {
            cases.append((PrivateKey.generate(), randomTransaction(index % 3, &generator)))
        }
        var requests = Data()
        for (key, transaction) in cases {
            let keyHex = key.withUnsafeBytes { Hex.encode($0) }
            let request: [String: Any] = ["op": "sign", "key": keyHex, "tx": ethAccountFields(transaction)]
            requests.append(try JSONSerialization.data(withJSONObject: request))
            requests.append(0x0a)
        }
        let output = try TestSupport.runPython(script: "tx_peer.py", [], input: requests)
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, cases.count)
        for ((key, transaction), line) in zip(cases, lines) {
            let answer = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: String]
            let signed = transaction.signed(with: key)
            XCTAssertEqual(signed.rawHex, answer["raw"], "\(transaction)")
            XCTAssertEqual(signed.hash.description, answer["hash"])
            let theirs = try SignedTransaction(rawHex: answer["raw"]!)
            XCTAssertEqual(theirs.transaction, transaction)
            XCTAssertEqual(try theirs.recoverSender().checksummed, answer["from"])
            XCTAssertEqual(key.address.checksummed, answer["from"])
        }
    }

    // MARK: - Strict decoding

    private func assertRefused(_ raw: [UInt8], _ expected: TransactionDecodingError, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try SignedTransaction(raw: raw), file: file, line: line) {
            XCTAssertEqual($0 as? TransactionDecodingError, expected, file: file, line: line)
        }
    }

    /// Re-encodes `fields` as a list (with the type byte for typed transactions).
    private func rebuild(_ type: UInt8?, _ fields: [RLPItem]) -> [UInt8] {
        (type.map { [$0] } ?? []) + RLP.encode(.list(fields))
    }

    func testStrictDecodingRefusals() throws {
        let legacy = Transaction(kind: .legacy(gasPrice: 20_000_000_000, chainID: 1), nonce: 9, gasLimit: 21_000,
                                 to: try Address("0x3535353535353535353535353535353535353535"), value: 1, data: [1, 2, 3]).signed(with: key46)
        let fields = try RLP.decode(legacy.raw).listValue()
        assertRefused([], .empty)
        assertRefused([0x03] + legacy.raw, .unsupportedType(3))
        assertRefused([0x7f], .unsupportedType(0x7f))
        assertRefused(legacy.raw + [0x00], .rlp(.trailingBytes(offset: legacy.raw.count, count: 1)))
        assertRefused(Array(legacy.raw.dropLast()), .rlp(.truncated(offset: 0, needed: legacy.raw.count, available: legacy.raw.count - 1)))
        assertRefused(rebuild(nil, Array(fields.dropLast())), .wrongFieldCount(type: 0, expected: 9, actual: 8))
        assertRefused([0x02] + RLP.encode(.bytes([1, 2])), .notAList)

        var mutated = fields
        mutated[0] = .bytes([0x00, 0x09])
        assertRefused(rebuild(nil, mutated), .invalidField("nonce", .leadingZeroInInteger(offset: nil)))
        mutated = fields
        mutated[0] = .bytes([UInt8](repeating: 1, count: 9))
        assertRefused(rebuild(nil, mutated), .invalidField("nonce", .integerTooLarge(byteCount: 9, limit: 8)))
        mutated = fields
        mutated[1] = .list([])
        assertRefused(rebuild(nil, mutated), .invalidField("gasPrice", .expectedBytes))
        mutated = fields
        mutated[3] = .bytes([UInt8](repeating: 0x35, count: 19))
        assertRefused(rebuild(nil, mutated), .invalidRecipient(byteCount: 19))
        mutated = fields
        mutated[6] = .uint(29 as UInt64)
        assertRefused(rebuild(nil, mutated), .invalidV(UInt256(29)))
        mutated[6] = .uint(34 as UInt64)
        assertRefused(rebuild(nil, mutated), .invalidV(UInt256(34)))
        // v = 35/36 is EIP-155 with chain id 0: accepted, and it round-trips.
        mutated[6] = .uint(36 as UInt64)
        XCTAssertEqual(try SignedTransaction(raw: rebuild(nil, mutated)).transaction.kind.chainID, 0)
        let chainZero = Transaction(kind: .legacy(gasPrice: 1, chainID: 0), nonce: 0, gasLimit: 21_000, to: nil, value: 0, data: []).signed(with: key46)
        XCTAssertEqual(try SignedTransaction(raw: chainZero.raw), chainZero)
        XCTAssertEqual(try chainZero.recoverSender(), key46.address)
        mutated[6] = .bytes([0x02, 0, 0, 0, 0, 0, 0, 0, 0x23 + 2])
        assertRefused(rebuild(nil, mutated), .chainIDTooLarge)
        mutated = fields
        mutated[7] = .empty
        assertRefused(rebuild(nil, mutated), .invalidSignature(.invalidSignature))
        mutated = fields
        mutated[8] = .bytes(hex("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"))
        assertRefused(rebuild(nil, mutated), .invalidSignature(.invalidSignature))

        // High s: s' = n − s with the other parity is the same signature, malleated.
        let n = hex("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
        let s = legacy.signature.s.bigEndianBytes
        var highS = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for index in stride(from: 31, through: 0, by: -1) {
            let difference = Int(n[index]) - Int(s[index]) - borrow
            highS[index] = UInt8((difference + 256) % 256)
            borrow = difference < 0 ? 1 : 0
        }
        mutated = fields
        mutated[6] = .uint(legacy.signature.v == UInt256(37) ? 38 as UInt64 : 37)
        mutated[8] = .bytes(highS)
        assertRefused(rebuild(nil, mutated), .highS)

        let typed = Transaction(kind: .dynamicFee(maxPriorityFeePerGas: 1, maxFeePerGas: 2, chainID: 1, accessList: []), nonce: 0,
                                gasLimit: 21_000, to: nil, value: 0, data: []).signed(with: key46)
        let typedFields = try RLP.decode(Array(typed.raw.dropFirst())).listValue()
        var typedMutated = typedFields
        typedMutated[9] = .uint(2 as UInt64)
        assertRefused(rebuild(2, typedMutated), .invalidV(UInt256(2)))
        typedMutated = typedFields
        typedMutated[0] = .bytes([UInt8](repeating: 1, count: 9))
        assertRefused(rebuild(2, typedMutated), .chainIDTooLarge)
        typedMutated = typedFields
        typedMutated[8] = .list([.list([.bytes([1, 2]), .list([])])])
        assertRefused(rebuild(2, typedMutated), .invalidAccessList("entry 0 address has 2 bytes, expected 20"))
        typedMutated[8] = .list([.list([.bytes([UInt8](repeating: 1, count: 20)), .list([.bytes([1])])])])
        assertRefused(rebuild(2, typedMutated), .invalidAccessList("entry 0 storage key 0 is not 32 bytes"))
        typedMutated[8] = .bytes([])
        assertRefused(rebuild(2, typedMutated), .invalidAccessList("expected a list of [address, [storageKeys]]"))
        assertRefused(rebuild(1, typedFields), .wrongFieldCount(type: 1, expected: 11, actual: 12))
        XCTAssertThrowsError(try SignedTransaction(rawHex: "0xzz")) {
            XCTAssertEqual($0 as? TransactionRawHexError, .hex(.invalidCharacter("z", offset: 2)))
        }
    }

    /// Mutated raw transactions: decoding returns a transaction or a typed error, never traps;
    /// whatever is accepted re-encodes to the same bytes.
    func testFuzzMutatedRawTransactions() {
        var generator = SystemRandomNumberGenerator()
        let start = Date()
        var iterations = 0, accepted = 0
        while iterations < 20_000 && Date().timeIntervalSince(start) < 5 {
            iterations += 1
            let transaction = randomTransaction(iterations % 3, &generator)
            var raw = transaction.signed(with: key46).raw
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0..<raw.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: raw[position] = UInt8.random(in: 0...255, using: &generator)
                case 1: raw[position] ^= 1 << UInt8.random(in: 0...7, using: &generator)
                case 2: raw.remove(at: position)
                default: raw.insert(UInt8.random(in: 0...255, using: &generator), at: position)
                }
                if raw.isEmpty { break }
            }
            do {
                let decoded = try SignedTransaction(raw: raw)
                // Canonical: encoding the decoded fields and signature gives back the input.
                let reencoded = SignedTransaction(transaction: decoded.transaction, recoverable: decoded.recoverable)
                XCTAssertEqual(reencoded.raw, raw)
                XCTAssertEqual(reencoded.signature, decoded.signature)
                accepted += 1
            } catch {
                XCTAssertFalse(error.description.isEmpty)
            }
        }
        XCTAssertGreaterThan(iterations, 500)
        XCTAssertLessThan(accepted, iterations)
    }

    // MARK: - personal_sign

    func testPersonalSignMatchesEthAccount() throws {
        var generator = SystemRandomNumberGenerator()
        var cases: [(PrivateKey, [UInt8])] = [(key46, Array("hello".utf8))]
        for _ in 0..<100 {
            cases.append((PrivateKey.generate(), (0..<Int.random(in: 0...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        }
        var requests = Data()
        for (key, message) in cases {
            let request = ["op": "personal", "key": key.withUnsafeBytes { Hex.encode($0) }, "message": Hex.encode(message)]
            requests.append(try JSONSerialization.data(withJSONObject: request))
            requests.append(0x0a)
        }
        let lines = String(decoding: try TestSupport.runPython(script: "tx_peer.py", [], input: requests), as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, cases.count)
        for ((key, message), line) in zip(cases, lines) {
            let answer = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: String]
            let signature = PersonalMessage.sign(message, with: key)
            XCTAssertEqual(Hex.encode(signature), answer["signature"])
            XCTAssertEqual(try PersonalMessage.recoverSigner(of: message, signature: signature).checksummed, answer["from"])
        }
        XCTAssertEqual(Hex.encode(PersonalMessage.sign(Array("hello".utf8), with: key46)),
                       "0xf63c93dc642a4839770b35abf9cb304ac2f1b5463d9a9abd87546feaa0af992e659cf087c433e45c45f6135cb819ab1922c6359dbb1b8c8d7a54141de2cd4beb1b")
        let good = PersonalMessage.sign(Array("hello".utf8), with: key46)
        XCTAssertThrowsError(try PersonalMessage.recoverSigner(of: [], signature: Array(good.prefix(64)))) {
            XCTAssertEqual($0 as? PersonalMessage.SignatureError, .wrongLength(64))
        }
        XCTAssertThrowsError(try PersonalMessage.recoverSigner(of: [], signature: Array(good.prefix(64)) + [29])) {
            XCTAssertEqual($0 as? PersonalMessage.SignatureError, .invalidV(29))
        }
        XCTAssertEqual(try PersonalMessage.recoverSigner(of: Array("hello".utf8), signature: Array(good.prefix(64)) + [good[64] - 27]), key46.address)
        XCTAssertNotEqual(try PersonalMessage.recoverSigner(of: Array("hellO".utf8), signature: good), key46.address)
    }
}
