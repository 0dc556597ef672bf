import Foundation
import XCTest
import ChainModel
import TestSupport

/// The read-only and dry-run commands end to end against the local node.
final class ChainCommandTests: LocalChainTestCase {
    func run(_ arguments: [String], env: [String: String] = [:]) throws -> TestSupport.ProcessResult {
        try TestSupport.runRebalancer(arguments, environment: env)
    }

    func succeed(_ arguments: [String]) throws -> String {
        let result = try run(arguments + ["--rpc-url", node.url])
        XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    func fail(_ arguments: [String]) throws -> String {
        let result = try run(arguments)
        XCTAssertEqual(result.status, 1, "\(arguments) should fail: \(result.stdout)")
        return result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func deployToken(decimals: UInt64 = 6) throws -> Address {
        let token = try CompiledContract.load("TestToken")
        let arguments = Words.uint(96) + Words.uint(160) + Words.uint(decimals) + Words.stringTail("Test USD") + Words.stringTail("TUSD")
        return try rpc.deployFromDevAccount(token.bytecode, constructorArguments: arguments, from: DevAccount.addresses[0])
    }

    func testReadOnlyCommands() throws {
        XCTAssertEqual(try succeed(["chain-id"]), "31337\n")
        XCTAssertEqual(try succeed(["chain-id", "--json"]), "{\n  \"chainId\": 31337\n}\n")
        XCTAssertEqual(try succeed(["block-number"]), "0\n")
        let account = DevAccount.addresses[0].checksummed
        XCTAssertEqual(try succeed(["nonce", account]), "0\n")
        XCTAssertEqual(try succeed(["balance", account]), "1000000000000000000000000\n")
        XCTAssertEqual(try succeed(["balance", account, "--ether"]), "1000000\n")
        XCTAssertEqual(try succeed(["balance", account, "--json"]), """
            {
              "address": "\(account)",
              "block": "latest",
              "wei": "1000000000000000000000000",
              "ether": "1000000"
            }

            """)
        // ETH_RPC_URL works as cast users expect.
        let viaEnvironment = try run(["block-number"], env: ["ETH_RPC_URL": node.url])
        XCTAssertEqual(viaEnvironment.stdout, "0\n")
    }

    func testClearErrors() throws {
        XCTAssertEqual(try fail(["chain-id"]), "Error: rpc-url: no endpoint given; pass --rpc-url or set ETH_RPC_URL")
        XCTAssertEqual(try fail(["chain-id", "--rpc-url", node.url, "--chain-id", "1"]),
                       "Error: chain id mismatch: \(node.url) serves chain 31337, but chain 1 is configured; nothing was signed")
        XCTAssertEqual(try fail(["nonce", "0x7e5f4552091A69125d5DfCb7b8C2659029395Bdf", "--rpc-url", node.url]),
                       "Error: address: '0x7e5f4552091A69125d5DfCb7b8C2659029395Bdf' has a wrong EIP-55 checksum (mixed case must be 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf, or write it all lowercase)")
        XCTAssertEqual(try fail(["balance", DevAccount.addresses[0].checksummed, "--block", "soon", "--rpc-url", node.url]),
                       "Error: block: soon must be latest, pending, earliest, safe, finalized or a block number")
        // Credentials and keys never appear, even in a transport failure.
        let secretURL = "http://operator:hunter2secret@127.0.0.1:1/v3/0123456789abcdef0123456789abcdef"
        let refused = try fail(["block-number", "--rpc-url", secretURL, "--rpc-retries", "1"])
        XCTAssertTrue(refused.hasPrefix("Error: eth_blockNumber to http://***@127.0.0.1:1/v3/***: could not connect"), refused)
        XCTAssertFalse(refused.contains("hunter2secret"))
        XCTAssertFalse(refused.contains("0123456789abcdef"))
    }

    func testCallEstimateAndRevertReasons() throws {
        let token = try deployToken().checksummed
        let owner = DevAccount.addresses[0].checksummed, holder = DevAccount.addresses[1].checksummed
        XCTAssertEqual(try succeed(["call", token, "decimals()(uint8)"]), "6\n")
        XCTAssertEqual(try succeed(["call", token, "symbol()(string)"]), "\"TUSD\"\n")
        XCTAssertEqual(try succeed(["call", token, "decimals()"]), "0x" + String(repeating: "0", count: 63) + "6\n")

        // The real sender matters: the minter may mint, anyone else reverts with the reason.
        let estimate = try succeed(["estimate", token, "mint(address,uint256)", holder, "1e6", "--from", owner])
        let mint = Words.selector("mint(address,uint256)") + Words.address(DevAccount.addresses[1]) + Words.uint(1_000_000)
        XCTAssertEqual(estimate, "\(try rpc.estimateGas(CallRequest(from: DevAccount.addresses[0], to: try Address(token), input: mint)))\n")
        XCTAssertEqual(try fail(["estimate", token, "mint(address,uint256)", holder, "1e6", "--from", holder, "--rpc-url", node.url]),
                       "Error: execution reverted: \"TestToken: caller is not the minter\"")
        XCTAssertEqual(try fail(["call", token, "transfer(address,uint256)(bool)", owner, "1", "--from", holder, "--rpc-url", node.url]),
                       "Error: execution reverted: \"TestToken: transfer amount exceeds balance\"")

        let reverter = try rpc.deployFromDevAccount(try CompiledContract.load("Reverter").bytecode, from: DevAccount.addresses[0]).checksummed
        XCTAssertEqual(try succeed(["call", reverter, "succeed(uint256)(uint256)", "41"]), "42\n")
        XCTAssertEqual(try fail(["call", reverter, "failWithPanic(uint256)", "0x11", "--rpc-url", node.url]),
                       "Error: execution reverted: panic 0x11: arithmetic overflow or underflow")
        XCTAssertEqual(try fail(["call", reverter, "failWithCustom(address,uint256)", holder, "7", "--rpc-url", node.url,
                                 "--error", "InsufficientBalance(address account, uint256 amount)"]),
                       "Error: execution reverted: InsufficientBalance(account: \(holder), amount: 7)")
        XCTAssertEqual(try fail(["call", reverter, "failWithCustom(address,uint256)", holder, "7", "--rpc-url", node.url]),
                       "Error: execution reverted with unrecognized data 0xf6deaa04" + Hex.encode(Words.address(DevAccount.addresses[1]) + Words.uint(7), prefix: false))
        XCTAssertEqual(try fail(["call", reverter, "failEmpty()", "--rpc-url", node.url]), "Error: execution reverted without data")
    }

    func testJSONABIFilesDecodeLogsAndCustomErrors() throws {
        let token = try deployToken()
        let compiled = try CompiledContract.load("TestToken")
        let tokenABI = node.directory.appendingPathComponent("TestToken.json")
        try Data(compiled.abi.serialized.utf8).write(to: tokenABI)
        let hash = try rpc.call("eth_sendTransaction", [.object([
            ("from", .string(DevAccount.addresses[0].lowercased)), ("to", .string(token.lowercased)),
            ("input", .string(Hex.encode(Words.selector("mint(address,uint256)") + Words.address(DevAccount.addresses[2]) + Words.uint(9)))),
        ])])
        let receipt = try JSONValue.parse(try succeed(["receipt", hash.stringValue!, "--abi", tokenABI.path, "--json"]))
        let log = try XCTUnwrap(receipt["logs"]?.arrayValue?.first)
        XCTAssertEqual(log["event"], .string("Transfer(address,address,uint256)"))
        XCTAssertEqual(log["args"]?["receiver"], .string(DevAccount.addresses[2].checksummed))
        XCTAssertEqual(log["args"]?["value"], .string("9"))

        let errorsABI = node.directory.appendingPathComponent("Errors.json")
        try Data(#"[{"type":"error","name":"InsufficientBalance","inputs":[{"name":"account","type":"address"},{"name":"amount","type":"uint256"}]}]"#.utf8).write(to: errorsABI)
        let reverter = try rpc.deployFromDevAccount(try CompiledContract.load("Reverter").bytecode, from: DevAccount.addresses[0]).checksummed
        let holder = DevAccount.addresses[1].checksummed
        XCTAssertEqual(try fail(["call", reverter, "failWithCustom(address,uint256)", holder, "7", "--rpc-url", node.url, "--abi", errorsABI.path]),
                       "Error: execution reverted: InsufficientBalance(account: \(holder), amount: 7)")
        XCTAssertEqual(try fail(["call", reverter, "failEmpty()", "--rpc-url", node.url, "--abi", "/nonexistent.json"]),
                       "Error: abi: cannot read /nonexistent.json")
    }

    func testCallWithStateOverride() throws {
        let token = try deployToken()
        let holder = DevAccount.addresses[2]
        // balanceOf is storage slot 7 (`vyper -f layout`); Vyper keys a HashMap as keccak(slot ++ key).
        let slot = Keccak256.hash(Words.uint(7) + Words.address(holder))
        let file = node.directory.appendingPathComponent("override.json")
        try Data(#"{"\#(token.lowercased)": {"stateDiff": {"\#(slot)": "0x\#(String(repeating: "0", count: 61))3e8"}}}"#.utf8).write(to: file)
        XCTAssertEqual(try succeed(["call", token.checksummed, "balanceOf(address)(uint256)", holder.checksummed]), "0\n")
        XCTAssertEqual(try succeed(["call", token.checksummed, "balanceOf(address)(uint256)", holder.checksummed,
                                    "--state-override", file.path]), "1000\n")
        try Data(#"{"\#(token.lowercased)": {"storage": {}}}"#.utf8).write(to: file)
        XCTAssertEqual(try fail(["call", token.checksummed, "decimals()", "--rpc-url", node.url, "--state-override", file.path]),
                       "Error: state-override: \(file.path): stateOverride[\(token.lowercased)].storage: storage is not a supported override (balance, nonce, code, stateDiff)")
    }

    func testFeesAndReceiptWithDecodedLogs() throws {
        let token = try deployToken()
        let hash = try rpc.call("eth_sendTransaction", [.object([
            ("from", .string(DevAccount.addresses[0].lowercased)), ("to", .string(token.lowercased)),
            ("input", .string(Hex.encode(Words.selector("mint(address,uint256)") + Words.address(DevAccount.addresses[1]) + Words.uint(5_000_000)))),
        ])])
        let fees = try succeed(["fees", "--json"])
        let json = try JSONValue.parse(fees)
        // Block 2 holds the mint; its base fee follows EIP-1559 from 1 gwei: block 1 (deploy) and block 2.
        let latest = try XCTUnwrap(try rpc.block(.latest))
        XCTAssertEqual(json["block"], .number("2"))
        XCTAssertEqual(json["baseFeePerGas"], .string(latest.baseFeePerGas!.description))
        // Dev-account transactions tip 1 gwei: the 20th-percentile tip of blocks 1 and 2 is 1 gwei,
        // block 0 has none (0); the median of [0, 1 gwei, 1 gwei] is 1 gwei.
        XCTAssertEqual(json["maxPriorityFeePerGas"], .string("1000000000"))
        XCTAssertEqual(json["maxFeePerGas"], .string((latest.baseFeePerGas! * 2 + UInt256(1_000_000_000)).description))
        XCTAssertEqual(try fail(["fees", "--max-fee", "1wei", "--rpc-url", node.url]).hasPrefix("Error: max-fee: 1 wei/gas is below the next block's base fee"), true)

        let receipt = try succeed(["receipt", hash.stringValue!, "--event", "Transfer(address indexed sender, address indexed receiver, uint256 value)", "--json"])
        let parsed = try JSONValue.parse(receipt)
        XCTAssertEqual(parsed["status"], .number("1"))
        XCTAssertEqual(parsed["blockNumber"], .number("2"))
        let log = try XCTUnwrap(parsed["logs"]?.arrayValue?.first)
        XCTAssertEqual(log["event"], .string("Transfer(address,address,uint256)"))
        XCTAssertEqual(log["args"], .object([("sender", .string("0x0000000000000000000000000000000000000000")),
                                             ("receiver", .string(DevAccount.addresses[1].checksummed)),
                                             ("value", .string("5000000"))]))
        let table = try succeed(["receipt", hash.stringValue!, "--event", "Transfer(address indexed sender, address indexed receiver, uint256 value)"])
        XCTAssertTrue(table.contains("log 0                \(token.checksummed) Transfer(sender: 0x0000000000000000000000000000000000000000, receiver: \(DevAccount.addresses[1].checksummed), value: 5000000)"), table)
        XCTAssertTrue(table.contains("status               1 (success)"), table)
        XCTAssertEqual(try fail(["receipt", "0x" + String(repeating: "ab", count: 32), "--rpc-url", node.url]),
                       "Error: receipt: no receipt for 0x\(String(repeating: "ab", count: 32)): the transaction is unknown or not yet mined")
    }
}
