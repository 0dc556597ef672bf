import ChainModel
import Keeper
import XCTest

/// A JSON-RPC node in memory for the reader: the latest block, and `eth_call` answers looked up
/// by (contract, function signature). Unscripted calls answer HTTP 599 so a test notices them.
final class FakeNode: HTTPTransport {
    enum Answer {
        /// The function's outputs, ABI-encoded.
        case values([ABIValue])
        /// A JSON-RPC revert (code 3).
        case revert
        /// An HTTP status other than 200.
        case status(Int)
        /// A result that is not hex.
        case garbage
    }
    var answers: [String: Answer] = [:]
    var calls: [String] = []

    func key(_ to: Address, _ function: ABIFunction) -> String { to.lowercased + " " + Hex.encode(function.selector.bytes) }

    func answer(_ to: Address, _ signature: String, _ answer: Answer) {
        self.answer(to, try! ABIFunction(signature: signature), answer)
    }

    func answer(_ to: Address, _ function: ABIFunction, _ answer: Answer) {
        answers[key(to, function)] = answer
    }

    static let functions = [
        "getAuctionSizeAndDirection(address,address) returns (bool,uint256)",
        "getBidPreview(address,address,address,uint256,uint256,bool) returns "
            + "((address,address,address,address,bytes,bool,uint256,uint256,uint256,uint256,uint256,uint256,uint256))",
        "balanceOf(address) returns (uint256)", "allowance(address,address) returns (uint256)",
        "rebalanceInfo(address) returns (address,uint256,uint256,uint256,uint256)",
    ].map { try! ABIFunction(signature: $0) }

    func post(_ body: [UInt8]) throws(TransportFailure) -> HTTPResponse {
        let request = try! JSONValue.parse(body)
        let id = request["id"]?.serialized ?? "null"
        func result(_ json: String) -> HTTPResponse {
            HTTPResponse(status: 200, body: Array(#"{"jsonrpc":"2.0","id":\#(id),"result":\#(json)}"#.utf8))
        }
        switch request["method"]?.stringValue {
        case "eth_getBlockByNumber":
            let zero = "0x" + String(repeating: "0", count: 64)
            return result(#"{"number":"0x10","hash":"\#(zero)","parentHash":"\#(zero)","timestamp":"0x64","gasLimit":"0x1c9c380","#
                          + #""gasUsed":"0x0","baseFeePerGas":"0x1","miner":"0x0000000000000000000000000000000000000000","transactions":[]}"#)
        case "eth_call":
            let call = request["params"]?.arrayValue?.first
            let to = call?["to"]?.stringValue ?? ""
            let input = call?["input"]?.stringValue ?? ""
            let key = to.lowercased() + " " + String(input.prefix(10))
            calls.append(key)
            guard let function = Self.functions.first(where: { key.hasSuffix(Hex.encode($0.selector.bytes)) }),
                  let answer = answers[key] else { return HTTPResponse(status: 599, body: Array("unscripted \(key)".utf8)) }
            switch answer {
            case let .values(values) where values.isEmpty: return result("\"0x\"")
            case let .values(values): return result("\"" + Hex.encode(try! ABIEncoder.encode(values, parameters: function.outputs)) + "\"")
            case .revert:
                return HTTPResponse(status: 200, body: Array(#"{"jsonrpc":"2.0","id":\#(id),"error":{"code":3,"message":"execution reverted","data":"0x"}}"#.utf8))
            case let .status(status): return HTTPResponse(status: status, body: Array("busy".utf8))
            case .garbage: return result("\"not hex\"")
            }
        default:
            return HTTPResponse(status: 599, body: Array("unscripted method".utf8))
        }
    }
}

/// A price source that fails like an unreachable service.
struct FailingPrices: ReferencePriceSource {
    func prices() throws(ReferencePriceError) -> [Address: UInt256] {
        throw .httpStatus(source: description, status: 503)
    }
    var description: String { "reference prices http://prices.test/" }
}

/// The reader's bid search on a scripted node: a revert skips a component, any other failure
/// throws for a retry; approval policies size and annotate the proposal.
final class ModuleChainReaderTests: XCTestCase {
    let e18: UInt64 = 1_000_000_000_000_000_000
    let other = try! Address("0x5555555555555555555555555555555555555555")
    var node: FakeNode!

    override func setUp() {
        node = FakeNode()
        node.answer(Fixture.module, "rebalanceInfo(address) returns (address,uint256,uint256,uint256,uint256)",
                    .values([.address(Fixture.quote), .uint(UInt256(UInt64(100))), .uint(UInt256(UInt64(3600))), .uint(.zero), .uint(.zero)]))
        funds(quote: Fixture.quote, balance: 5_000, allowance: 2_000)
        funds(quote: Fixture.component, balance: 600, allowance: 0)
        funds(quote: other, balance: 0, allowance: 0)
    }

    func funds(quote token: Address, balance: UInt64, allowance: UInt64) {
        node.answer(token, "balanceOf(address) returns (uint256)", .values([.uint(UInt256(balance))]))
        node.answer(token, "allowance(address,address) returns (uint256)", .values([.uint(UInt256(allowance))]))
    }

    /// Auction of `component`: its size and direction, and the preview's quote for all of it.
    func auction(_ component: Address, sell: Bool, size: UInt64, quote: UInt64) {
        node.answer(Fixture.module, "getAuctionSizeAndDirection(address,address) returns (bool,uint256)",
                    .values([.bool(sell), .uint(UInt256(size))]))
        let u = { (v: UInt64) in ABIValue.uint(UInt256(v)) }
        node.answer(Fixture.module, FakeNode.functions[1], .values([.tuple([.address(Fixture.setToken), .address(component), .address(Fixture.quote), .address(other), .bytes([]),
                                     .bool(sell), u(size), u(0), sell ? u(size) : u(quote), sell ? u(quote) : u(size), u(0), u(0), u(0)])]))
    }

    func reader(_ approvals: ApprovalPolicy = .off, prices: (any ReferencePriceSource)? = nil) throws -> ModuleChainReader {
        let client = RPCClient(endpoint: try RPCEndpoint("http://node.test"), transport: node, retryPolicy: .none)
        let source = prices ?? FixedReferencePrices([Fixture.component: UInt256(3 * e18)])
        return ModuleChainReader(client: client, bidding: .init(bidder: Fixture.keeper, prices: source, marginBasisPoints: 100,
                                                                approvals: approvals))
    }

    let running = AuctionObservation(chainTime: 100, rebalanceStart: 100, rebalanceDuration: 3600, allTargetsMet: false,
                                     canRaiseAssetTargets: false, canUnlockEarly: false, isLocked: true)

    func testSellBidIsCappedByTheAllowanceWithoutApprovals() throws {
        auction(Fixture.component, sell: true, size: 1_000, quote: 2_970)
        // Spendable min(5000, 2000) = 2000: ⌊1000·2000/2970⌋ = 673.
        XCTAssertEqual(try reader().observeBid(for: Fixture.rebalance(), auction: running),
                       BidObservation(proposal: BidProposal(component: Fixture.component, quoteAsset: Fixture.quote, componentAmount: UInt256(UInt64(673)),
                                                            quoteAssetLimit: UInt256(UInt64(2_000)), isSellAuction: true)))
    }

    func testApprovalsCapByTheBalanceAndCarryTheApprovalOfTheSpentToken() throws {
        auction(Fixture.component, sell: true, size: 1_000, quote: 2_970)
        let full = BidProposal(component: Fixture.component, quoteAsset: Fixture.quote, componentAmount: UInt256(UInt64(1_000)),
                               quoteAssetLimit: UInt256(UInt64(2_970)), isSellAuction: true)
        var exact = full
        exact.approval = TokenApproval(token: Fixture.quote, spender: Fixture.module, amount: UInt256(UInt64(2_970)))
        XCTAssertEqual(try reader(.exact).bid(for: Fixture.rebalance(), auction: running), exact)
        var unlimited = full
        unlimited.approval = TokenApproval(token: Fixture.quote, spender: Fixture.module, amount: .max)
        XCTAssertEqual(try reader(.unlimited).bid(for: Fixture.rebalance(), auction: running), unlimited)
        // Enough allowance already: no approval.
        funds(quote: Fixture.quote, balance: 5_000, allowance: 2_970)
        XCTAssertEqual(try reader(.exact).bid(for: Fixture.rebalance(), auction: running), full)
        // Balance below the need: capped by the balance, approving exactly the capped limit.
        funds(quote: Fixture.quote, balance: 1_485, allowance: 0)
        XCTAssertEqual(try reader(.exact).bid(for: Fixture.rebalance(), auction: running),
                       BidProposal(component: Fixture.component, quoteAsset: Fixture.quote, componentAmount: UInt256(UInt64(500)),
                                   quoteAssetLimit: UInt256(UInt64(1_485)), isSellAuction: true,
                                   approval: TokenApproval(token: Fixture.quote, spender: Fixture.module, amount: UInt256(UInt64(1_485)))))
    }

    func testBuyAuctionApprovesTheComponent() throws {
        auction(Fixture.component, sell: false, size: 1_000, quote: 3_030)
        // Component balance 600, allowance 0: without approvals nothing can be sold.
        XCTAssertEqual(try reader().observeBid(for: Fixture.rebalance(), auction: running), BidObservation(proposal: nil))
        XCTAssertEqual(try reader(.exact).bid(for: Fixture.rebalance(), auction: running),
                       BidProposal(component: Fixture.component, quoteAsset: Fixture.quote, componentAmount: UInt256(UInt64(600)),
                                   quoteAssetLimit: UInt256(UInt64(1_818)), isSellAuction: false,
                                   approval: TokenApproval(token: Fixture.component, spender: Fixture.module, amount: UInt256(UInt64(600)))))
    }

    func testARevertedSizeOrPreviewSkipsTheComponent() throws {
        auction(Fixture.component, sell: true, size: 1_000, quote: 2_970)
        node.answer(Fixture.module, "getAuctionSizeAndDirection(address,address) returns (bool,uint256)", .revert)
        XCTAssertEqual(try reader().observeBid(for: Fixture.rebalance(), auction: running), BidObservation(proposal: nil))
        auction(Fixture.component, sell: true, size: 1_000, quote: 2_970)
        node.answer(Fixture.module, FakeNode.functions[1], .revert)
        XCTAssertEqual(try reader().observeBid(for: Fixture.rebalance(), auction: running), BidObservation(proposal: nil))
        XCTAssertTrue(node.calls.last!.hasSuffix(Hex.encode(FakeNode.functions[1].selector.bytes)), "stopped at the preview")
    }

    func testOtherFailuresOfSizeOrPreviewThrowForARetry() throws {
        for (function, answer, expected) in [
            (FakeNode.functions[0], FakeNode.Answer.status(503), "HTTP status 503"),
            (FakeNode.functions[0], .garbage, "malformed response"),
            (FakeNode.functions[1], .status(502), "HTTP status 502"),
            (FakeNode.functions[1], .values([]), "unexpected return data"),
        ] {
            auction(Fixture.component, sell: true, size: 1_000, quote: 2_970)
            node.answer(Fixture.module, function, answer)
            XCTAssertThrowsError(try reader().observeBid(for: Fixture.rebalance(), auction: running), expected) { error in
                guard case let .chain(message)? = error as? KeeperRunError else { return XCTFail("\(error)") }
                XCTAssertTrue(message.contains(expected), message)
                XCTAssertTrue((error as! KeeperRunError).isRetryable)
            }
        }
    }

    func testAnUnreadablePriceSourceGivesNoBidAndSaysWhyWithoutTouchingTheNode() throws {
        auction(Fixture.component, sell: true, size: 1_000, quote: 2_970)
        XCTAssertEqual(try reader(prices: FailingPrices()).observeBid(for: Fixture.rebalance(), auction: running),
                       BidObservation(proposal: nil, note: "reference prices http://prices.test/: HTTP status 503, expected 200"))
        XCTAssertEqual(node.calls, [])
    }
}
