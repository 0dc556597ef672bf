import ChainModel
import Foundation

/// An input file's identity in the plan document: its role, the path given and the Keccak-256 of
/// its bytes, so a reviewer can check that a plan was made from exactly these files.
public struct InputFileDigest: Sendable, Hashable {
    /// `snapshot`, `weights`, `prices` or `policy`.
    public var role: String
    /// The path as given on the command line.
    public var path: String
    /// Keccak-256 of the file bytes.
    public var keccak256: Bytes32

    /// The digest of `bytes` read from `path`.
    public init(role: String, path: String, bytes: Data) {
        self.role = role
        self.path = path
        self.keccak256 = Keccak256.hash(bytes)
    }

    /// A digest with a known hash.
    public init(role: String, path: String, keccak256: Bytes32) {
        self.role = role; self.path = path; self.keccak256 = keccak256
    }
}

/// Everything a plan is computed from, already parsed; the planner does no I/O.
public struct PlanInputs: Sendable {
    /// The SetToken state at a pinned block.
    public var snapshot: SetTokenSnapshot
    /// Target weights (`rebalancer/weights@1`).
    public var weights: WeightsFile
    /// Prices (`rebalancer/prices@1`).
    public var prices: PriceSheet
    /// The policy (`rebalancer/policy@1`).
    public var policy: RebalancePolicy
    /// The files the inputs came from (recorded in the plan; their paths name the files in errors).
    public var files: [InputFileDigest]

    /// Creates the inputs.
    public init(snapshot: SetTokenSnapshot, weights: WeightsFile, prices: PriceSheet, policy: RebalancePolicy,
                files: [InputFileDigest]) {
        self.snapshot = snapshot; self.weights = weights; self.prices = prices; self.policy = policy; self.files = files
    }

    /// The path of the file with `role` (the role itself when unknown), for error messages.
    func path(_ role: String) -> String { files.first { $0.role == role }?.path ?? role }
}
