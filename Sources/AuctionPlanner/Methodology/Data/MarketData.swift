import Foundation

/// All market data and asset metadata the methodology reads, with the data issues found
/// while importing (`methodology.md` §5).
public struct MarketData: Sendable {
    /// Daily history per asset id.
    public var histories: [String: AssetHistory]
    /// Metadata per asset id.
    public var metadata: [String: AssetMetadata]
    /// Issues found while importing, in file order.
    public var issues: [DataIssue]

    /// Market data from already-built histories and metadata.
    public init(histories: [String: AssetHistory] = [:], metadata: [String: AssetMetadata] = [:], issues: [DataIssue] = []) {
        self.histories = histories
        self.metadata = metadata
        self.issues = issues
    }

    /// Adds an imported file's histories (merging with existing ones), metadata (kept when the
    /// asset already has some) and issues.
    public mutating func add(_ imported: ImportedMarketData) {
        for h in imported.histories {
            if var existing = histories[h.assetId] {
                existing.merge(h)
                histories[h.assetId] = existing
            } else {
                histories[h.assetId] = h
            }
        }
        for m in imported.metadata where metadata[m.id] == nil { metadata[m.id] = m }
        issues += imported.issues
    }

    /// Loads the metadata file (if any) and every data file, then derives equity market caps
    /// (`close × shares_outstanding`) and USD volumes for equity price files.
    /// A data path may be `ID=PATH` to name the asset of a single-asset file.
    /// Throws the first malformed file's error.
    public static func load(dataPaths: [String], metadataPath: String?) throws(InputFileError) -> MarketData {
        var data = MarketData()
        if let metadataPath {
            let text = try readText(metadataPath)
            for m in try AssetMetadata.parseFile(text, file: metadataPath) { data.metadata[m.id] = m }
        }
        for spec in dataPaths {
            var path = spec, assetId: String?
            if let eq = spec.firstIndex(of: "="), !spec[..<eq].contains("/") {
                assetId = String(spec[..<eq])
                path = String(spec[spec.index(after: eq)...])
            }
            let text = try readText(path)
            let kindHint = assetId.flatMap { data.metadata[$0]?.kind }
            data.add(try MarketDataImporter.importText(text, file: path, assetId: assetId, metadata: data.metadata, kindHint: kindHint))
        }
        return data
    }

    /// Reads a UTF-8 text file of at most 512 MiB.
    static func readText(_ path: String) throws(InputFileError) -> String {
        let url = URL(fileURLWithPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size else {
            throw InputFileError(file: path, line: nil, field: "(file)", value: path, rule: "cannot read the file")
        }
        guard size <= CSVReader.maximumBytes else {
            throw InputFileError(file: path, line: nil, field: "(file)", value: "\(size) bytes", rule: "file larger than 512 MiB")
        }
        guard let data = try? Data(contentsOf: url) else {
            throw InputFileError(file: path, line: nil, field: "(file)", value: path, rule: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputFileError(file: path, line: nil, field: "(file)", value: path, rule: "not UTF-8 text")
        }
        return text
    }
}

/// What one data file contributed.
public struct ImportedMarketData: Sendable {
    /// Histories read from the file.
    public var histories: [AssetHistory] = []
    /// Metadata the file carries (CoinGecko `/coins/markets`: symbol and name).
    public var metadata: [AssetMetadata] = []
    /// Issues found.
    public var issues: [DataIssue] = []

    /// An empty import.
    public init() {}
}

extension MarketData {
    /// Reads a UTF-8 text file of at most 512 MiB.
    /// - Throws: `InputFileError` naming the path when it is missing, too large or not UTF-8.
    public static func readText(path: String) throws(InputFileError) -> String { try readText(path) }

    /// The last day any history has an observation, or nil when there is none.
    public var lastDay: Day? { histories.values.compactMap { $0.observations.last?.day }.max() }
}
