import Foundation
import TestSupport
import XCTest
@testable import ChainModel

final class ABIContractTests: XCTestCase {
    func load(_ file: String) throws -> ContractABI {
        let url = TestSupport.repositoryRoot.appendingPathComponent("contracts-abi").appendingPathComponent(file)
        return try ContractABI(json: try Data(contentsOf: url))
    }

    /// Selectors from auction-module.md §2.3 (module), §3 (adapters), §4 (SetToken, ERC20, Controller,
    /// IntegrationRegistry) and §5 (manager and extensions), by file.
    static let specSelectors: [String: [(String, String)]] = [
        "AuctionRebalanceModuleV1.json": [
            ("startRebalance", "8e0f7756"), ("bid", "6db4a262"), ("raiseAssetTargets", "ff0932a1"), ("unlock", "2f6c493c"),
            ("setRaiseTargetPercentage", "737531ba"), ("setBidderStatus", "b26faa0a"), ("setAnyoneBid", "f4787698"),
            ("initialize", "c4d66de8"), ("removeModule", "847ef08d"), ("isRebalanceDurationElapsed", "c2098812"),
            ("getRebalanceComponents", "d4f00532"), ("getAuctionSizeAndDirection", "0b2c85eb"), ("getQuoteAssetBalance", "8d50c6c1"),
            ("getBidPreview", "23ab55ec"), ("canUnlockEarly", "39a88f80"), ("canRaiseAssetTargets", "270e5590"),
            ("allTargetsMet", "dc7bc585"), ("isQuoteAssetExcessOrAtTarget", "41cefcd1"), ("isAllowedBidder", "c3824c48"),
            ("getAllowedBidders", "602ab35d"), ("executionInfo", "421dec4d"), ("permissionInfo", "45e3db3e"),
            ("rebalanceInfo", "dc8abe2e"), ("controller", "f77c4791"),
        ],
        "ConstantPriceAdapter.json": [("getPrice", "104b9b64"), ("isPriceAdapterConfigDataValid", "079f6bf4"),
                                      ("getDecodedData", "d3516db6"), ("getEncodedData", "fa5ab044")],
        "BoundedStepwiseLinearPriceAdapter.json": [("getPrice", "104b9b64"), ("isPriceAdapterConfigDataValid", "079f6bf4"),
                                                   ("getDecodedData", "d3516db6"), ("getEncodedData", "63dc2e6b"), ("areParamsValid", "bf160e25")],
        "BoundedStepwiseExponentialPriceAdapter.json": [("getPrice", "104b9b64"), ("isPriceAdapterConfigDataValid", "079f6bf4"),
                                                        ("getDecodedData", "d3516db6"), ("getEncodedData", "a45f8c07"), ("areParamsValid", "777f4126")],
        "BoundedStepwiseLogarithmicPriceAdapter.json": [("getPrice", "104b9b64"), ("isPriceAdapterConfigDataValid", "079f6bf4"),
                                                        ("getDecodedData", "d3516db6"), ("getEncodedData", "a45f8c07"), ("areParamsValid", "777f4126")],
        "ISetToken.json": [
            ("getComponents", "99d50d5d"), ("getDefaultPositionRealUnit", "66cb8d2f"), ("getTotalComponentRealUnits", "eaf993e1"),
            ("getExternalPositionModules", "a7bdad03"), ("positionMultiplier", "5230c396"), ("totalSupply", "18160ddd"),
            ("getModules", "b2494df3"), ("isLocked", "a4e2d634"), ("locker", "d7b96d4e"), ("manager", "481c6a75"),
            ("getPositions", "80275860"), ("isInitializedModule", "d7f1b27c"), ("moduleStates", "35bc4e52"),
        ],
        "ERC20.json": [("balanceOf", "70a08231"), ("allowance", "dd62ed3e"), ("approve", "095ea7b3"), ("transfer", "a9059cbb"),
                       ("transferFrom", "23b872dd"), ("decimals", "313ce567"), ("symbol", "95d89b41")],
        "IController.json": [("getModuleFee", "792aa04f"), ("feeRecipient", "46904840"), ("isSet", "74ebe3ec"),
                             ("isModule", "42f6e389"), ("resourceId", "e765ced6")],
        "IntegrationRegistry.json": [("getIntegrationAdapter", "a19ba6dc"), ("getIntegrationAdapterWithHash", "e6d642c5"),
                                     ("isValidIntegration", "639a3978")],
        "BaseManagerV2.json": [("interactManager", "4cf4f63b")],
        "AuctionRebalanceExtension.json": [
            ("startRebalance", "e8465e46"), ("unlock", "a69df4b5"), ("setRaiseTargetPercentage", "f2d7dddb"),
            ("setBidderStatus", "381b03d8"), ("setAnyoneBid", "dd1c4ca2"), ("initialize", "8129fc1c"),
            ("setToken", "ed9cf58c"), ("auctionModule", "2b7f5bcf"),
        ],
        "OptimisticAuctionRebalanceExtensionV1.json": [
            ("proposeRebalance", "cc8e8ac3"), ("startRebalance", "e8465e46"), ("updateIsOpen", "f20bf4f6"),
            ("setProductSettings", "de4662b8"), ("addAllowedAssets", "0f93d622"), ("removeAllowedAssets", "4747b001"),
            ("updateUseAssetAllowlist", "c566a2d1"),
        ],
        "GlobalAuctionRebalanceExtension.json": [
            ("startRebalance", "d9d88394"), ("unlock", "2f6c493c"), ("setRaiseTargetPercentage", "737531ba"),
            ("setBidderStatus", "b26faa0a"), ("setAnyoneBid", "f4787698"), ("initializeModule", "83d1a237"),
            ("initializeExtension", "de2236bd"), ("initializeModuleAndExtension", "9b468312"),
        ],
    ]

    /// Event topics from auction-module.md §2.4.
    static let moduleTopics: [(String, String)] = [
        ("RebalanceStarted", "0x2ca831858de887d2ca1c692d1940334f1d3f6c80c9101a306201d66397cf9be6"),
        ("BidExecuted", "0x96310ab47353685e74601a419fddb52db22b6ce0f72cb735c35ff494289dd642"),
        ("AssetTargetsRaised", "0xe4c448aaaad94925b669914540bde1ea0123c0b2320e4cf6ea0ad7a1818a1c98"),
        ("RaiseTargetPercentageUpdated", "0x6a1e9ac0e71aa1dc7854a57bce846b04b1aae20dc994b832098200d9236d1d4a"),
        ("AnyoneBidUpdated", "0x1fed19c0eee5ddf8ef482a13e2f0c3ec5c1390b1e39160fe52eabd651ecc7dba"),
        ("BidderStatusUpdated", "0x4e771e3486d7afcce48115112ca75bc21bc33ac6d6261f7d273b9c5820606717"),
        ("LockedRebalanceEndedEarly", "0x7ebe07e0f6679ed2dd131ed9d9498112c84991ccae90b0568240bf0dbf680d5c"),
    ]

    func testEveryContractFileParsesAndMatchesTheSpecSelectors() throws {
        let directory = TestSupport.repositoryRoot.appendingPathComponent("contracts-abi")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertEqual(Set(files), Set(Self.specSelectors.keys), "every contracts-abi file is checked, and only those")
        for file in files {
            let abi = try load(file)
            XCTAssertFalse(abi.functions.isEmpty, file)
            for (name, selector) in Self.specSelectors[file] ?? [] {
                let matches = abi.functions(named: name)
                XCTAssertEqual(matches.map(\.selector.description), ["0x" + selector], "\(file) \(name)")
                XCTAssertEqual(abi.function(selector: ABISelector(rawValue: UInt32(selector, radix: 16)!))?.name, name, "\(file) \(name)")
            }
            // The canonical signature of every entry re-parses to the same types.
            for function in abi.functions {
                XCTAssertEqual(try ABIFunction(signature: function.canonicalSignature).selector, function.selector, "\(file) \(function.name)")
            }
        }
    }

    func testModuleEventsAndStructs() throws {
        let module = try load("AuctionRebalanceModuleV1.json")
        for (name, topic) in Self.moduleTopics {
            XCTAssertEqual(module.event(named: name)?.topic0.description, topic, name)
            XCTAssertEqual(module.event(topic0: try Bytes32(hex: topic))?.name, name)
        }
        XCTAssertEqual(module.event(named: "BidExecuted")?.inputs.filter(\.indexed).map(\.name), ["setToken", "sendToken", "receiveToken"])
        XCTAssertEqual(module.constructor?.inputs.map(\.name), ["_controller"])

        let start = try XCTUnwrap(module.function(named: "startRebalance"))
        XCTAssertEqual(start.canonicalSignature, startRebalanceSignature)
        XCTAssertEqual(start.inputs[3].components.map(\.name), ["targetUnit", "priceAdapterName", "priceAdapterConfigData"])
        XCTAssertEqual(start.inputs[3].internalType, "struct AuctionRebalanceModuleV1.AuctionExecutionParams[]")
        XCTAssertEqual(try start.encodeCall(startRebalanceArguments), startRebalanceCalldata)

        let preview = try XCTUnwrap(module.function(named: "getBidPreview"))
        XCTAssertEqual(preview.stateMutability, .view)
        XCTAssertEqual(preview.outputs.map(\.type.canonicalName),
                       ["(address,address,address,address,bytes,bool,uint256,uint256,uint256,uint256,uint256,uint256,uint256)"])
        XCTAssertEqual(module.function("bid(address,address,address,uint256,uint256,bool)")?.selector.description, "0x6db4a262")

        let exponential = try load("BoundedStepwiseExponentialPriceAdapter.json")
        XCTAssertEqual(exponential.error(named: "MulWadFailed")?.selector.description, "0xbac65e5b")
        XCTAssertEqual(exponential.error(named: "ExpOverflow")?.selector.description, "0xa37bfec9")
        XCTAssertEqual(exponential.error(selector: ABISelector(rawValue: 0x1615_e638))?.name, "LnWadUndefined")
    }

    func testArtifactsLegacyFieldsAndOverloads() throws {
        let json = """
        {"contractName": "X", "abi": [
          {"type": "function", "name": "f", "inputs": [{"name": "a", "type": "uint256"}], "outputs": [], "constant": true},
          {"type": "function", "name": "f", "inputs": [{"name": "a", "type": "bytes32"}], "outputs": [], "payable": true},
          {"name": "g", "inputs": [{"name": "s", "type": "tuple[2][]", "components": [{"name": "x", "type": "int8"}, {"name": "y", "type": "tuple", "components": [{"name": "z", "type": "string"}]}]}]},
          {"type": "event", "name": "E", "inputs": [{"name": "a", "type": "address", "indexed": true}], "anonymous": true},
          {"type": "fallback", "stateMutability": "payable"},
          {"type": "receive", "stateMutability": "payable"}
        ]}
        """
        let abi = try ContractABI(json: Data(json.utf8))
        XCTAssertEqual(abi.functions(named: "f").map(\.stateMutability), [.view, .payable])
        XCTAssertNil(abi.function(named: "f"), "overloaded names need a signature")
        XCTAssertEqual(abi.function("f(bytes32)")?.inputs.first?.type, .fixedBytes(32))
        let g = try XCTUnwrap(abi.function(named: "g"))
        XCTAssertEqual(g.canonicalSignature, "g((int8,(string))[2][])")
        XCTAssertEqual(g.inputs[0].components.map(\.name), ["x", "y"])
        XCTAssertEqual(g.inputs[0].components[1].components.map(\.name), ["z"])
        XCTAssertEqual(abi.events.first?.anonymous, true)
        XCTAssertNil(abi.event(topic0: abi.events[0].topic0), "anonymous events have no topic0")
        XCTAssertEqual(abi.fallback, .payable)
        XCTAssertTrue(abi.hasReceive)
    }

    func testMalformedFilesNameTheEntryAndRule() {
        let cases: [(String, String)] = [
            ("{", "invalid JSON ABI at the document: not valid JSON"),
            ("{\"x\": 1}", "invalid JSON ABI at the document: expected an array of ABI entries or an object with an \"abi\" array"),
            ("[1]", "invalid JSON ABI at entry 0: expected an object"),
            ("[{\"type\": \"modifier\", \"name\": \"m\"}]", "invalid JSON ABI at entry 0 (modifier m): unknown entry type \"modifier\" (expected function, event, error, constructor, fallback or receive)"),
            ("[{\"type\": \"function\", \"name\": \"f\", \"inputs\": [{\"name\": \"a\", \"type\": \"uint7\"}]}]",
             "invalid JSON ABI at entry 0 (function f) inputs[0] (a): invalid type \"uint7\": uint7: the bit size of uint must be a multiple of 8 in 8...256"),
            ("[{\"type\": \"function\", \"name\": \"f\", \"inputs\": [{\"name\": \"a\", \"type\": \"tuple[]\"}]}]",
             "invalid JSON ABI at entry 0 (function f) inputs[0] (a): type \"tuple[]\" needs \"components\""),
            ("[{\"type\": \"function\", \"name\": \"f\", \"inputs\": [{\"name\": \"a\"}]}]",
             "invalid JSON ABI at entry 0 (function f) inputs[0] (a): missing \"type\""),
            ("[{\"type\": \"function\", \"name\": \"f\", \"inputs\": [{\"name\": \"a\", \"type\": \"bool\", \"indexed\": true}]}]",
             "invalid JSON ABI at entry 0 (function f) inputs[0] (a): \"indexed\" is only allowed on event inputs"),
            ("[{\"type\": \"function\", \"name\": \"f\", \"stateMutability\": \"free\"}]",
             "invalid JSON ABI at entry 0 (function f): \"stateMutability\" must be pure, view, nonpayable or payable"),
            ("[{\"type\": \"event\", \"name\": \"E\", \"anonymous\": 1}]", "invalid JSON ABI at entry 0 (event E): \"anonymous\" must be true or false"),
            ("[{\"type\": \"function\"}]", "invalid JSON ABI at entry 0 (function): a function needs a name"),
        ]
        for (json, message) in cases {
            XCTAssertThrowsError(try ContractABI(json: Data(json.utf8)), json) { error in
                XCTAssertTrue("\(error)".hasPrefix(message), "\(error)")
            }
        }
    }
}
