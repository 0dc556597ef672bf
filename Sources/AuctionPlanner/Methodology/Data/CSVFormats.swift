/// The CoinGecko website CSV export: `snapped_at,price,market_cap,total_volume`,
/// rows like `2013-04-28 00:00:00 UTC,135.3,1500517590,0`.
enum CoinGeckoCSV {
    static func parse(_ records: [CSVReader.Record], names: [String], file: String, assetId: String) throws(InputFileError) -> ImportedMarketData {
        let columns = CSVColumns(names: names, file: file, headerLine: records[0].line)
        let price = try columns.index("price", required: true)
        let marketCap = try columns.index("market_cap", required: true)
        let volume = try columns.index("total_volume", required: true)
        var out = ImportedMarketData()
        var rows: [(line: Int?, observation: DailyObservation)] = []
        let body = records.dropFirst()
        for (offset, record) in body.enumerated() {
            try columns.checkWidth(record)
            let stamp = record.fields[0].trimmingSpaces
            guard let seconds = parseStamp(stamp) else {
                throw InputFileError(file: file, line: record.line, field: "snapped_at", value: String(stamp),
                                     rule: "expected 'YYYY-MM-DD HH:MM:SS UTC'")
            }
            guard let day = try DailyStamp.check(milliseconds: seconds * 1000, isLast: offset == body.count - 1, file: file,
                                                 line: record.line, field: "snapped_at", value: String(stamp),
                                                 assetId: assetId, issues: &out.issues) else { continue }
            rows.append((record.line, DailyObservation(day: day, close: try columns.value(record, price),
                                                       marketCap: try columns.value(record, marketCap),
                                                       volume: try columns.value(record, volume))))
        }
        var issues: [DataIssue] = []
        out.histories.append(try AssetHistory.build(assetId: assetId, file: file, kind: .token, rows: rows, issues: &issues))
        out.issues += issues
        return out
    }

    /// Seconds since epoch of `YYYY-MM-DD HH:MM:SS UTC` (the ` UTC` suffix optional).
    static func parseStamp(_ text: Substring) -> Int64? {
        var t = text
        if t.hasSuffix(" UTC") { t = t.dropLast(4) }
        guard t.count == 19, let day = Day(iso: t.prefix(10)) else { return nil }
        let time = Array(t.utf8.dropFirst(10))
        guard time[0] == UInt8(ascii: " "), time[3] == UInt8(ascii: ":"), time[6] == UInt8(ascii: ":") else { return nil }
        func two(_ i: Int) -> Int? {
            let a = time[i], b = time[i + 1]
            guard (48...57).contains(a), (48...57).contains(b) else { return nil }
            return Int(a - 48) * 10 + Int(b - 48)
        }
        guard let h = two(1), let m = two(4), let s = two(7), h < 24, m < 60, s < 60 else { return nil }
        return day.unixSeconds + Int64(h * 3600 + m * 60 + s)
    }
}

/// The canonical long CSV (`methodology.md` §5.3):
/// `asset_id,date,close_usd,market_cap_usd,volume_usd[,circulating_supply][,fdv_usd][,source]`.
enum LongCSV {
    static let required = ["asset_id", "date", "close_usd", "market_cap_usd", "volume_usd"]
    static let optional: Set<String> = ["circulating_supply", "fdv_usd", "source"]

    static func parse(_ records: [CSVReader.Record], names: [String], file: String) throws(InputFileError) -> ImportedMarketData {
        let headerLine = records[0].line
        guard names.count >= required.count, Array(names.prefix(required.count)) == required else {
            throw InputFileError(file: file, line: headerLine, field: "(header)", value: names.joined(separator: ","),
                                 rule: "expected the columns \(required.joined(separator: ",")) first")
        }
        for name in names.dropFirst(required.count) where !optional.contains(name) {
            throw InputFileError(file: file, line: headerLine, field: "(header)", value: name,
                                 rule: "unknown column (optional columns: circulating_supply, fdv_usd, source)")
        }
        let columns = CSVColumns(names: names, file: file, headerLine: headerLine)
        let supply = try columns.index("circulating_supply", required: false)
        let fdv = try columns.index("fdv_usd", required: false)
        var rowsByAsset: [String: [(line: Int?, observation: DailyObservation)]] = [:]
        var order: [String] = []
        for record in records.dropFirst() {
            try columns.checkWidth(record)
            let id = String(record.fields[0].trimmingSpaces)
            guard !id.isEmpty else {
                throw InputFileError(file: file, line: record.line, field: "asset_id", value: "", rule: "must not be empty")
            }
            let dateText = record.fields[1].trimmingSpaces
            guard let day = Day(iso: dateText) else {
                throw InputFileError(file: file, line: record.line, field: "date", value: String(dateText), rule: "expected YYYY-MM-DD")
            }
            let o = DailyObservation(day: day, close: try columns.value(record, 2), marketCap: try columns.value(record, 3),
                                     volume: try columns.value(record, 4), circulatingSupply: try columns.value(record, supply),
                                     fullyDilutedValuation: try columns.value(record, fdv))
            if rowsByAsset[id] == nil { order.append(id) }
            rowsByAsset[id, default: []].append((record.line, o))
        }
        var out = ImportedMarketData()
        for id in order {
            var issues: [DataIssue] = []
            out.histories.append(try AssetHistory.build(assetId: id, file: file, kind: .token, rows: rowsByAsset[id]!, issues: &issues))
            out.issues += issues
        }
        return out
    }
}

/// Yahoo Finance (`Date,Open,High,Low,Close,Adj Close,Volume`, either column order, any row
/// order) and Stooq (`Date,Open,High,Low,Close,Volume`) daily CSV. Market cap is
/// `Close × shares_outstanding` when the metadata gives shares; USD volume is `Volume × Close`.
enum EquityCSV {
    static func parse(_ records: [CSVReader.Record], names: [String], file: String, assetId: String,
                      shares: Double?, kind: AssetMetadata.Kind) throws(InputFileError) -> ImportedMarketData {
        let columns = CSVColumns(names: names, file: file, headerLine: records[0].line)
        let close = try columns.index("close", required: true)
        let volume = try columns.index("volume", required: false)
        var rows: [(line: Int?, observation: DailyObservation)] = []
        for record in records.dropFirst() {
            try columns.checkWidth(record)
            let dateText = record.fields[0].trimmingSpaces
            guard let day = Day(iso: dateText) else {
                throw InputFileError(file: file, line: record.line, field: "Date", value: String(dateText), rule: "expected YYYY-MM-DD")
            }
            let c = try columns.value(record, close)
            if c == 0 {
                throw InputFileError(file: file, line: record.line, field: "Close", value: "0", rule: "a close price must be positive")
            }
            let v = try columns.value(record, volume)
            rows.append((record.line, DailyObservation(day: day, close: c, marketCap: shares.flatMap { s in c.map { $0 * s } },
                                                       volume: v.flatMap { v in c.map { v * $0 } })))
        }
        var out = ImportedMarketData()
        out.histories.append(try AssetHistory.build(assetId: assetId, file: file, kind: kind, rows: rows, issues: &out.issues))
        return out
    }
}
