import Foundation

/// CoinGecko `/coins/markets` JSON: one snapshot per asset, dated by `last_updated`.
enum CoinGeckoMarkets {
    struct Row: Decodable {
        var id: String
        var symbol: String?
        var name: String?
        var current_price: Double?
        var market_cap: Double?
        var fully_diluted_valuation: Double?
        var total_volume: Double?
        var circulating_supply: Double?
        var last_updated: String?
    }

    static func parse(_ data: Data, file: String) throws(InputFileError) -> ImportedMarketData {
        let rows: [Row]
        do {
            rows = try JSONDecoder().decode([Row].self, from: data)
        } catch {
            throw jsonError(error, file: file)
        }
        var out = ImportedMarketData()
        var seen = Set<String>()
        for (i, row) in rows.enumerated() {
            let path = "[\(i)]"
            guard !row.id.isEmpty, seen.insert(row.id).inserted else {
                throw InputFileError(file: file, line: nil, field: "\(path).id", value: row.id, rule: "empty or duplicate asset id")
            }
            for (name, v) in [("current_price", row.current_price), ("market_cap", row.market_cap),
                              ("fully_diluted_valuation", row.fully_diluted_valuation), ("total_volume", row.total_volume),
                              ("circulating_supply", row.circulating_supply)] {
                if let v, !(v >= 0 && v.isFinite) {
                    throw InputFileError(file: file, line: nil, field: "\(path).\(name)", value: "\(v)", rule: "must be a non-negative number")
                }
            }
            guard let stamp = row.last_updated, let day = Day(iso: stamp.prefix(10)) else {
                throw InputFileError(file: file, line: nil, field: "\(path).last_updated", value: row.last_updated ?? "null",
                                     rule: "needed to date the snapshot: expected an ISO 8601 time")
            }
            var issues: [DataIssue] = []
            let history = try AssetHistory.build(
                assetId: row.id, file: file, kind: .token,
                rows: [(nil, DailyObservation(day: day, close: row.current_price, marketCap: row.market_cap, volume: row.total_volume,
                                              circulatingSupply: row.circulating_supply, fullyDilutedValuation: row.fully_diluted_valuation))],
                issues: &issues)
            out.histories.append(history)
            out.issues += issues
            out.metadata.append(AssetMetadata(id: row.id, symbol: (row.symbol ?? row.id).uppercased(), name: row.name ?? row.id))
        }
        return out
    }
}

/// CoinGecko `/coins/{id}/market_chart` JSON: `{"prices":[[ms,v],…],"market_caps":…,"total_volumes":…}`.
enum CoinGeckoMarketChart {
    struct Body: Decodable {
        var prices: [[Double?]]
        var market_caps: [[Double?]]?
        var total_volumes: [[Double?]]?
    }

    static func parse(_ data: Data, file: String, assetId: String) throws(InputFileError) -> ImportedMarketData {
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: data)
        } catch {
            throw jsonError(error, file: file)
        }
        var out = ImportedMarketData()
        var byDay: [Day: DailyObservation] = [:]
        func series(_ name: String, _ points: [[Double?]]?, _ set: (inout DailyObservation, Double?) -> Void) throws(InputFileError) {
            guard let points else { return }
            var seen = Set<Day>()
            for (i, point) in points.enumerated() {
                let field = "\(name)[\(i)]"
                guard point.count == 2, let ms = point[0], ms.isFinite, ms >= 0, ms < 1e14, ms == ms.rounded() else {
                    throw InputFileError(file: file, line: nil, field: field, value: "\(point.map { $0.map { "\($0)" } ?? "null" })",
                                         rule: "expected [milliseconds since epoch, value]")
                }
                let msInt = Int64(ms)
                guard let day = try DailyStamp.check(milliseconds: msInt, isLast: i == points.count - 1,
                                                     file: file, line: nil, field: field, value: "\(msInt)", assetId: assetId,
                                                     issues: &out.issues) else { continue }
                guard seen.insert(day).inserted else {
                    throw InputFileError(file: file, line: nil, field: field, value: day.description, rule: "duplicate day")
                }
                if let v = point[1], !(v >= 0 && v.isFinite) {
                    throw InputFileError(file: file, line: nil, field: field, value: "\(v)", rule: "must be a non-negative number")
                }
                var o = byDay[day] ?? DailyObservation(day: day)
                set(&o, point[1])
                byDay[day] = o
            }
        }
        try series("prices", body.prices) { $0.close = $1 }
        try series("market_caps", body.market_caps) { $0.marketCap = $1 }
        try series("total_volumes", body.total_volumes) { $0.volume = $1 }
        var issues: [DataIssue] = []
        out.histories.append(try AssetHistory.build(assetId: assetId, file: file, kind: .token,
                                                     rows: byDay.values.map { (nil, $0) }, issues: &issues))
        out.issues += issues
        return out
    }
}

/// Maps a JSONDecoder failure to an error naming the JSON path.
func jsonError(_ error: Error, file: String) -> InputFileError {
    func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
    switch error {
    case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
        return InputFileError(file: file, line: nil, field: path(context.codingPath), value: "", rule: context.debugDescription)
    case let DecodingError.keyNotFound(key, context):
        return InputFileError(file: file, line: nil, field: path(context.codingPath + [key]), value: "", rule: "missing key")
    case let DecodingError.dataCorrupted(context):
        return InputFileError(file: file, line: nil, field: path(context.codingPath), value: "", rule: "malformed JSON: \(context.debugDescription)")
    default:
        return InputFileError(file: file, line: nil, field: "(json)", value: "", rule: "malformed JSON: \(error)")
    }
}
