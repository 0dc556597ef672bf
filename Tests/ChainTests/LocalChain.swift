import Foundation
import XCTest
import ChainModel
import TestSupport

/// A Python helper (`Tests/python/chain/server.py` or `proxy.py`) started on port 0 for one test.
/// It is killed by `stop()` (call it in tearDown) and exits on its own if the test process dies.
final class LocalProcess {
    let process: Process
    let port: Int
    let directory: URL
    private let errorPipe = Pipe()

    init(script: String, arguments: [String]) throws {
        let python = TestSupport.python
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw TestSupport.Failure.missingExecutable(python.path)
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rebalancer-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let portFile = directory.appendingPathComponent("port")
        let scriptPath = TestSupport.repositoryRoot.appendingPathComponent("Tests/python/chain").appendingPathComponent(script).path
        process = Process()
        process.executableURL = python
        process.arguments = [scriptPath, "--port", "0", "--port-file", portFile.path,
                             "--parent-pid", String(ProcessInfo.processInfo.processIdentifier)] + arguments
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while true {
            if let text = try? String(contentsOf: portFile, encoding: .utf8),
               let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                self.port = port
                break
            }
            if !process.isRunning {
                let stderr = String(decoding: errorPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw TestSupport.Failure.failed(command: "python \(script)", status: process.terminationStatus, stderr: stderr)
            }
            if Date() > deadline {
                process.terminate()
                throw TestSupport.Failure.failed(command: "python \(script)", status: -1, stderr: "no port file after 30 s")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The development accounts of the local node: private key i+1 for account i.
enum DevAccount {
    static func privateKey(_ index: Int) -> String {
        let hex = String(index + 1, radix: 16)
        return "0x" + String(repeating: "0", count: 64 - hex.count) + hex
    }
    static let addresses: [Address] = [
        "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf",
        "0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF",
        "0x6813Eb9362372EEF6200f3b1dbC3f819671cBA69",
        "0x1efF47bc3a10a45D4B230B5d10E37751FE6AA718",
    ].map { try! Address($0) }
}

/// A compiled test contract of `Tests/contracts/`.
struct CompiledContract {
    let bytecode: [UInt8]
    let abi: JSONValue

    static func load(_ name: String) throws -> CompiledContract {
        let output = try TestSupport.runPython(script: "chain/contracts.py", [name])
        let json = try JSONValue.parse(Array(output))
        return CompiledContract(bytecode: try Hex.decode(json["bytecode"]?.stringValue ?? "", requirePrefix: true),
                                abi: json["abi"] ?? .null)
    }
}

extension RPCClient {
    /// Deploys `bytecode + constructorArguments` from a development account (the node signs) and
    /// returns the new contract's address.
    func deployFromDevAccount(_ bytecode: [UInt8], constructorArguments: [UInt8] = [], from: Address) throws -> Address {
        let hash = try call("eth_sendTransaction", [.object([
            ("from", .string(from.lowercased)),
            ("input", .string(Hex.encode(bytecode + constructorArguments))),
            ("gas", .string("0x400000")),
        ])])
        let receipt = try transactionReceipt(try RPCQuantity.bytes32(hash, field: "hash"))
        guard let receipt, receipt.succeeded, let address = receipt.contractAddress else {
            throw TestSupport.Failure.failed(command: "deploy", status: 1, stderr: "deployment failed: \(String(describing: receipt))")
        }
        return address
    }
}

/// Minimal ABI words for test calldata (the ABI encoder lives on another branch).
enum Words {
    static func uint(_ value: UInt64) -> [UInt8] { [UInt8](repeating: 0, count: 24) + withUnsafeBytes(of: value.bigEndian, Array.init) }
    static func address(_ value: Address) -> [UInt8] { [UInt8](repeating: 0, count: 12) + value.bytes }
    static func selector(_ signature: String) -> [UInt8] { Array(Keccak256.hash(utf8: signature).bytes.prefix(4)) }
    /// A dynamic `string` argument's tail (length word + padded bytes).
    static func stringTail(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        return uint(UInt64(bytes.count)) + bytes + [UInt8](repeating: 0, count: (32 - bytes.count % 32) % 32)
    }
}

extension LocalProcess {
    /// Writes `text` to `name` in the process's temporary directory and returns the file's path.
    func writeFile(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// A test case with a local chain of its own (`server.py`, chain id 31337), started before each
/// test and stopped after it, and a client of it without retries.
class LocalChainTestCase: XCTestCase {
    /// The node.
    var node: LocalProcess!
    /// A client of the node.
    var rpc: RPCClient!
    /// The node's scratch directory (removed with it).
    var dir: URL! { node.directory }

    override func setUpWithError() throws {
        try super.setUpWithError()
        node = try LocalProcess(script: "server.py", arguments: ["--chain-id", "31337"])
        rpc = try RPCClient(endpoint: try RPCEndpoint(node.url), retryPolicy: .none)
    }

    override func tearDown() {
        rpc = nil
        node?.stop()
        super.tearDown()
    }
}

/// Starts the built `rebalancer` with `arguments` and `environment` in the background (standard
/// output discarded; standard error to `errors`, else discarded) and returns the running process.
func launchRebalancer(_ arguments: [String], environment: [String: String], errors: Pipe? = nil) throws -> Process {
    let process = Process()
    process.executableURL = TestSupport.productsDirectory.appendingPathComponent("rebalancer")
    process.arguments = arguments
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors ?? FileHandle.nullDevice
    try process.run()
    return process
}
