import Foundation

extension WeightsReport {
    /// A fixed-width table for people: asset, sleeve, moving-average market cap, price, raw weight,
    /// final weight and reasons; then the data issues.
    public func table() -> String {
        var lines: [[String]] = [["asset", "sleeve", "mcap (MA)", "price", "raw", "weight", "reason"]]
        for r in rows {
            lines.append([r.symbol == r.assetId ? r.assetId : "\(r.symbol) (\(r.assetId))", r.sleeve,
                          r.inputs.marketCap.map(Format.usd) ?? "-", r.inputs.price.map { Format.fixed($0, 4) } ?? "-",
                          r.rawWeight.map { Format.percent($0, digits: 4) } ?? "-",
                          r.included ? Format.percent(r.weight, digits: 4) : "-",
                          r.reasons.isEmpty ? (r.included ? "" : "excluded") : r.reasons.joined(separator: "; ")])
        }
        let widths = (0..<7).map { c in lines.map { $0[c].count }.max()! }
        var out = "\(methodologyName) as of \(asOf) (methodology \(methodologyHash))\n"
        for (i, line) in lines.enumerated() {
            out += line.enumerated().map { c, cell in
                c == 6 ? cell : (c >= 2 && c <= 5 ? String(repeating: " ", count: widths[c] - cell.count) + cell
                                  : cell + String(repeating: " ", count: widths[c] - cell.count))
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
            if i == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        out += "\(constituents.count) constituents, weights sum to \(Format.fixed(constituents.map(\.weight).reduce(0, +), 15))\n"
        for (sleeve, p) in optimizations.sorted(by: { $0.key < $1.key }) {
            out += "optimizer (\(sleeve)): \(p.method), expected return \(Format.percent(p.expectedReturn)), volatility \(Format.percent(p.volatility))\n"
        }
        if !issues.isEmpty {
            out += "data issues (\(issues.count)):\n"
            for issue in issues { out += "  \(issue)\n" }
        }
        return out
    }

    /// The report as JSON for machines: the weights file fields plus every row with inputs and reasons, and the issues.
    public func json() -> String {
        func num(_ v: Double?) -> Any { v.map { $0 as Any } ?? NSNull() }
        let doc: [String: Any] = [
            "methodology": ["name": methodologyName, "hash": methodologyHash.description],
            "as_of": asOf.description,
            "chain": chain,
            "rows": rows.map { r -> [String: Any] in
                ["asset_id": r.assetId, "symbol": r.symbol, "sleeve": r.sleeve,
                 "market_cap": num(r.inputs.marketCap), "price": num(r.inputs.price),
                 "raw_weight": num(r.rawWeight), "weight": WeightsFile.decimalString(r.weight),
                 "included": r.included, "reasons": r.reasons,
                 "address": r.address.map { $0.checksummed as Any } ?? NSNull()]
            },
            "issues": issues.map(\.description),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
