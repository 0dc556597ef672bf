import ChainModel
import Foundation

/// One field where what was checked differs from what the plan's inputs imply.
public struct AuditDifference: Hashable, Sendable, CustomStringConvertible {
    /// The field (`chainId`, `to`, `_oldComponentsAuctionParams[2].targetUnit`, `inputs.weights.keccak256`).
    public var field: String
    /// The value the recomputed plan implies (`(absent)` when it has no such field).
    public var expected: String
    /// The value found (`(absent)` when missing).
    public var actual: String

    /// Creates a difference.
    public init(field: String, expected: String, actual: String) {
        self.field = field; self.expected = expected; self.actual = actual
    }

    /// `field: expected X, found Y`.
    public var description: String { "\(field): expected \(expected), found \(actual)" }
}

/// The input files a plan document records: role, path and Keccak-256.
public struct RecordedInputs: Sendable {
    /// `snapshot`, `weights`, `prices`, `policy`, each with the recorded path and hash.
    public var files: [InputFileDigest]

    /// Reads `inputs` of a plan document (`rebalancer/plan@1`).
    /// - Throws: `InputFileError` naming the JSON path of a missing or malformed entry.
    public static func parse(_ data: Data, file: String) throws(InputFileError) -> RecordedInputs {
        let root = try InputNode.document(data, file: file, yaml: false)
        let format = try root.field("format")
        guard try format.string() == RebalancePlan.format else { throw format.fail("expected \(RebalancePlan.format)") }
        let inputs = try root.field("inputs")
        var files: [InputFileDigest] = []
        for role in ["snapshot", "weights", "prices", "policy"] {
            let entry = try inputs.field(role)
            files.append(InputFileDigest(role: role, path: try entry.field("path").string(), keccak256: try entry.field("keccak256").bytes32()))
        }
        return RecordedInputs(files: files)
    }

    /// The differences between the recorded hashes and those of `actual` (same roles), in role order.
    public func hashDifferences(_ actual: [InputFileDigest]) -> [AuditDifference] {
        files.compactMap { recorded in
            guard let found = actual.first(where: { $0.role == recorded.role }) else {
                return AuditDifference(field: "inputs.\(recorded.role).keccak256", expected: recorded.keccak256.description, actual: "(absent)")
            }
            return found.keccak256 == recorded.keccak256 ? nil
                : AuditDifference(field: "inputs.\(recorded.role).keccak256 (\(recorded.path))",
                                  expected: recorded.keccak256.description, actual: found.keccak256.description)
        }
    }
}

/// Field-by-field comparison of a plan document, calldata and transactions with a recomputed plan.
public enum PlanVerifier {
    /// The differences between the plan document given (`recorded`) and the one recomputed from its
    /// inputs, by JSON path (`trades[3].target_unit`), in the recomputed document's order.
    /// - Returns: no differences when the two documents are the same JSON value.
    public static func documentDifferences(recorded: Data, recomputed plan: RebalancePlan) -> [AuditDifference] {
        let expected = flattenJSON(try? JSONSerialization.jsonObject(with: Data(plan.document.encoded().utf8)), path: "")
        let actual = flattenJSON(try? JSONSerialization.jsonObject(with: recorded), path: "")
        return differences(expected, actual)
    }

    /// Compares a call (and, when given, its target and chain id) with the planned transaction that
    /// calls the same function; the calldata of both is decoded with `catalog` so every argument and
    /// every adapter parameter is compared by name.
    ///
    /// - Returns: the differences; `function` alone when the plan calls no function with that selector.
    /// - Throws: ``AuditError`` when `calldata` does not decode as a catalog function.
    public static func compare(calldata: [UInt8], to: Address?, chainID: UInt64??, with plan: RebalancePlan,
                               catalog: ContractCatalog) throws(AuditError) -> [AuditDifference] {
        let call = try catalog.decodeCall(calldata)
        var result: [AuditDifference] = []
        if let chainID {
            let expected = String(plan.snapshot.block.chainId)
            let actual = chainID.map { String($0) } ?? "(none: a pre-EIP-155 transaction)"
            if expected != actual { result.append(AuditDifference(field: "chainId", expected: expected, actual: actual)) }
        }
        let candidates = plan.transactions.filter { Array($0.calldata.prefix(4)) == Array(calldata.prefix(4)) }
        guard !candidates.isEmpty else {
            let planned = plan.transactions.map(\.function.canonicalSignature).joined(separator: " or ")
            return result + [AuditDifference(field: "function", expected: planned, actual: call.function.canonicalSignature)]
        }
        let compared: [[AuditDifference]] = candidates.map { planned in
            var found: [AuditDifference] = []
            if let to, to != planned.to {
                found.append(AuditDifference(field: "to", expected: planned.to.checksummed, actual: to.checksummed))
            }
            let expectedFields = (try? catalog.decodeCall(planned.calldata).fields) ?? []
            found += differences(expectedFields.map { ($0.path, $0.value) }, call.fields.map { ($0.path, $0.value) })
            return found
        }
        return result + (compared.min { $0.count < $1.count } ?? [])
    }

    /// Whether the plan still fits the chain as `live` reads it now: same chain, the same components
    /// in the same `getComponents()` order, the same position multiplier (a streaming-fee accrual
    /// moves it and the planned units no longer hold), the module still attached, and no other
    /// rebalance in progress (one whose quote asset, duration and position multiplier equal the
    /// plan's is taken as this plan's own, already started).
    ///
    /// - Returns: the differences, fields named `chain.<what>`; none when the plan fits.
    public static func chainFit(of plan: RebalancePlan, live: SetTokenSnapshot) -> [AuditDifference] {
        let recorded = plan.snapshot
        var result: [AuditDifference] = []
        func check(_ field: String, _ expected: String, _ actual: String) {
            if expected != actual { result.append(AuditDifference(field: "chain." + field, expected: expected, actual: actual)) }
        }
        check("chain_id", String(recorded.block.chainId), String(live.block.chainId))
        check("components", recorded.components.map(\.address.checksummed).joined(separator: ","),
              live.components.map(\.address.checksummed).joined(separator: ","))
        check("position_multiplier", recorded.positionMultiplier.description, live.positionMultiplier.description)
        guard let module = live.module, module.isInitialized else {
            check("module", plan.policy.module.checksummed + " (initialized)", live.module.map { $0.address.checksummed + " (not initialized)" } ?? "(not read)")
            return result
        }
        let info = module.rebalance
        let now = UInt256(live.block.timestamp)
        // now < start + duration, without overflowing on hostile values.
        if !info.startTime.isZero && (now < info.startTime || now - info.startTime < info.duration) {
            let ours = info.quoteAsset == plan.policy.quoteAsset && info.duration == UInt256(plan.policy.durationSeconds)
                && info.positionMultiplier == plan.arguments.initialPositionMultiplier
            if !ours {
                check("rebalance_in_progress", "false", "true (started at \(info.startTime), for \(info.duration) s, quote \(info.quoteAsset.checksummed))")
            }
        }
        return result
    }

    /// The differences between two ordered path → value lists: changed values, then paths only one side has.
    static func differences(_ expected: [(String, String)], _ actual: [(String, String)]) -> [AuditDifference] {
        let actualByPath = Dictionary(actual, uniquingKeysWith: { first, _ in first })
        let expectedPaths = Set(expected.map(\.0))
        var result: [AuditDifference] = []
        for (path, value) in expected {
            let found = actualByPath[path]
            if found != value { result.append(AuditDifference(field: path, expected: value, actual: found ?? "(absent)")) }
        }
        for (path, value) in actual where !expectedPaths.contains(path) {
            result.append(AuditDifference(field: path, expected: "(absent)", actual: value))
        }
        return result
    }

    private static func flattenJSON(_ value: Any?, path: String) -> [(String, String)] {
        switch value {
        case let object as [String: Any]:
            return object.keys.sorted().flatMap { key in flattenJSON(object[key], path: path.isEmpty ? key : path + "." + key) }
        case let array as [Any]:
            return [(path + ".length", String(array.count))]
                + array.enumerated().flatMap { index, item in flattenJSON(item, path: "\(path)[\(index)]") }
        case let text as String:
            return [(path, String(reflecting: text))]
        case let number as NSNumber:
            let isBool = String(cString: number.objCType) == "c"
            return [(path, isBool ? (number.boolValue ? "true" : "false") : number.stringValue)]
        case nil, is NSNull:
            return [(path, "null")]
        default:
            return [(path, String(describing: value!))]
        }
    }
}
