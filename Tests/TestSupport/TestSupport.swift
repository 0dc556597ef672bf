import Foundation

/// Paths and processes shared by the test targets.
public enum TestSupport {
    /// The repository root (found from this file's location).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The pinned Python interpreter of the test environment (`scripts/setup-test-env` makes it):
    /// `$REBALANCER_TEST_PYTHON`, else `<repo>/.venv/bin/python`.
    public static var python: URL {
        if let override = ProcessInfo.processInfo.environment["REBALANCER_TEST_PYTHON"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return repositoryRoot.appendingPathComponent(".venv/bin/python")
    }

    /// The directory holding the built products (`.build/debug` during `swift test`).
    public static var productsDirectory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    /// What a finished subprocess left behind.
    public struct ProcessResult {
        public var status: Int32
        public var standardOutput: Data
        public var standardError: Data
        public var stdout: String { String(decoding: standardOutput, as: UTF8.self) }
        public var stderr: String { String(decoding: standardError, as: UTF8.self) }
    }

    public enum Failure: Error, CustomStringConvertible {
        case missingExecutable(String)
        case failed(command: String, status: Int32, stderr: String)
        public var description: String {
            switch self {
            case let .missingExecutable(path):
                return "\(path) does not exist: run scripts/setup-test-env first"
            case let .failed(command, status, stderr):
                return "\(command) exited with \(status): \(stderr)"
            }
        }
    }

    /// Runs `executable` with `arguments`, feeding `input` on standard input, and waits.
    /// Output is drained concurrently so large outputs cannot deadlock the pipe.
    public static func run(_ executable: URL, _ arguments: [String], input: Data? = nil,
                           environment: [String: String]? = nil) throws -> ProcessResult {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw Failure.missingExecutable(executable.path)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        let outData = DataBox(), errData = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData.data = stdout.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData.data = stderr.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return ProcessResult(status: process.terminationStatus, standardOutput: outData.data, standardError: errData.data)
    }

    /// One reader thread writes, the caller reads after `DispatchGroup.wait()`: no overlap.
    private final class DataBox: @unchecked Sendable { var data = Data() }

    /// Runs a Python script of `Tests/python/` with the pinned interpreter and returns its
    /// standard output. Throws when the script exits non-zero.
    public static func runPython(script: String, _ arguments: [String], input: Data? = nil) throws -> Data {
        let path = repositoryRoot.appendingPathComponent("Tests/python").appendingPathComponent(script).path
        let result = try run(python, [path] + arguments, input: input)
        guard result.status == 0 else {
            throw Failure.failed(command: "python \(script) \(arguments.joined(separator: " "))", status: result.status, stderr: result.stderr)
        }
        return result.standardOutput
    }

    /// Runs the built `rebalancer` program.
    public static func runRebalancer(_ arguments: [String], input: Data? = nil,
                                     environment: [String: String]? = nil) throws -> ProcessResult {
        try run(productsDirectory.appendingPathComponent("rebalancer"), arguments, input: input, environment: environment)
    }
}
