import XCTest
import ChainModel
import TestSupport

/// The libcurl RPC client against the real local node.
final class RPCOnChainTests: LocalChainTestCase {
    func testReadsChainState() throws {
        XCTAssertEqual(try rpc.chainID(), 31337)
        XCTAssertNoThrow(try rpc.verifyChainID(31337))
        XCTAssertThrowsError(try rpc.verifyChainID(1)) { error in
            XCTAssertEqual("\(error)", "chain id mismatch: \(node.url) serves chain 31337, but chain 1 is configured; nothing was signed")
        }
        XCTAssertEqual(try rpc.blockNumber(), 0)
        // eth-tester funds each development account with 1,000,000 ether.
        let million = UInt256(w0: 0x1bce_cced_a100_0000, w1: 0xd3c2, w2: 0, w3: 0)  // 10^24
        XCTAssertEqual(RPCQuantity.encode(million), "0xd3c21bcecceda1000000")
        XCTAssertEqual(try rpc.balance(of: DevAccount.addresses[0]), million)
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[0]), 0)
        let genesis = try XCTUnwrap(try rpc.block(.latest))
        XCTAssertEqual(genesis.number, 0)
        XCTAssertEqual(genesis.baseFeePerGas, UInt256(1_000_000_000))
        XCTAssertNil(try rpc.block(.number(99)))
        XCTAssertNil(try rpc.transactionReceipt(Bytes32.zero))
    }

    func testDeploysCallsEstimatesAndDecodesReverts() throws {
        let token = try CompiledContract.load("TestToken")
        let owner = DevAccount.addresses[0], holder = DevAccount.addresses[1]
        // constructor("Test USD", "TUSD", 6)
        let arguments = Words.uint(96) + Words.uint(160) + Words.uint(6) + Words.stringTail("Test USD") + Words.stringTail("TUSD")
        let address = try rpc.deployFromDevAccount(token.bytecode, constructorArguments: arguments, from: owner)
        XCTAssertEqual(try rpc.blockNumber(), 1)
        XCTAssertFalse(try rpc.code(at: address).isEmpty)

        let decimals = try rpc.call(CallRequest(to: address, input: Words.selector("decimals()")))
        XCTAssertEqual(decimals, Words.uint(6))

        let mint = Words.selector("mint(address,uint256)") + Words.address(holder) + Words.uint(1_000_000)
        let gas = try rpc.estimateGas(CallRequest(from: owner, to: address, input: mint))
        XCTAssertGreaterThan(gas, 21_000)
        XCTAssertLessThan(gas, 200_000)

        // A non-minter's mint reverts with Error(string): code 3 with the revert data.
        XCTAssertThrowsError(try rpc.call(CallRequest(from: holder, to: address, input: mint))) { error in
            let object = (error as? RPCError)?.nodeError
            XCTAssertEqual(object?.code, 3)
            XCTAssertEqual(object?.message, "execution reverted: TestToken: caller is not the minter")
            let reason = "TestToken: caller is not the minter"
            XCTAssertEqual(object?.revertData, [0x08, 0xc3, 0x79, 0xa0] + Words.uint(32) + Words.stringTail(reason))
        }
        XCTAssertThrowsError(try rpc.estimateGas(CallRequest(from: holder, to: address, input: mint))) { error in
            XCTAssertEqual((error as? RPCError)?.nodeError?.code, 3)
        }

        // State override: give the holder a balance slot without a transaction.
        // balanceOf is storage slot 7 (`vyper -f layout`); Vyper keys a HashMap as keccak(slot ++ key).
        let balanceOf = Words.selector("balanceOf(address)") + Words.address(holder)
        XCTAssertEqual(try rpc.call(CallRequest(to: address, input: balanceOf)), Words.uint(0))
        let slot = Keccak256.hash(Words.uint(7) + Words.address(holder))
        let overridden = try rpc.call(CallRequest(to: address, input: balanceOf), at: .latest,
                                      stateOverride: [(address, AccountOverride(stateDiff: [(slot, try Bytes32(bytes: Words.uint(777)))]))])
        XCTAssertEqual(overridden, Words.uint(777))
    }

    func testFeeHistoryWithRewards() throws {
        for _ in 0..<3 { _ = try rpc.call("evm_mine") }
        let history = try rpc.feeHistory(blockCount: 10, newest: .latest, percentiles: [20, 50])
        XCTAssertEqual(history.oldestBlock, 0)
        XCTAssertEqual(history.gasUsedRatio, [0, 0, 0, 0])
        XCTAssertEqual(history.reward, Array(repeating: [0, 0], count: 4))
        // Empty blocks lower the base fee by 1/8 each: 1 gwei, 0.875, 0.765625, 0.669921875, next 0.586181640625
        XCTAssertEqual(history.baseFeePerGas, [1_000_000_000, 875_000_000, 765_625_000, 669_921_875, 586_181_641])
    }

    func testBatchOnTheWire() throws {
        let results = try rpc.batch([("eth_chainId", []), ("eth_noSuchMethod", []), ("eth_blockNumber", [])])
        XCTAssertEqual(try results[0].get(), .string("0x7a69"))
        XCTAssertEqual((try? results[2].get()), .string("0x0"))
        XCTAssertThrowsError(try results[1].get()) { error in
            XCTAssertEqual((error as? RPCError)?.nodeError?.code, -32601)
        }
    }

    func testResponseSizeLimitAbortsTheTransfer() throws {
        let small = try RPCClient(endpoint: try RPCEndpoint(node.url), limits: HTTPLimits(maximumResponseBytes: 64), retryPolicy: .none)
        XCTAssertEqual(try small.chainID(), 31337)
        XCTAssertThrowsError(try small.block(.latest)) { error in
            XCTAssertEqual(error as? RPCError, .transport(endpoint: node.url, method: "eth_getBlockByNumber", .responseTooLarge(limit: 64)))
        }
        // The same client keeps working after an aborted transfer.
        XCTAssertEqual(try small.chainID(), 31337)
    }

    func testConnectionRefusedIsATransportErrorAfterRetries() throws {
        let port = node.port
        node.stop()
        let clock = SystemRPCClock()
        let dead = try RPCClient(endpoint: try RPCEndpoint("http://127.0.0.1:\(port)"),
                                 retryPolicy: RetryPolicy(maximumAttempts: 3, initialDelay: 0.01, maximumDelay: 0.02, totalBudget: 2))
        let started = clock.now()
        XCTAssertThrowsError(try dead.chainID()) { error in
            guard case let .gaveUp(attempts, _, last)? = error as? RPCError,
                  case let .transport(_, method, failure) = last, case .couldNotConnect = failure else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(attempts, 3)
            XCTAssertEqual(method, "eth_chainId")
        }
        XCTAssertLessThan(clock.now() - started, 2)
    }
}
