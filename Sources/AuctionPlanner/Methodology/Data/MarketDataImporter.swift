import Foundation

/// Reads the supported market-data formats (`methodology.md` §5), detected from the content:
/// - CoinGecko `/coins/markets` JSON (array of objects; a one-day snapshot per asset),
/// - CoinGecko `/coins/{id}/market_chart` JSON (`prices`, `market_caps`, `total_volumes`),
/// - the CoinGecko CSV export `snapped_at,price,market_cap,total_volume`,
/// - the long CSV `asset_id,date,close_usd,market_cap_usd,volume_usd[,circulating_supply][,fdv_usd][,source]`,
/// - Yahoo (`Date,Open,High,Low,Close,Adj Close,Volume`) and Stooq (`Date,Open,High,Low,Close,Volume`) daily CSV.
///
/// Single-asset files take their asset id from `assetId`, else from the file name up to its first dot.
public enum MarketDataImporter {
    /// Parses `text` read from `file`. `metadata` supplies equity share counts; `kindHint`
    /// says whether a single-asset file is an equity. Throws on the first malformed row, naming
    /// file, line (or JSON path) and field.
    public static func importText(_ text: String, file: String, assetId: String? = nil,
                                  metadata: [String: AssetMetadata] = [:],
                                  kindHint: AssetMetadata.Kind? = nil) throws(InputFileError) -> ImportedMarketData {
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" }
        let id = assetId ?? defaultAssetId(file)
        switch trimmed.first {
        case "[":
            return try CoinGeckoMarkets.parse(Data(trimmed.utf8), file: file)
        case "{":
            return try CoinGeckoMarketChart.parse(Data(trimmed.utf8), file: file, assetId: id)
        default:
            let records = try CSVReader.records(String(trimmed), file: file)
            guard let header = records.first else {
                throw InputFileError(file: file, line: nil, field: "(header)", value: "", rule: "the file has no header line")
            }
            let names = header.fields.map { $0.trimmingSpaces.lowercased() }
            if names.first == "snapped_at" {
                return try CoinGeckoCSV.parse(records, names: names, file: file, assetId: id)
            }
            if names.first == "asset_id" {
                return try LongCSV.parse(records, names: names, file: file)
            }
            if names.first == "date", names.contains("close") {
                let meta = metadata[id]
                return try EquityCSV.parse(records, names: names, file: file, assetId: id,
                                           shares: meta?.sharesOutstanding, kind: kindHint ?? meta?.kind ?? .equity)
            }
            throw InputFileError(file: file, line: header.line, field: "(header)", value: header.fields.joined(separator: ","),
                                 rule: "unknown CSV format (expected snapped_at,…; asset_id,date,…; or Date,Open,High,Low,Close,…)")
        }
    }

    static func defaultAssetId(_ file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return String(name.split(separator: ".", maxSplits: 1).first ?? Substring(name))
    }
}

/// Column lookup for a CSV header.
struct CSVColumns {
    let names: [String]
    let file: String
    let headerLine: Int

    func index(_ name: String, required: Bool) throws(InputFileError) -> Int? {
        if let i = names.firstIndex(of: name) { return i }
        if required {
            throw InputFileError(file: file, line: headerLine, field: "(header)", value: names.joined(separator: ","),
                                 rule: "missing column '\(name)'")
        }
        return nil
    }

    /// The numeric value of column `index` in `record`; nil when empty or `null`; throws when not a
    /// finite non-negative number.
    func value(_ record: CSVReader.Record, _ index: Int?, allowNull: Bool = true) throws(InputFileError) -> Double? {
        guard let index else { return nil }
        guard index < record.fields.count else {
            throw InputFileError(file: file, line: record.line, field: names[index], value: "",
                                 rule: "row has \(record.fields.count) fields, header has \(names.count)")
        }
        let raw = record.fields[index].trimmingSpaces
        if allowNull, raw.isEmpty || raw == "null" || raw == "NaN" { return nil }
        guard let v = CSVReader.number(raw) else {
            throw InputFileError(file: file, line: record.line, field: names[index], value: String(raw), rule: "not a finite number")
        }
        guard v >= 0 else {
            throw InputFileError(file: file, line: record.line, field: names[index], value: String(raw), rule: "must not be negative")
        }
        return v
    }

    func checkWidth(_ record: CSVReader.Record) throws(InputFileError) {
        guard record.fields.count == names.count else {
            throw InputFileError(file: file, line: record.line, field: "(record)", value: record.fields.joined(separator: ","),
                                 rule: "row has \(record.fields.count) fields, header has \(names.count)")
        }
    }
}

/// Timestamp handling shared by the CoinGecko formats: daily points are stamped 00:00 UTC;
/// a non-midnight *last* point is the intraday snapshot (dropped and reported); any other
/// non-midnight point means the series is not daily (an error).
enum DailyStamp {
    static func check(milliseconds ms: Int64, isLast: Bool, file: String, line: Int?, field: String, value: String,
                      assetId: String, issues: inout [DataIssue]) throws(InputFileError) -> Day? {
        let day = Day(unixSeconds: ms / 1000)
        if ms == day.unixSeconds * 1000 { return day }
        if isLast {
            issues.append(DataIssue(assetId: assetId, file: file, kind: .intradayPointDropped(day)))
            return nil
        }
        throw InputFileError(file: file, line: line, field: field, value: value,
                             rule: "not a daily series: timestamp is not 00:00 UTC (use interval=daily)")
    }
}
