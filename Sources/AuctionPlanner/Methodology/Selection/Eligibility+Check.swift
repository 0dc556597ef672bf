extension Eligibility {
    /// The first rule that excludes the asset, as `rule: detail`, or nil when it is eligible.
    /// `chain` lookups use the metadata addresses; the rules run in the order they are documented.
    public func exclusion(metadata: AssetMetadata, inputs: AssetInputs) -> String? {
        if exclude.contains(metadata.id) { return "eligibility.exclude: listed" }
        if !categories.isEmpty, !metadata.categories.contains(where: categories.contains) {
            return "eligibility.categories: in none of \(categories.joined(separator: ", "))"
        }
        if let chain, metadata.addresses[chain] == nil { return "eligibility.chain: no \(chain) address" }
        guard let marketCap = inputs.marketCap else { return "inputs: no market cap in the moving-average window" }
        guard inputs.price != nil else { return "inputs: no price on or before the as-of day" }
        if let min = minMarketCapUSD, marketCap < min {
            return "eligibility.min_market_cap_usd: \(Format.usd(marketCap)) < \(Format.usd(min))"
        }
        if let min = minAgeDays {
            guard let age = inputs.ageDays, age >= min else {
                return "eligibility.min_age_days: \(inputs.ageDays.map(String.init) ?? "unknown") < \(min) days"
            }
        }
        if let min = minHistoryDays, inputs.historyDays < min {
            return "eligibility.min_history_days: \(inputs.historyDays) < \(min) days of market cap"
        }
        if let min = minMarketCapToFDV {
            guard let ratio = inputs.marketCapToFDV else { return "eligibility.min_mc_fdv_ratio: FDV unknown" }
            if ratio < min { return "eligibility.min_mc_fdv_ratio: \(Format.percent(ratio)) < \(Format.percent(min))" }
        }
        if let min = minAverageVolumeUSD {
            guard let v = inputs.averageVolume, v >= min else {
                return "eligibility.min_avg_volume_usd: \(inputs.averageVolume.map(Format.usd) ?? "no volume") < \(Format.usd(min))"
            }
        }
        return nil
    }
}

/// Number formatting for reports.
public enum Format {
    /// `$1.23bn`, `$45.6m`, `$7.8k`, `$12.34`.
    public static func usd(_ v: Double) -> String {
        let a = abs(v)
        if a >= 1e9 { return "$" + fixed(v / 1e9, 2) + "bn" }
        if a >= 1e6 { return "$" + fixed(v / 1e6, 2) + "m" }
        if a >= 1e3 { return "$" + fixed(v / 1e3, 2) + "k" }
        return "$" + fixed(v, 2)
    }

    /// `12.34%`.
    public static func percent(_ v: Double, digits: Int = 2) -> String { fixed(v * 100, digits) + "%" }

    /// Fixed-point with `digits` decimals (round half away from zero), no exponent.
    public static func fixed(_ v: Double, _ digits: Int) -> String {
        guard v.isFinite else { return "\(v)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(v) * scale).rounded()
        guard scaled < 9e15 else { return "\(v)" }
        let integer = Int64(scaled)
        var s = String(integer)
        if digits > 0 {
            if s.count <= digits { s = String(repeating: "0", count: digits - s.count + 1) + s }
            s.insert(".", at: s.index(s.endIndex, offsetBy: -digits))
        }
        return (v < 0 && integer != 0 ? "-" : "") + s
    }
}

extension Format {
    /// A non-negative integer padded to two digits.
    public static func fixedWidth(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
