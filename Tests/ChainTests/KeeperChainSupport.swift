import ChainModel
import Foundation
import Keeper
import TestSupport
import XCTest

extension LocalChainTestCase {
    /// Moves chain time a day ahead (past the stand-in auctions' 86 400 s duration) and mines.
    func travelPastTheAuction() throws {
        _ = try rpc.call("evm_increaseTime", [.number("86400")])
        _ = try rpc.call("evm_mine", [])
    }

    /// Runs the keeper with `arguments` until `reached()` holds (checked every 50 ms, at most
    /// 60 s), then stops it with SIGTERM.
    func runKeeperUntil(_ arguments: [String], environment: [String: String], _ reached: () throws -> Bool) throws {
        let keeper = try launchRebalancer(arguments, environment: environment)
        defer {
            if keeper.isRunning { keeper.terminate() }
            keeper.waitUntilExit()
        }
        for _ in 0..<1200 where keeper.isRunning {
            if try reached() { return }
            usleep(50_000)
        }
        XCTAssertTrue(try reached(), "the keeper did not reach the expected state")
    }

    /// Starts the keeper with `arguments` up to 40 times, each run killed with SIGKILL after a
    /// random 30–530 ms (seeded by `seed`), until `phase()` is `done`; once the auction runs
    /// (bidding or raised) chain time travels past it. If the runs never saw the auction
    /// running, a run is driven there first, so the auction never starts after the travel.
    /// Returns how many runs were killed.
    func killKeeperRepeatedly(_ arguments: [String], environment: [String: String], seed: UInt64,
                              phase: () throws -> KeeperPhase?) throws -> Int {
        var random = SplitMix64(seed: seed)
        var travelled = false
        var kills = 0
        for _ in 0..<40 {
            let current = try phase()
            if current == .done { break }
            if !travelled, current == .bidding || current == .raised {
                try travelPastTheAuction()
                travelled = true
            }
            let keeper = try launchRebalancer(arguments, environment: environment)
            usleep(UInt32(30_000 + random.next() % 500_000))
            if keeper.isRunning {
                kill(keeper.processIdentifier, SIGKILL)
                kills += 1
            }
            keeper.waitUntilExit()
        }
        if !travelled {
            try runKeeperUntil(arguments, environment: environment) { try phase() == .bidding }
            try travelPastTheAuction()
        }
        return kills
    }

    /// A reference price document 1 % on the keeper's side of each fair price of `plan`: sells
    /// beat a higher reference, buys a lower one.
    func referenceDocument(_ plan: JSONValue, asOf: Int64? = nil) throws -> String {
        var entries: [String] = []
        for trade in try XCTUnwrap(plan["trades"]?.arrayValue) {
            let fair = try UInt256(XCTUnwrap(trade["fair_price"]?.stringValue))
            let reference = trade["side"]?.stringValue == "sell" ? fair * UInt256(UInt64(101)) / UInt256(UInt64(100))
                : fair * UInt256(UInt64(99)) / UInt256(UInt64(100))
            entries.append("\"\(try XCTUnwrap(trade["component"]?.stringValue))\": \"\(reference)\"")
        }
        XCTAssertEqual(entries.count, 2)
        return "{\"format\": \"rebalancer/reference-prices@1\", " + (asOf.map { "\"as_of\": \($0), " } ?? "")
            + "\"prices\": {\(entries.joined(separator: ", "))}}"
    }

    /// Waits up to 30 s for the keeper to exit by itself, checks it exited with status 0 and
    /// returns what it wrote on standard error.
    func finished(_ keeper: Process, errors: Pipe) -> String {
        for _ in 0..<600 where keeper.isRunning { usleep(50_000) }
        XCTAssertFalse(keeper.isRunning, "the keeper did not finish")
        if keeper.isRunning { keeper.terminate() }
        keeper.waitUntilExit()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(keeper.terminationStatus, 0, log)
        return log
    }

    /// `setToken.isLocked()` at the latest block.
    func isLocked(_ set: Address) throws -> Bool {
        let data = try rpc.call(CallRequest(to: set, input: try ABIFunction(signature: "isLocked()").encodeCall([])))
        return try XCTUnwrap(UInt256(bigEndianBytes: Array(data.prefix(32)))) == .one
    }
}
