import Foundation
import XCTest
import Secp
import TestSupport
@testable import ChainModel

final class KeystoreTests: XCTestCase {
    private let expectedKey = "0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d"

    // The test vectors of the Web3 Secret Storage definition (password "testpassword").
    private let pbkdf2Vector = """
    {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},\
    "ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2",\
    "kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},\
    "mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
    """
    private let scryptVector = """
    {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},\
    "ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt",\
    "kdfparams":{"dklen":32,"n":262144,"r":1,"p":8,"salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},\
    "mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
    """

    func testPublishedVectors() throws {
        for vector in [pbkdf2Vector] {
            let keystore = try Keystore(json: Data(vector.utf8))
            let key = try keystore.decrypt(password: Array("testpassword".utf8))
            XCTAssertEqual(key.withUnsafeBytes { Hex.encode($0) }, expectedKey)
            XCTAssertThrowsError(try keystore.decrypt(password: Array("testpassworD".utf8))) {
                XCTAssertEqual($0 as? KeystoreError, .wrongPassword)
            }
        }
    }

    private func peer(_ requests: [[String: Any]]) throws -> [[String: Any]] {
        var input = Data()
        for request in requests {
            input.append(try JSONSerialization.data(withJSONObject: request))
            input.append(0x0a)
        }
        let output = try TestSupport.runPython(script: "keystore_peer.py", [], input: input)
        return try String(decoding: output, as: UTF8.self).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// The definition's scrypt vector uses r = 1 with n = 2¹⁸, beyond RFC 7914's bound n < 2^(16·r)
    /// that BoringSSL's scrypt (CryptoExtras) enforces: it is refused with a clear reason, never
    /// with a MAC error or a garbage key.
    func testScryptVectorBeyondRFC7914BoundIsRefusedClearly() {
        XCTAssertThrowsError(try Keystore(json: Data(scryptVector.utf8))) {
            XCTAssertEqual($0 as? KeystoreError, .invalidField(field: "crypto.kdfparams.n",
                                                               reason: "262144 with r = 1 breaks RFC 7914's bound n < 2^(16·r)"))
        }
        XCTAssertThrowsError(try Keystore.encrypt(PrivateKey.generate(), password: [], kdf: .scrypt(n: 1 << 16, r: 1, p: 1))) {
            XCTAssertEqual($0 as? KeystoreError, .invalidField(field: "crypto.kdfparams.n",
                                                               reason: "65536 with r = 1 breaks RFC 7914's bound n < 2^(16·r)"))
        }
    }

    /// Keystores written by eth-account (scrypt and PBKDF2) decrypt here; ours decrypt there.
    func testInteroperatesWithEthAccount() throws {
        let keys = (0..<6).map { _ in PrivateKey.generate() }
        let passwords = ["", "correct horse battery staple", "pässwörd ✓", "p", "x", String(repeating: "long", count: 40)]
        var requests: [[String: Any]] = []
        for (index, key) in keys.enumerated() {
            requests.append(["op": "encrypt", "key": key.withUnsafeBytes { Hex.encode($0) }, "password": passwords[index],
                             "kdf": index % 2 == 0 ? "scrypt" : "pbkdf2", "iterations": index % 2 == 0 ? 1024 : 1000])
        }
        let created = try peer(requests)
        XCTAssertEqual(created.count, keys.count)
        for (index, answer) in created.enumerated() {
            let json = try JSONSerialization.data(withJSONObject: answer["keystore"]!)
            let keystore = try Keystore(json: json)
            XCTAssertEqual(keystore.kdf, index % 2 == 0 ? .scrypt(n: 1024, r: 8, p: 1) : .pbkdf2(iterations: 1000))
            XCTAssertEqual(keystore.address, keys[index].address)
            let key = try keystore.decrypt(password: Array(passwords[index].utf8))
            XCTAssertEqual(key.address, keys[index].address)
            XCTAssertThrowsError(try keystore.decrypt(password: Array((passwords[index] + "!").utf8))) {
                XCTAssertEqual($0 as? KeystoreError, .wrongPassword)
            }
        }

        var ours: [[String: Any]] = []
        for (index, key) in keys.enumerated() {
            let kdf: Keystore.KDF = index % 2 == 0 ? .scrypt(n: 2048, r: 8, p: 1) : .pbkdf2(iterations: 2000)
            let keystore = try Keystore.encrypt(key, password: Array(passwords[index].utf8), kdf: kdf)
            let object = try JSONSerialization.jsonObject(with: keystore.jsonData())
            XCTAssertEqual(try Keystore(json: keystore.jsonData()), keystore)
            ours.append(["op": "decrypt", "keystore": object, "password": passwords[index]])
            ours.append(["op": "decrypt", "keystore": object, "password": passwords[index] + "?"])
        }
        let decrypted = try peer(ours)
        XCTAssertEqual(decrypted.count, ours.count)
        for (index, key) in keys.enumerated() {
            XCTAssertEqual(decrypted[2 * index]["key"] as? String, key.withUnsafeBytes { Hex.encode($0) })
            XCTAssertEqual(decrypted[2 * index + 1]["error"] as? String, "MAC mismatch")
        }
    }

    func testMalformedKeystores() throws {
        let valid = try JSONSerialization.jsonObject(with: Data(pbkdf2Vector.utf8)) as! [String: Any]
        func mutated(_ change: (inout [String: Any], inout [String: Any], inout [String: Any]) -> Void) -> Data {
            var root = valid
            var crypto = root["crypto"] as! [String: Any]
            var params = crypto["kdfparams"] as! [String: Any]
            change(&root, &crypto, &params)
            crypto["kdfparams"] = params
            root["crypto"] = crypto
            return try! JSONSerialization.data(withJSONObject: root)
        }
        func assertRefused(_ data: Data, _ expected: KeystoreError, line: UInt = #line) {
            XCTAssertThrowsError(try Keystore(json: data), line: line) { XCTAssertEqual($0 as? KeystoreError, expected, line: line) }
        }
        assertRefused(Data("not json".utf8), .malformed("not valid JSON"))
        assertRefused(Data("[]".utf8), .malformed("the top level is not a JSON object"))
        assertRefused(mutated { root, _, _ in root["version"] = 4 }, .unsupportedVersion(4))
        assertRefused(mutated { root, _, _ in root["version"] = "3" }, .malformed("'version' is not a non-negative integer"))
        assertRefused(Data(#"{"version":3,"kripto":{}}"#.utf8), .malformed("missing object 'crypto'"))
        assertRefused(mutated { _, crypto, _ in crypto["cipher"] = "aes-128-cbc" }, .unsupportedCipher("aes-128-cbc"))
        assertRefused(mutated { _, crypto, _ in crypto["kdf"] = "argon2" }, .unsupportedKDF("argon2"))
        assertRefused(mutated { _, crypto, _ in crypto["mac"] = "00" }, .invalidField(field: "crypto.mac", reason: "1 bytes, expected 32"))
        assertRefused(mutated { _, crypto, _ in crypto["ciphertext"] = "zz" },
                      .invalidField(field: "crypto.ciphertext", reason: "invalid hex character 'z' at offset 0"))
        assertRefused(mutated { _, crypto, _ in crypto["cipherparams"] = ["iv": "00"] },
                      .invalidField(field: "crypto.cipherparams.iv", reason: "1 bytes, expected 16"))
        assertRefused(mutated { _, _, params in params["dklen"] = 16 }, .invalidField(field: "crypto.kdfparams.dklen", reason: "16, expected 32"))
        assertRefused(mutated { _, _, params in params["prf"] = "hmac-sha512" }, .unsupportedKDF("pbkdf2 with hmac-sha512"))
        assertRefused(mutated { _, _, params in params["c"] = 100_000_000 },
                      .invalidField(field: "crypto.kdfparams.c", reason: "100000000 is outside 1...10000000"))
        assertRefused(mutated { _, crypto, params in crypto["kdf"] = "scrypt"; params["n"] = 1 << 24; params["r"] = 8; params["p"] = 1 },
                      .invalidField(field: "crypto.kdfparams.n", reason: "n = 16777216 with r = 8 needs more than 1024 MiB"))
        assertRefused(mutated { _, crypto, params in crypto["kdf"] = "scrypt"; params["n"] = 1000; params["r"] = 8; params["p"] = 1 },
                      .invalidField(field: "crypto.kdfparams.n", reason: "1000 is not a power of two above 1"))
        assertRefused(mutated { root, _, _ in root["address"] = "0x1234" },
                      .invalidField(field: "address", reason: "'0x1234' is not an address: expected 0x followed by 40 hex digits"))

        // A stored address that is not the key's.
        let wrongAddress = mutated { root, _, _ in root["address"] = "3535353535353535353535353535353535353535" }
        XCTAssertThrowsError(try Keystore(json: wrongAddress).decrypt(password: Array("testpassword".utf8))) { error in
            guard case .addressMismatch = error as? KeystoreError else { return XCTFail("\(error)") }
        }
        // A flipped ciphertext bit breaks the MAC: never a garbage key.
        let flipped = mutated { _, crypto, _ in crypto["ciphertext"] = "6318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46" }
        XCTAssertThrowsError(try Keystore(json: flipped).decrypt(password: Array("testpassword".utf8))) {
            XCTAssertEqual($0 as? KeystoreError, .wrongPassword)
        }
    }

    /// Random byte edits of keystore JSON (the PBKDF2 vector with its cost lowered to 2 rounds):
    /// parsing returns a keystore or a typed error, never traps.
    func testFuzzMutatedKeystoreJSON() {
        var generator = SystemRandomNumberGenerator()
        let original = Array(pbkdf2Vector.replacingOccurrences(of: "262144", with: "2").utf8)
        for _ in 0..<3000 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                if Bool.random(using: &generator) {
                    bytes[position] = UInt8.random(in: 0x20...0x7e, using: &generator)
                } else {
                    bytes.remove(at: position)
                }
            }
            do {
                let keystore = try Keystore(json: Data(bytes))
                // Cheap KDFs only: decryption gives the key or a typed error, never a garbage key.
                if case let .pbkdf2(iterations) = keystore.kdf, iterations < 100 {
                    do {
                        let key = try keystore.decrypt(password: Array("testpassword".utf8))
                        XCTAssertEqual(key.withUnsafeBytes { Hex.encode($0) }, expectedKey)
                    } catch {
                        XCTAssertFalse(error.description.isEmpty)
                    }
                }
            } catch {
                XCTAssertFalse(error.description.isEmpty)
            }
        }
    }

    func testFilesAreAtomicPrivateAndNotOverwritten() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keystore-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("key.json").path
        let key = PrivateKey.generate()
        let keystore = try Keystore.encrypt(key, password: Array("pw".utf8), kdf: .scrypt(n: 1024, r: 8, p: 1))
        try KeystoreFile.write(Array(keystore.jsonData()), to: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertThrowsError(try KeystoreFile.write([1, 2, 3], to: path)) { XCTAssertEqual($0 as? KeystoreError, .fileExists(path: path)) }
        XCTAssertEqual(try KeystoreFile.read(path: path), Array(keystore.jsonData()))
        try KeystoreFile.write([1, 2, 3], to: path, overwrite: true)
        XCTAssertEqual(try KeystoreFile.read(path: path), [1, 2, 3])
        // No temporary files are left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["key.json"])
        let big = directory.appendingPathComponent("big").path
        XCTAssertTrue(FileManager.default.createFile(atPath: big, contents: Data(count: KeystoreFile.maxFileSize + 1)))
        XCTAssertThrowsError(try KeystoreFile.read(path: big)) {
            XCTAssertEqual($0 as? KeystoreError, .fileTooLarge(path: big, byteCount: KeystoreFile.maxFileSize + 1))
        }
        XCTAssertThrowsError(try KeystoreFile.read(path: directory.appendingPathComponent("missing").path)) { error in
            guard case let .io(_, operation, code) = error as? KeystoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(operation, "open")
            XCTAssertEqual(code, ENOENT)
        }
    }
}
