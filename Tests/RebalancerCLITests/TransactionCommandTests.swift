import Foundation
import XCTest
import TestSupport

/// End-to-end tests of `mktx`, `decode-transaction` and `wallet`, against the EIP-155 vector
/// and eth-account (pinned venv).
final class TransactionCommandTests: CLITestCase {
    private let key46 = String(repeating: "46", count: 32)
    private let address46 = "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F"
    private let eip155Raw = "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"

    private func runWith(_ arguments: [String], key: String?) throws -> TestSupport.ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["REBALANCER_PRIVATE_KEY"] = key
        return try TestSupport.runRebalancer(arguments, environment: environment)
    }

    private func line(_ result: TestSupport.ProcessResult, file: StaticString = #filePath, line: UInt = #line) -> String {
        XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)", file: file, line: line)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, result.stdout, file: file, line: line)
        return lines.first.map(String.init) ?? ""
    }

    private func assertOneLineFailure(_ result: TestSupport.ProcessResult, mentions: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNotEqual(result.status, 0, file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        let errorLines = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("signer: ") }
        XCTAssertEqual(errorLines.count, 1, result.stderr, file: file, line: line)
        for fragment in mentions {
            XCTAssertTrue(result.stderr.contains(fragment), "'\(fragment)' not in: \(result.stderr)", file: file, line: line)
        }
    }

    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rebalancer-tx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private func ethAccount(_ requests: [[String: Any]], script: String = "tx_peer.py") throws -> [[String: Any]] {
        var input = Data()
        for request in requests {
            input.append(try JSONSerialization.data(withJSONObject: request))
            input.append(0x0a)
        }
        let output = try TestSupport.runPython(script: script, [], input: input)
        return try String(decoding: output, as: UTF8.self).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    func testMakeTransactionEIP155Vector() throws {
        let result = try runWith(["mktx", "--legacy", "--chain-id", "1", "--nonce", "9", "--gas-limit", "21000", "--gas-price", "20gwei",
                                  "--value", "1ether", "0x3535353535353535353535353535353535353535"], key: key46)
        XCTAssertEqual(line(result), eip155Raw)
        XCTAssertEqual(result.stderr, "signer: \(address46)\n")
    }

    func testMakeTransactionMatchesEthAccount() throws {
        let accessList = #"[{"address":"0x3535353535353535353535353535353535353535","storageKeys":["0x0000000000000000000000000000000000000000000000000000000000000001"]}]"#
        let transfer = "0xa9059cbb" + String(repeating: "0", count: 24) + String(repeating: "22", count: 20)
            + "0000000000000000000000000000000000000000000000000de0b6b3a7640000"
        let dynamic = line(try runWith(["mktx", "--chain-id", "10", "--nonce", "7", "--gas-limit", "100000", "--max-fee", "30gwei",
                                        "--priority-fee", "1.5gwei", "--access-list", accessList, "--value", "12345",
                                        "0x3535353535353535353535353535353535353535", "transfer(address,uint256)",
                                        "0x2222222222222222222222222222222222222222", "1e18"], key: key46))
        let typed1 = line(try runWith(["mktx", "--chain-id", "1", "--nonce", "0", "--gas-limit", "21000", "--gas-price", "0x3b9aca00",
                                       "--access-list", accessList, "--data", "0xdeadbeef",
                                       "0x3535353535353535353535353535353535353535"], key: key46))
        let list: [[String: Any]] = [["address": "0x3535353535353535353535353535353535353535",
                                      "storageKeys": ["0x0000000000000000000000000000000000000000000000000000000000000001"]]]
        let answers = try ethAccount([
            ["op": "sign", "key": "0x" + key46, "tx": [
                "type": "0x2", "chainId": "0xa", "nonce": "0x7", "gas": "0x186a0", "maxFeePerGas": "0x6fc23ac00",
                "maxPriorityFeePerGas": "0x59682f00", "value": "0x3039", "to": "0x3535353535353535353535353535353535353535",
                "data": transfer, "accessList": list] as [String: Any]],
            ["op": "sign", "key": "0x" + key46, "tx": [
                "type": "0x1", "chainId": "0x1", "nonce": "0x0", "gas": "0x5208", "gasPrice": "0x3b9aca00", "value": "0x0",
                "to": "0x3535353535353535353535353535353535353535", "data": "0xdeadbeef", "accessList": list] as [String: Any]],
        ])
        XCTAssertEqual(dynamic, answers[0]["raw"] as? String)
        XCTAssertEqual(typed1, answers[1]["raw"] as? String)

        // decode-transaction reads every field back, with the sender and the hash.
        let decoded = try runWith(["decode-transaction", dynamic, "--json"], key: nil)
        XCTAssertEqual(decoded.status, 0, decoded.stderr)
        let object = try JSONSerialization.jsonObject(with: decoded.standardOutput) as! [String: Any]
        XCTAssertEqual(object["type"] as? String, "0x2")
        XCTAssertEqual(object["chainId"] as? String, "0xa")
        XCTAssertEqual(object["nonce"] as? String, "0x7")
        XCTAssertEqual(object["maxFeePerGas"] as? String, "0x6fc23ac00")
        XCTAssertEqual(object["maxPriorityFeePerGas"] as? String, "0x59682f00")
        XCTAssertEqual(object["gas"] as? String, "0x186a0")
        XCTAssertEqual(object["value"] as? String, "0x3039")
        XCTAssertEqual(object["input"] as? String, transfer)
        XCTAssertEqual(object["from"] as? String, address46)
        XCTAssertEqual(object["hash"] as? String, answers[0]["hash"] as? String)
        let entries = object["accessList"] as? [[String: Any]]
        XCTAssertEqual(entries?.first?["address"] as? String, "0x3535353535353535353535353535353535353535")

        let legacyText = try runWith(["decode-transaction", eip155Raw], key: nil)
        XCTAssertEqual(legacyText.status, 0)
        XCTAssertTrue(legacyText.stdout.contains("chainId   0x1\n"), legacyText.stdout)
        XCTAssertTrue(legacyText.stdout.contains("v         0x25\n"), legacyText.stdout)
        XCTAssertTrue(legacyText.stdout.hasSuffix("from      \(address46)\n"), legacyText.stdout)
    }

    func testMakeTransactionRefusals() throws {
        let to = "0x3535353535353535353535353535353535353535"
        let base = ["mktx", "--chain-id", "1", "--nonce", "0", "--gas-limit", "21000"]
        assertOneLineFailure(try runWith(base + ["--gas-price", "1", "--max-fee", "2", to], key: key46), mentions: ["--max-fee", "--gas-price"])
        assertOneLineFailure(try runWith(base + ["--legacy", "--max-fee", "2", "--priority-fee", "1", to], key: key46), mentions: ["--legacy needs --gas-price"])
        assertOneLineFailure(try runWith(base + ["--legacy", "--gas-price", "1", "--access-list", "[]", to], key: key46), mentions: ["--legacy", "--access-list"])
        assertOneLineFailure(try runWith(base + ["--gas-price", "1", "--access-list", "[{\"address\":\"0x12\"}]", to], key: key46), mentions: ["--access-list"])
        assertOneLineFailure(try runWith(base + ["--gas-price", "1.5", to], key: key46), mentions: ["--gas-price"])
        assertOneLineFailure(try runWith(["mktx", "--chain-id", "1", "--nonce", "18446744073709551616", "--gas-limit", "1", "--gas-price", "1", to], key: key46),
                             mentions: ["--nonce", "2^64-1"])
        assertOneLineFailure(try runWith(base + ["--gas-price", "1", "--data", "0x12", to, "f(uint256)", "1"], key: key46), mentions: ["--data"])
        assertOneLineFailure(try runWith(base + ["--gas-price", "1", "0x1234"], key: key46), mentions: ["to:"])
        assertOneLineFailure(try runWith(base + ["--gas-price", "1", to], key: nil), mentions: ["REBALANCER_PRIVATE_KEY", "--keystore"])
        // A malformed key is refused without echoing it.
        let secretish = String(repeating: "ab", count: 31)
        let badKey = try runWith(base + ["--gas-price", "1", to], key: secretish)
        assertOneLineFailure(badKey, mentions: ["REBALANCER_PRIVATE_KEY"])
        XCTAssertFalse(badKey.stderr.contains(secretish))
        assertOneLineFailure(try runWith(["decode-transaction", "0x02c0"], key: nil), mentions: ["12 RLP fields"])
        assertOneLineFailure(try runWith(["decode-transaction", eip155Raw + "00"], key: nil), mentions: ["trailing"])
    }

    func testWalletKeystoresInteroperateWithEthAccount() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let passwordFile = directory.appendingPathComponent("password").path
        try Data("s3cret\n".utf8).write(to: URL(fileURLWithPath: passwordFile))
        let imported = directory.appendingPathComponent("imported.json").path
        XCTAssertEqual(line(try runWith(["wallet", "import", imported, "--password-file", passwordFile, "--kdf-cost", "1024"], key: key46)), address46)
        let mode = (try FileManager.default.attributesOfItem(atPath: imported)[.posixPermissions] as? NSNumber)?.intValue
        XCTAssertEqual(mode, 0o600)
        assertOneLineFailure(try runWith(["wallet", "import", imported, "--password-file", passwordFile, "--kdf-cost", "1024"], key: key46),
                             mentions: ["already exists"])
        XCTAssertEqual(line(try runWith(["wallet", "address", "--keystore", imported, "--password-file", passwordFile], key: nil)), address46)

        // The keystore signs exactly as the environment key does.
        let viaKeystore = try runWith(["mktx", "--legacy", "--chain-id", "1", "--nonce", "9", "--gas-limit", "21000", "--gas-price", "20gwei",
                                       "--value", "1ether", "--keystore", imported, "--password-file", passwordFile,
                                       "0x3535353535353535353535353535353535353535"], key: nil)
        XCTAssertEqual(line(viaKeystore), eip155Raw)
        XCTAssertEqual(viaKeystore.stderr, "signer: \(address46)\n")

        let wrongPassword = directory.appendingPathComponent("wrong").path
        try Data("s3cre7".utf8).write(to: URL(fileURLWithPath: wrongPassword))
        assertOneLineFailure(try runWith(["wallet", "address", "--keystore", imported, "--password-file", wrongPassword], key: nil),
                             mentions: ["wrong password", "MAC mismatch"])

        // A new pbkdf2 keystore decrypts in eth-account to the key whose address was printed.
        let fresh = directory.appendingPathComponent("new.json").path
        let freshAddress = line(try runWith(["wallet", "new", fresh, "--password-file", passwordFile, "--kdf", "pbkdf2", "--kdf-cost", "1000"], key: nil))
        let keystoreObject = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fresh)))
        let answers = try ethAccount([["op": "decrypt", "keystore": keystoreObject, "password": "s3cret"]], script: "keystore_peer.py")
        let recovered = try XCTUnwrap(answers.first?["key"] as? String)
        let peerAddress = try ethAccount([["op": "personal", "key": recovered, "message": "0x"]])
        XCTAssertEqual(peerAddress.first?["from"] as? String, freshAddress)
        assertOneLineFailure(try runWith(["wallet", "new", fresh, "--password-file", passwordFile, "--kdf", "argon2"], key: nil), mentions: ["--kdf"])
        assertOneLineFailure(try runWith(["wallet", "new", directory.appendingPathComponent("x.json").path, "--password-file", passwordFile,
                                          "--kdf-cost", "1000"], key: nil), mentions: ["--kdf-cost", "power of two"])
    }

    /// Without --password-file on a terminal, the password is asked with echo off. A pseudo
    /// terminal (util-linux `script`) stands in for the operator, typing after the prompt appears.
    func testPasswordPromptOnTerminalDoesNotEcho() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let passwordFile = directory.appendingPathComponent("password").path
        try Data("typed-secret".utf8).write(to: URL(fileURLWithPath: passwordFile))
        let keystore = directory.appendingPathComponent("k.json").path
        XCTAssertEqual(line(try runWith(["wallet", "import", keystore, "--password-file", passwordFile, "--kdf-cost", "1024"], key: key46)), address46)
        let program = TestSupport.productsDirectory.appendingPathComponent("rebalancer").path
        let command = "(sleep 1; printf 'typed-secret\\n') | script -qec '\(program) wallet address --keystore \(keystore)' /dev/null"
        let result = try TestSupport.run(URL(fileURLWithPath: "/bin/sh"), ["-c", command])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Password for \(keystore): "), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix("\(address46)\r\n"), result.stdout)
        XCTAssertFalse(result.stdout.contains("typed-secret"), "the password was echoed: \(result.stdout)")
    }

    func testSignAndVerifyMessage() throws {
        let answers = try ethAccount([["op": "personal", "key": "0x" + key46, "message": "0x68656c6c6f"],
                                      ["op": "personal", "key": "0x" + key46, "message": "0xdeadbeef"]])
        let text = try runWith(["wallet", "sign-message", "hello"], key: key46)
        XCTAssertEqual(line(text), answers[0]["signature"] as? String)
        XCTAssertEqual(text.stderr, "signer: \(address46)\n")
        let bytes = line(try runWith(["wallet", "sign-message", "0xdeadbeef"], key: key46))
        XCTAssertEqual(bytes, answers[1]["signature"] as? String)
        XCTAssertEqual(line(try runWith(["wallet", "verify-message", address46, "hello", line(text)], key: nil)),
                       "Validation succeeded. Address \(address46) signed this message.")
        assertOneLineFailure(try runWith(["wallet", "verify-message", address46, "hellO", line(text)], key: nil),
                             mentions: ["verification failed", address46])
        assertOneLineFailure(try runWith(["wallet", "verify-message", address46, "hello", "0x1234"], key: nil), mentions: ["65 bytes"])
    }
}
