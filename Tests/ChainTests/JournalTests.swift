import Foundation
import XCTest
import ChainModel
import Submission
import TestSupport

/// The SQLite journal on its own: intents, signed transactions, settlement, refusals.
final class JournalTests: XCTestCase {
    let sender = DevAccount.addresses[0]
    let other = DevAccount.addresses[1]

    func intent(_ id: String, value: UInt64 = 1, data: [UInt8] = []) -> TransactionIntent {
        TransactionIntent(id: id, chainID: 31337, sender: sender, to: other, value: UInt256(value), data: data)
    }

    func signed(_ intentID: String, _ byte: UInt8, nonce: UInt64, replaces: Bytes32? = nil) throws -> JournaledTransaction {
        let raw: [UInt8] = [0x02, byte, byte]
        return JournaledTransaction(hash: Keccak256.hash(raw), intentID: intentID, nonce: nonce, raw: raw,
                                    fees: .dynamic(maxFeePerGas: 1_000_000_000 + UInt256(UInt64(byte)), maxPriorityFeePerGas: UInt256(UInt64(byte))),
                                    gasLimit: 21_000, replaces: replaces, status: .signed, blockNumber: nil, blockHash: nil)
    }

    func testRecordsAndReadsBackIntentsAndTransactions() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let journal = try Journal(path: path)
            try journal.recordIntent(intent("a", data: [1, 2, 3]), nonce: 7)
            let first = try signed("a", 1, nonce: 7)
            try journal.recordSigned(first)
            try journal.recordSigned(try signed("a", 2, nonce: 7, replaces: first.hash))
        }
        // Reopened from disk: everything is there, in signing order.
        let journal = try Journal(path: path)
        let stored = try XCTUnwrap(try journal.intent("a"))
        XCTAssertEqual(stored, JournaledIntent(intent: intent("a", data: [1, 2, 3]), nonce: 7, status: .pending))
        let transactions = try journal.transactions(ofIntent: "a")
        XCTAssertEqual(transactions, [try signed("a", 1, nonce: 7), try signed("a", 2, nonce: 7, replaces: try signed("a", 1, nonce: 7).hash)])
        XCTAssertEqual(try journal.highestNonce(sender: sender, chainID: 31337), 7)
        XCTAssertNil(try journal.highestNonce(sender: other, chainID: 31337))
        XCTAssertEqual(try journal.pendingIntents(sender: sender, chainID: 31337).map(\.intent.id), ["a"])

        let block = (number: UInt64(9), hash: Keccak256.hash(utf8: "block 9"))
        try journal.settle(intentID: "a", included: transactions[1].hash, succeeded: true, block: block)
        XCTAssertEqual(try journal.transactions(ofIntent: "a").map(\.status), [.dropped, .mined])
        XCTAssertEqual(try journal.transactions(ofIntent: "a")[1].blockHash, block.hash)
        XCTAssertEqual(try journal.intent("a")?.status, .mined)
        XCTAssertEqual(try journal.pendingIntents(sender: sender, chainID: 31337).count, 0)
    }

    func testIntentIDsNameOneTransaction() throws {
        let journal = try Journal(path: ":memory:")
        try journal.recordIntent(intent("a"), nonce: 0)
        XCTAssertNoThrow(try journal.recordIntent(intent("a"), nonce: 0), "the same content again is fine")
        XCTAssertThrowsError(try journal.recordIntent(intent("a", value: 2), nonce: 1)) { error in
            XCTAssertEqual("\(error)", "intent a: already journaled with a different value (1 wei); an intent id names one transaction, choose another id")
        }
        XCTAssertThrowsError(try journal.recordIntent(intent("a", data: [9]), nonce: 1)) { error in
            XCTAssertEqual(error as? JournalError, .intentConflict(id: "a", field: "calldata"))
        }
        XCTAssertEqual(try journal.intent("a")?.nonce, 0, "the first record is left alone")
    }

    func testRejectedIntentsFreeTheirNonce() throws {
        let journal = try Journal(path: ":memory:")
        try journal.recordIntent(intent("a"), nonce: 3)
        try journal.setIntentStatus("a", .rejected)
        XCTAssertNil(try journal.highestNonce(sender: sender, chainID: 31337))
        try journal.reassignNonce("a", nonce: 4)
        XCTAssertEqual(try journal.intent("a")?.nonce, 4)
        XCTAssertEqual(try journal.intent("a")?.status, .pending)
    }

    func testASignedHashIsRecordedOnceUnlessRefused() throws {
        let journal = try Journal(path: ":memory:")
        try journal.recordIntent(intent("a"), nonce: 0)
        let transaction = try signed("a", 1, nonce: 0)
        try journal.recordSigned(transaction)
        XCTAssertThrowsError(try journal.recordSigned(transaction)) { error in
            XCTAssertEqual("\(error)", "journal: transaction \(transaction.hash) is already journaled (signed)")
        }
        try journal.setStatus(transaction.hash, .rejected)
        try journal.recordSigned(transaction)
        XCTAssertEqual(try journal.transactions(ofIntent: "a").map(\.status), [.signed])
    }

    func testUnopenableJournalIsAClearError() {
        XCTAssertThrowsError(try Journal(path: "/proc/no-such-dir/journal.sqlite")) { error in
            XCTAssertTrue("\(error)".hasPrefix("journal: /proc/no-such-dir/journal.sqlite: "), "\(error)")
        }
    }

    func testDerivedIntentIDsFollowTheContent() {
        let a = TransactionIntent.derivedID(chainID: 1, sender: sender, to: other, value: 1, data: [])
        XCTAssertEqual(a, TransactionIntent.derivedID(chainID: 1, sender: sender, to: other, value: 1, data: []))
        XCTAssertNotEqual(a, TransactionIntent.derivedID(chainID: 2, sender: sender, to: other, value: 1, data: []))
        XCTAssertNotEqual(a, TransactionIntent.derivedID(chainID: 1, sender: sender, to: other, value: 1, data: [0]))
        XCTAssertEqual(a.count, 34)
    }
}

/// The Python node and proxy pass their own smoke check (wire format, batches, faults).
final class LocalChainSmokeTests: XCTestCase {
    /// A node whose parent dies exits on its own: a crashed test run leaves no orphan.
    func testNodeExitsWhenItsParentGoesAway() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("orphan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = TestSupport.repositoryRoot.appendingPathComponent("Tests/python/chain/server.py").path
        let portFile = directory.appendingPathComponent("port").path
        // The shell starts the node in the background, waits for its port file, prints its pid and exits.
        let script = "\"$0\" \"$1\" --port 0 --port-file \"$2\" >/dev/null 2>&1 & pid=$!; "
            + "for i in $(seq 100); do [ -s \"$2\" ] && break; sleep 0.1; done; echo $pid"
        let result = try TestSupport.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script, TestSupport.python.path, server, portFile])
        XCTAssertEqual(result.status, 0, result.stderr)
        let pid = try XCTUnwrap(Int32(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertTrue(FileManager.default.fileExists(atPath: portFile), "the node started")
        let deadline = Date().addingTimeInterval(10)
        while kill(pid, 0) == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        XCTAssertNotEqual(kill(pid, 0), 0, "the node (pid \(pid)) outlived its parent")
        if kill(pid, 0) == 0 { kill(pid, SIGTERM) }
    }

    func testPythonSmokeCheck() throws {
        let output = String(decoding: try TestSupport.runPython(script: "chain/smoke.py", []), as: UTF8.self)
        XCTAssertTrue(output.contains("server smoke check passed"), output)
        XCTAssertTrue(output.contains("proxy smoke check passed"), output)
    }
}
