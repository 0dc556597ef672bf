import Foundation
import XCTest
import TestSupport

/// `decode` and `verify` end to end: the auction-module.md §9.3 vectors, the shipped example
/// plan's calldata decoded identically by eth-abi (Tests/python/audit_peer.py), signed
/// transactions, revert data, and each kind of tampering `verify` must catch.
final class AuditCommandTests: CLITestCase {
    private static let a = AuctionVectors.self
    private static let root = TestSupport.repositoryRoot
    private static let abiDir = root.appendingPathComponent("contracts-abi").path
    private static let planPath = root.appendingPathComponent("examples/expected/plan.json").path
    private static let module = "0x59D55D53a715b3B4581c52098BCb4075C2941DBa"
    private static let key46 = String(repeating: "46", count: 32)

    private struct PlannedCall { var function: String; var to: String; var calldata: String }

    private func plannedCalls() throws -> [PlannedCall] {
        let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.planPath))) as? [String: Any]
        let transactions = try XCTUnwrap(plan?["transactions"] as? [[String: Any]])
        return try transactions.map { entry in
            PlannedCall(function: try XCTUnwrap(entry["function"] as? String), to: try XCTUnwrap(entry["to"] as? String),
                        calldata: try XCTUnwrap(entry["calldata"] as? String))
        }
    }

    private func startRebalanceCalldata() throws -> String {
        try XCTUnwrap(try plannedCalls().first { $0.function.hasPrefix("startRebalance(") }).calldata
    }

    /// The `decode --json` output parsed: header values and the fields as (path, value) pairs.
    private func decodeJSON(_ hex: String, file: StaticString = #filePath, line: UInt = #line) throws -> (header: [String: String], fields: [[String]]) {
        let result = try run(["decode", "--json", "--abi-dir", Self.abiDir, hex], file: file, line: line)
        XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)", file: file, line: line)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any], file: file, line: line)
        var header: [String: String] = [:]
        for (key, value) in object { if let text = value as? String { header[key] = text } }
        let fields = try XCTUnwrap(object["fields"] as? [[String: String]], file: file, line: line)
        return (header, fields.map { [$0["path"] ?? "", $0["value"] ?? ""] })
    }

    private func signed(_ calldata: String, to: String, chainID: String) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["REBALANCER_PRIVATE_KEY"] = Self.key46
        let result = try TestSupport.runRebalancer(["mktx", "--chain-id", chainID, "--nonce", "7", "--gas-limit", "3000000",
                                                    "--max-fee", "30gwei", "--priority-fee", "1gwei", "--data", calldata, to],
                                                   environment: environment)
        XCTAssertEqual(result.status, 0, "stderr: \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func verify(_ extra: [String], planPath: String = AuditCommandTests.planPath,
                        baseDir: String = AuditCommandTests.root.path) throws -> TestSupport.ProcessResult {
        try run(["verify", "--plan", planPath, "--base-dir", baseDir, "--abi-dir", Self.abiDir] + extra)
    }

    /// Asserts exit status 1 and a difference line naming `field` with both values.
    private func assertDifference(_ result: TestSupport.ProcessResult, field: String, expected: String, found: String,
                                  file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 1, "stdout: \(result.stdout) stderr: \(result.stderr)", file: file, line: line)
        let rows = result.stdout.split(separator: "\n").map(String.init)
        let row = rows.first { $0.hasPrefix(field + " ") }
        XCTAssertNotNil(row, "no difference for \(field) in:\n\(result.stdout)", file: file, line: line)
        if let row {
            XCTAssertTrue(row.hasSuffix("  " + expected + " | " + found), "\(row)", file: file, line: line)
        }
    }

    // MARK: decode

    func testDecodeRecognisesTheBidVectorBySelector() throws {
        try assertOutput(["decode", "--abi-dir", Self.abiDir, Self.a.bidCalldata], [
            "kind              call",
            "function          bid(address,address,address,uint256,uint256,bool)",
            "selector          0x6db4a262",
            "contracts         AuctionRebalanceModuleV1",
            "_setToken         \(Self.a.set)",
            "_component        \(Self.a.component)",
            "_quoteAsset       \(Self.a.quote)",
            "_componentAmount  900000000000000000000",
            "_quoteAssetLimit  450000000000000000",
            "_isSellAuction    true",
        ])
    }

    func testDecodeStartRebalanceVectorNamesEveryAdapterParameter() throws {
        let calldata = try outputLine(["calldata", Self.a.startRebalanceSignature] + Self.a.startRebalanceArguments)
        XCTAssertEqual((calldata.count - 2) / 2, 1348)
        let decoded = try decodeJSON(calldata)
        XCTAssertEqual(decoded.header["function"], Self.a.startRebalanceSignature)
        XCTAssertEqual(decoded.header["selector"], "0x8e0f7756")
        let linear = "_newComponentsAuctionParams[0].priceAdapterConfigData."
        let expected: [[String]] = [
            ["_setToken", Self.a.set], ["_quoteAsset", Self.a.quote],
            ["_newComponents.length", "1"], ["_newComponents[0]", Self.a.newComponent],
            ["_newComponentsAuctionParams.length", "1"],
            ["_newComponentsAuctionParams[0].targetUnit", "50000000000000000"],
            ["_newComponentsAuctionParams[0].priceAdapterName", "\"BoundedStepwiseLinearPriceAdapter\""],
            ["_newComponentsAuctionParams[0].priceAdapterConfigData", Self.a.linearConfig],
            [linear + "initialPrice", "1162340294608501383"], [linear + "slope", "500000000000000"],
            [linear + "bucketSize", "600"], [linear + "isDecreasing", "true"],
            [linear + "maxPrice", "1162340294608501383"], [linear + "minPrice", "1142340294608501383"],
            ["_oldComponentsAuctionParams.length", "2"],
            ["_oldComponentsAuctionParams[0].targetUnit", "9100000000000000000000"],
            ["_oldComponentsAuctionParams[0].priceAdapterName", "\"ConstantPriceAdapter\""],
            ["_oldComponentsAuctionParams[0].priceAdapterConfigData", Self.a.constantConfig5e14],
            ["_oldComponentsAuctionParams[0].priceAdapterConfigData.price", "500000000000000"],
            ["_oldComponentsAuctionParams[1].targetUnit", "4000000000000000000"],
            ["_oldComponentsAuctionParams[1].priceAdapterName", "\"ConstantPriceAdapter\""],
            ["_oldComponentsAuctionParams[1].priceAdapterConfigData", Self.a.constantConfig1e18],
            ["_oldComponentsAuctionParams[1].priceAdapterConfigData.price", "1000000000000000000"],
            ["_shouldLockSetToken", "false"], ["_rebalanceDuration", "86400"], ["_initialPositionMultiplier", "998357285091388446"],
        ]
        XCTAssertEqual(decoded.fields, expected)
    }

    func testDecodeExamplePlanCalldataEqualsEthAbi() throws {
        for call in try plannedCalls() {
            let peer = try JSONSerialization.jsonObject(with: TestSupport.runPython(script: "audit_peer.py", [Self.abiDir, call.calldata]))
            let peerObject = try XCTUnwrap(peer as? [String: Any])
            let peerFields = try XCTUnwrap(peerObject["fields"] as? [[String: String]]).map { [$0["path"] ?? "", $0["value"] ?? ""] }
            let decoded = try decodeJSON(call.calldata)
            XCTAssertEqual(decoded.header["kind"], "call")
            XCTAssertEqual(decoded.header["function"], call.function)
            XCTAssertEqual(decoded.header["function"], peerObject["function"] as? String)
            XCTAssertEqual(decoded.header["contracts"], (peerObject["contracts"] as? [String])?.joined(separator: ", "))
            XCTAssertEqual(decoded.fields, peerFields, call.function)
        }
        // The example's startRebalance: 11 components, every adapter config decoded (1 + 6 + 6×… named parameters).
        let fields = try decodeJSON(try startRebalanceCalldata()).fields
        XCTAssertTrue(fields.contains(["_oldComponentsAuctionParams[1].priceAdapterConfigData.scalingFactor", "994679563831000000000000000"]))
        XCTAssertTrue(fields.contains(["_newComponentsAuctionParams[0].priceAdapterName", "\"BoundedStepwiseLogarithmicPriceAdapter\""]))
    }

    func testDecodeSignedTransactionWithItsCall() throws {
        let raw = try signed(try startRebalanceCalldata(), to: Self.module, chainID: "1")
        let decoded = try decodeJSON(raw)
        XCTAssertEqual(decoded.header["kind"], "transaction")
        XCTAssertEqual(decoded.header["type"], "0x2")
        XCTAssertEqual(decoded.header["chainId"], "0x1")
        XCTAssertEqual(decoded.header["nonce"], "0x7")
        XCTAssertEqual(decoded.header["to"], Self.module)
        XCTAssertEqual(decoded.header["from"], "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F")
        XCTAssertEqual(decoded.header["function"], AuctionVectors.startRebalanceSignature)
        let peer = try JSONSerialization.jsonObject(with: TestSupport.runPython(script: "audit_peer.py", [Self.abiDir, try startRebalanceCalldata()]))
        let peerFields = try XCTUnwrap((peer as? [String: Any])?["fields"] as? [[String: String]]).map { ["input." + ($0["path"] ?? ""), $0["value"] ?? ""] }
        XCTAssertEqual(decoded.fields, peerFields)
    }

    func testDecodeRevertData() throws {
        let message = try outputLine(["calldata", "Error(string)", "Must be the SetToken manager"])
        try assertOutput(["decode", "--abi-dir", Self.abiDir, message],
                         ["kind    revert", "reason  reverted: \"Must be the SetToken manager\""])
        let panic = try outputLine(["calldata", "Panic(uint256)", "17"])
        try assertOutput(["decode", "--abi-dir", Self.abiDir, panic],
                         ["kind    revert", "reason  panic 0x11: arithmetic overflow or underflow"])
    }

    func testDecodeRebalanceStartedLogWithItsAdapterConfig() throws {
        let topic0 = try outputLine(["keccak", "RebalanceStarted(address,address,bool,uint256,uint256,address[],(uint256,string,bytes)[])"])
        func topic(_ address: String) -> String { "0x" + String(repeating: "0", count: 24) + address.dropFirst(2).lowercased() }
        let data = try outputLine(["abi-encode", "f(bool,uint256,uint256,address[],(uint256,string,bytes)[])", "false", "86400",
                                   "998357285091388446", "[\(Self.a.newComponent)]",
                                   "[(5e16, BoundedStepwiseLinearPriceAdapter, \(Self.a.linearConfig))]"])
        let result = try run(["decode", "--json", "--abi-dir", Self.abiDir, "--topic", topic0, "--topic", topic(Self.a.set),
                              "--topic", topic(Self.a.quote), data])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any])
        XCTAssertEqual(object["kind"] as? String, "log")
        XCTAssertEqual(object["topic0"] as? String, topic0)
        XCTAssertEqual(object["contracts"] as? String, "AuctionRebalanceModuleV1")
        let fields = try XCTUnwrap(object["fields"] as? [[String: String]]).map { [$0["path"] ?? "", $0["value"] ?? ""] }
        let config = "auctionParameters[0].priceAdapterConfigData"
        XCTAssertEqual(fields, [
            ["setToken", Self.a.set], ["quoteAsset", Self.a.quote], ["isSetTokenLocked", "false"], ["rebalanceDuration", "86400"],
            ["initialPositionMultiplier", "998357285091388446"], ["componentsInvolved.length", "1"],
            ["componentsInvolved[0]", Self.a.newComponent], ["auctionParameters.length", "1"],
            ["auctionParameters[0].targetUnit", "50000000000000000"],
            ["auctionParameters[0].priceAdapterName", "\"BoundedStepwiseLinearPriceAdapter\""], [config, Self.a.linearConfig],
            [config + ".initialPrice", "1162340294608501383"], [config + ".slope", "500000000000000"], [config + ".bucketSize", "600"],
            [config + ".isDecreasing", "true"], [config + ".maxPrice", "1162340294608501383"], [config + ".minPrice", "1142340294608501383"],
        ])
        try assertFailure(["decode", "--abi-dir", Self.abiDir, "--topic", "0x" + String(repeating: "ab", count: 32), data],
                          mentions: ["topic0", "matches no event"])
        try assertFailure(["decode", "--abi-dir", Self.abiDir, "--topic", "0x1234", data], mentions: ["--topic 0", "32 bytes"])
    }

    func testDecodeRejectsUnknownAndMalformedData() throws {
        try assertFailure(["decode", "--abi-dir", Self.abiDir, "0xdeadbeef" + String(repeating: "00", count: 32)],
                          mentions: ["selector 0xdeadbeef", "contracts-abi"])
        try assertFailure(["decode", "--abi-dir", Self.abiDir, "0x6db4a2"], mentions: ["data:", "3 bytes"])
        try assertFailure(["decode", "--abi-dir", Self.abiDir, "0x6db4a26"], mentions: ["data:"])
        // bid's selector with a truncated argument block: strict decoding names the function.
        try assertFailure(["decode", "--abi-dir", Self.abiDir, String(Self.a.bidCalldata.dropLast(64))],
                          mentions: ["bid(address,address,address,uint256,uint256,bool)"])
        try assertFailure(["decode", "--abi-dir", "/nonexistent-abi-dir", Self.a.bidCalldata], mentions: ["--abi-dir", "/nonexistent-abi-dir"])
    }

    // MARK: verify

    func testVerifyAcceptsTheExamplePlanAndItsOwnCalls() throws {
        let plain = try verify([])
        XCTAssertEqual(plain.status, 0, "stdout: \(plain.stdout) stderr: \(plain.stderr)")
        XCTAssertEqual(plain.stdout, "verified against the plan's inputs: 4 input hashes, the plan document\n")
        for call in try plannedCalls() {
            let result = try verify(["--calldata", call.calldata, "--to", call.to])
            XCTAssertEqual(result.status, 0, "\(call.function): \(result.stdout) \(result.stderr)")
            XCTAssertEqual(result.stdout, "verified against the plan's inputs: 4 input hashes, the plan document, the calldata\n")
        }
        let transaction = try verify(["--tx", try signed(try startRebalanceCalldata(), to: Self.module, chainID: "1")])
        XCTAssertEqual(transaction.status, 0, "\(transaction.stdout) \(transaction.stderr)")
        XCTAssertEqual(transaction.stdout, "verified against the plan's inputs: 4 input hashes, the plan document, the transaction\n")
    }

    func testVerifyColoursTheVerdictOnlyOnATerminalWithoutNoColor() throws {
        // Piped: plain text (asserted exactly above). On a pseudo-terminal (util-linux `script`): green, unless NO_COLOR.
        let binary = TestSupport.productsDirectory.appendingPathComponent("rebalancer").path
        let command = "'\(binary)' verify --plan '\(Self.planPath)' --base-dir '\(Self.root.path)' --abi-dir '\(Self.abiDir)'"
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = nil
        let coloured = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/script"), ["-qc", command, "/dev/null"], environment: environment)
        XCTAssertEqual(coloured.status, 0, coloured.stderr)
        XCTAssertTrue(coloured.stdout.hasPrefix("\u{1B}[32mverified\u{1B}[0m against the plan's inputs"), coloured.stdout.debugDescription)
        environment["NO_COLOR"] = "1"
        let plain = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/script"), ["-qc", command, "/dev/null"], environment: environment)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.hasPrefix("verified against the plan's inputs"), plain.stdout.debugDescription)
        XCTAssertFalse(plain.stdout.contains("\u{1B}"))
    }

    func testVerifyNamesAOneWeiTargetUnitChange() throws {
        // ENS, the new component: target unit 680578086333783463 = 0x971e629e5d71da7.
        let word = String(repeating: "0", count: 49) + "971e629e5d71da7"
        let calldata = try startRebalanceCalldata()
        XCTAssertEqual(calldata.components(separatedBy: word).count, 2, "the target unit's word occurs once")
        let changed = calldata.replacingOccurrences(of: word, with: String(word.dropLast()) + "8")
        assertDifference(try verify(["--calldata", changed, "--to", Self.module]),
                         field: "_newComponentsAuctionParams[0].targetUnit", expected: "680578086333783463", found: "680578086333783464")
    }

    func testVerifyNamesAChangedAdapterParameter() throws {
        // LINK's linear slope 5443571347000 = 0x4f36e22ee38, one more.
        let word = String(repeating: "0", count: 53) + "4f36e22ee38"
        let calldata = try startRebalanceCalldata()
        XCTAssertEqual(calldata.components(separatedBy: word).count, 2)
        let changed = calldata.replacingOccurrences(of: word, with: String(repeating: "0", count: 53) + "4f36e22ee39")
        let result = try verify(["--calldata", changed])
        assertDifference(result, field: "_oldComponentsAuctionParams[2].priceAdapterConfigData.slope",
                         expected: "5443571347000", found: "5443571347001")
        XCTAssertTrue(result.stdout.contains("_oldComponentsAuctionParams[2].priceAdapterConfigData "), "the raw blob differs too")
    }

    func testVerifyNamesAWrongChainIDAndAWrongTarget() throws {
        let calldata = try startRebalanceCalldata()
        assertDifference(try verify(["--tx", try signed(calldata, to: Self.module, chainID: "5")]),
                         field: "chainId", expected: "1", found: "5")
        let stranger = "0x1111111111111111111111111111111111111111"
        assertDifference(try verify(["--tx", try signed(calldata, to: stranger, chainID: "1")]),
                         field: "to", expected: Self.module, found: stranger)
        assertDifference(try verify(["--calldata", calldata, "--to", stranger]), field: "to", expected: Self.module, found: stranger)
    }

    func testVerifyNamesATamperedInputFileAndATamperedPlan() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let examples = directory.appendingPathComponent("examples")
        try FileManager.default.createDirectory(at: examples, withIntermediateDirectories: true)
        for name in ["snapshot.json", "weights.json", "prices.json", "policy.yaml"] {
            try FileManager.default.copyItem(at: Self.root.appendingPathComponent("examples/" + name), to: examples.appendingPathComponent(name))
        }
        let untouched = try verify([], baseDir: directory.path)
        XCTAssertEqual(untouched.status, 0, untouched.stdout + untouched.stderr)

        let weights = examples.appendingPathComponent("weights.json")
        var bytes = try Data(contentsOf: weights)
        bytes.append(contentsOf: Array(" ".utf8))
        try bytes.write(to: weights)
        let result = try verify([], baseDir: directory.path)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("inputs.weights.keccak256 (examples/weights.json)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("0xec6e8e864ea301451c93c6ee54a75acd1f8fc91e9b3ca05a830efc68959c71b3 | 0x"), result.stdout)

        // A plan document edited by hand (one trade's target unit) differs from the recomputed one at that path.
        let planText = try String(contentsOfFile: Self.planPath, encoding: .utf8)
        XCTAssertTrue(planText.contains("\"target_unit\": \"32200\""))
        let edited = directory.appendingPathComponent("plan.json")
        try planText.replacingOccurrences(of: "\"target_unit\": \"32200\"", with: "\"target_unit\": \"32201\"")
            .write(to: edited, atomically: true, encoding: .utf8)
        let planResult = try verify([], planPath: edited.path)
        XCTAssertEqual(planResult.status, 1, planResult.stdout + planResult.stderr)
        XCTAssertTrue(planResult.stdout.contains("auction_params[1].target_unit"), planResult.stdout)
        XCTAssertTrue(planResult.stdout.contains("\"32200\" | \"32201\""), planResult.stdout)
    }
}
