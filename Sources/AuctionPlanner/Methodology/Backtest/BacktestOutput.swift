import Foundation

extension BacktestResult {
    /// `date,level` lines with a header, 10 significant decimals.
    public func levelCSV() -> String {
        var s = "date,level\n"
        for (day, level) in levels { s += "\(day),\(Format.fixed(level, 10))\n" }
        return s
    }

    /// `date,snapshot,turnover,cost,added,removed,divisor` per rebalance.
    public func rebalancesCSV() -> String {
        var s = "date,snapshot,turnover,cost,added,removed,divisor\n"
        for r in rebalances {
            s += "\(r.day),\(r.snapshotDay),\(Format.fixed(r.turnover, 10)),\(Format.fixed(r.cost, 10)),"
            s += "\(r.added.joined(separator: " ")),\(r.removed.joined(separator: " ")),\(r.divisor)\n"
        }
        return s
    }

    /// `date,asset_id,weight` per rebalance and constituent (weights as 18-decimal strings).
    public func weightsCSV() -> String {
        var s = "date,asset_id,weight\n"
        for r in rebalances {
            for (id, w) in r.weights.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                s += "\(r.day),\(id),\(WeightsFile.decimalString(w))\n"
            }
        }
        return s
    }

    /// The summary statistics as JSON.
    public func summaryJSON() -> String {
        let st = statistics
        func n(_ v: Double) -> String { v.isFinite ? "\(v)" : "null" }
        return """
        {
          "from": "\(levels.first!.day)", "to": "\(levels.last!.day)",
          "final_level": \(n(levels.last!.level)),
          "total_return": \(n(st.totalReturn)), "cagr": \(n(st.cagr)), "volatility": \(n(st.volatility)),
          "sharpe": \(n(st.sharpe)), "sortino": \(n(st.sortino)), "max_drawdown": \(n(st.maxDrawdown)),
          "rebalances": \(rebalances.count),
          "average_turnover": \(n(rebalances.dropFirst().map(\.turnover).reduce(0, +) / Double(max(1, rebalances.count - 1)))),
          "total_cost": \(n(rebalances.map(\.cost).reduce(0, +)))
        }

        """
    }

    /// An SVG line chart of the index level (800×400) with the rebalance days marked.
    public func svgChart(title: String) -> String {
        let width = 800.0, height = 400.0, left = 70.0, right = 20.0, top = 40.0, bottom = 40.0
        let values = levels.map(\.level)
        let lo = values.min()!, hi = values.max()!
        let span = hi > lo ? hi - lo : 1
        let count = max(1, levels.count - 1)
        func x(_ i: Int) -> Double { left + (width - left - right) * Double(i) / Double(count) }
        func y(_ v: Double) -> Double { top + (height - top - bottom) * (1 - (v - lo) / span) }
        var points = ""
        for (i, v) in values.enumerated() { points += "\(Format.fixed(x(i), 2)),\(Format.fixed(y(v), 2)) " }
        var marks = ""
        let first = levels.first!.day.daysSinceEpoch
        for r in rebalances {
            let xi = x(r.day.daysSinceEpoch - first)
            marks += "<line x1=\"\(Format.fixed(xi, 2))\" y1=\"\(top)\" x2=\"\(Format.fixed(xi, 2))\" y2=\"\(height - bottom)\" stroke=\"#ddd\"/>\n"
        }
        let escapedTitle = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(left)" y="24" font-family="sans-serif" font-size="16">\(escapedTitle)</text>
        \(marks)<line x1="\(left)" y1="\(height - bottom)" x2="\(width - right)" y2="\(height - bottom)" stroke="black"/>
        <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(height - bottom)" stroke="black"/>
        <text x="\(left - 6)" y="\(Format.fixed(y(hi) + 4, 2))" font-family="sans-serif" font-size="11" text-anchor="end">\(Format.fixed(hi, 1))</text>
        <text x="\(left - 6)" y="\(Format.fixed(y(lo) + 4, 2))" font-family="sans-serif" font-size="11" text-anchor="end">\(Format.fixed(lo, 1))</text>
        <text x="\(left)" y="\(height - bottom + 16)" font-family="sans-serif" font-size="11">\(levels.first!.day)</text>
        <text x="\(width - right)" y="\(height - bottom + 16)" font-family="sans-serif" font-size="11" text-anchor="end">\(levels.last!.day)</text>
        <polyline fill="none" stroke="#1f77b4" stroke-width="1.5" points="\(points.trimmingCharacters(in: .whitespaces))"/>
        </svg>

        """
    }
}
