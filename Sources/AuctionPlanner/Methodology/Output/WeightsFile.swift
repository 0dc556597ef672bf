import ChainModel
import Foundation

/// The weights file the auction engine reads (format `rebalancer/weights@1`), stable and documented:
/// ```json
/// {
///   "format": "rebalancer/weights@1",
///   "methodology": { "name": "icAI", "hash": "0x<keccak256 of the methodology file bytes>" },
///   "as_of": "2024-03-27",
///   "chain": "ethereum",
///   "weights": [
///     { "asset_id": "render-token", "symbol": "RNDR", "address": "0x6De0…Eb24", "decimals": 18,
///       "weight": "0.248062555271463180" }
///   ]
/// }
/// ```
/// - `weights` lists the constituents by decreasing weight (ties by id); `address`/`decimals` are
///   `null` when the metadata does not give them.
/// - `weight` is a decimal string with exactly 18 fractional digits: the `Double` weight rounded to
///   the nearest 1e-18. The `Double` weights sum to 1 within 1e-12, so the strings do too.
public struct WeightsFile: Equatable, Sendable {
    /// The format tag this version writes and accepts.
    public static let format = "rebalancer/weights@1"

    /// One constituent.
    public struct Entry: Equatable, Sendable {
        /// Asset id.
        public var assetId: String
        /// Ticker symbol.
        public var symbol: String
        /// Contract address on `chain`, if known.
        public var address: Address?
        /// Token decimals, if known.
        public var decimals: Int?
        /// Weight as the 18-decimal string.
        public var weight: String

        /// An entry with the given fields.
        public init(assetId: String, symbol: String, address: Address?, decimals: Int?, weight: String) {
            self.assetId = assetId
            self.symbol = symbol
            self.address = address
            self.decimals = decimals
            self.weight = weight
        }
    }

    /// Methodology name.
    public var methodologyName: String
    /// Methodology hash.
    public var methodologyHash: Bytes32
    /// Snapshot day.
    public var asOf: Day
    /// Chain of the addresses.
    public var chain: String
    /// Constituents.
    public var entries: [Entry]

    /// The weights file of a report.
    public init(report: WeightsReport) {
        methodologyName = report.methodologyName
        methodologyHash = report.methodologyHash
        asOf = report.asOf
        chain = report.chain
        entries = report.constituents.map {
            Entry(assetId: $0.assetId, symbol: $0.symbol, address: $0.address, decimals: $0.decimals, weight: Self.decimalString($0.weight))
        }
    }

    /// A file with the given fields.
    public init(methodologyName: String, methodologyHash: Bytes32, asOf: Day, chain: String, entries: [Entry]) {
        self.methodologyName = methodologyName
        self.methodologyHash = methodologyHash
        self.asOf = asOf
        self.chain = chain
        self.entries = entries
    }

    /// The constituents as `(token address, weight)` pairs in file order, the input of
    /// `TargetWeights(fractions:)`.
    /// - Throws: `InputFileError` naming the entry when an address is missing (`null`).
    public func tokenWeights() throws(InputFileError) -> [(token: Address, weight: Double)] {
        var out: [(token: Address, weight: Double)] = []
        for (i, e) in entries.enumerated() {
            guard let address = e.address else {
                throw InputFileError(file: "weights", line: nil, field: "weights[\(i)].address", value: e.assetId,
                                     rule: "no \(chain) address: the auction needs a token address for every constituent")
            }
            out.append((address, Double(e.weight)!))
        }
        return out
    }

    /// `w` with exactly 18 fractional digits (nearest), e.g. `0.250000000000000000`.
    public static func decimalString(_ w: Double) -> String { String(format: "%.18f", w) }

    /// The JSON text (keys in the documented order, two-space indentation, trailing newline).
    public func encoded() -> String {
        var s = "{\n"
        s += "  \"format\": \(JSONStringLiteral.quoted(Self.format)),\n"
        s += "  \"methodology\": { \"name\": \(JSONStringLiteral.quoted(methodologyName)), \"hash\": \"\(methodologyHash)\" },\n"
        s += "  \"as_of\": \"\(asOf)\",\n"
        s += "  \"chain\": \(JSONStringLiteral.quoted(chain)),\n"
        s += "  \"weights\": ["
        for (i, e) in entries.enumerated() {
            s += i == 0 ? "\n" : ",\n"
            s += "    { \"asset_id\": \(JSONStringLiteral.quoted(e.assetId)), \"symbol\": \(JSONStringLiteral.quoted(e.symbol)), "
            s += "\"address\": \(e.address.map { "\"\($0.checksummed)\"" } ?? "null"), "
            s += "\"decimals\": \(e.decimals.map(String.init) ?? "null"), \"weight\": \"\(e.weight)\" }"
        }
        s += entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return s
    }

    /// Parses a weights file strictly: the format tag, every key, address checksums, the day, and
    /// each weight as a decimal string in [0, 1].
    /// - Throws: `InputFileError` naming the JSON path of the first problem.
    public static func parse(_ data: Data, file: String) throws(InputFileError) -> WeightsFile {
        func fail(_ field: String, _ value: String, _ rule: String) -> InputFileError {
            InputFileError(file: file, line: nil, field: field, value: value, rule: rule)
        }
        guard data.count <= 16 << 20, let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw fail("(root)", "", "not a JSON object (or larger than 16 MiB)")
        }
        let allowed: Set<String> = ["format", "methodology", "as_of", "chain", "weights"]
        if let extra = root.keys.first(where: { !allowed.contains($0) }) { throw fail(extra, extra, "unknown key") }
        guard let format = root["format"] as? String, format == Self.format else {
            throw fail("format", "\(root["format"] ?? "null")", "expected \(Self.format)")
        }
        guard let m = root["methodology"] as? [String: Any], let name = m["name"] as? String, let hashText = m["hash"] as? String,
              let hash = try? Bytes32(hex: hashText) else {
            throw fail("methodology", "", "expected { name, hash (0x + 64 hex digits) }")
        }
        guard let asOfText = root["as_of"] as? String, let asOf = Day(iso: asOfText) else {
            throw fail("as_of", "\(root["as_of"] ?? "null")", "expected YYYY-MM-DD")
        }
        guard let chain = root["chain"] as? String else { throw fail("chain", "", "expected a string") }
        guard let list = root["weights"] as? [[String: Any]] else { throw fail("weights", "", "expected an array of objects") }
        var entries: [Entry] = []
        for (i, item) in list.enumerated() {
            let path = "weights[\(i)]"
            guard let id = item["asset_id"] as? String, !id.isEmpty else { throw fail("\(path).asset_id", "", "expected a non-empty string") }
            guard let symbol = item["symbol"] as? String else { throw fail("\(path).symbol", "", "expected a string") }
            var address: Address?
            if let a = item["address"] as? String {
                do { address = try Address(a) } catch { throw fail("\(path).address", a, "\(error)") }
            } else if !(item["address"] is NSNull) {
                throw fail("\(path).address", "", "expected an address or null")
            }
            var decimals: Int?
            if let d = item["decimals"] as? Int, (0...77).contains(d) { decimals = d }
            else if !(item["decimals"] is NSNull) { throw fail("\(path).decimals", "\(item["decimals"] ?? "")", "expected 0…77 or null") }
            guard let w = item["weight"] as? String, let v = CSVReader.number(Substring(w)), v >= 0, v <= 1,
                  w.allSatisfy({ $0.isNumber || $0 == "." }) else {
                throw fail("\(path).weight", "\(item["weight"] ?? "null")", "expected a decimal string in [0, 1]")
            }
            entries.append(Entry(assetId: id, symbol: symbol, address: address, decimals: decimals, weight: w))
        }
        return WeightsFile(methodologyName: name, methodologyHash: hash, asOf: asOf, chain: chain, entries: entries)
    }
}

/// Writes files atomically: the bytes go to a temporary file in the same directory, which is then
/// renamed over the destination, so readers never see a half-written file.
public enum AtomicFile {
    /// Writes `text` to `path` atomically.
    /// - Throws: `InputFileError` naming the path when the directory is not writable.
    public static func write(_ text: String, to path: String) throws(InputFileError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputFileError(file: path, line: nil, field: "(output)", value: path, rule: "cannot write: \(error.localizedDescription)")
        }
    }
}
