import ChainModel
import Foundation

/// The plan as one self-contained HTML page (inline CSS and SVG, no scripts, no external assets):
/// current vs target weights as a chart, the trade list, one price-curve chart per traded
/// component with the fair price and the crossing second marked, the warnings, the transactions,
/// and the input files with their Keccak-256.
public enum PlanReport {
    /// The HTML document for `plan`. Amounts are exact decimal text; only chart geometry uses floats.
    /// - Returns: the page, UTF-8 text starting with `<!DOCTYPE html>`.
    public static func html(_ plan: RebalancePlan) -> String {
        let s = plan.snapshot
        let q = escape(plan.quoteSymbol)
        var body = "<h1>Rebalance of \(escape(s.symbol))</h1>\n"
        body += "<p class=\"meta\">SetToken <code>\(s.setToken.checksummed)</code> · chain \(s.block.chainId) · block \(s.block.number) · "
        body += "duration \(plan.policy.durationSeconds) s · quote asset \(q) · turnover \(UnitFormatting.percent(plan.tradeList.turnover))</p>\n"

        body += "<h2>Weights: current vs target</h2>\n" + weightsChart(plan) + "\n"
        body += table(["token", "current weight", "target weight", "current unit", "target unit", "action"], plan.rows.map { r in
            [escape(r.symbol), UnitFormatting.percent(r.currentWeight), UnitFormatting.percent(r.targetWeight),
             UnitFormatting.tokens(r.currentUnit, decimals: r.decimals), UnitFormatting.tokens(r.targetUnit, decimals: r.decimals),
             r.action.rawValue]
        })

        body += "<h2>Trades</h2>\n"
        body += table(["token", "side", "auction size", "fair price (\(q) per token)", "quote at fair (\(q))"], plan.tradeList.trades.map { t in
            let decimals = plan.rows.first { $0.address == t.component }?.decimals ?? 18
            return [escape(plan.symbol(of: t.component)), t.isSellAuction ? "sell" : "buy",
                    UnitFormatting.tokens(t.auctionSize, decimals: decimals),
                    UnitFormatting.fixed(t.fairPrice, decimals: 18 + plan.quoteDecimals - decimals, places: 8),
                    UnitFormatting.tokens(t.expectedQuoteQuantity, decimals: plan.quoteDecimals)]
        })

        body += "<h2>Price curves</h2>\n"
        for component in plan.schedule.components {
            body += curveChart(component, plan: plan) + "\n"
        }

        body += "<h2>Warnings</h2>\n"
        body += plan.warnings.isEmpty ? "<p>None.</p>\n"
            : "<ul class=\"warnings\">\n" + plan.warnings.map { "<li>" + escape($0) + "</li>" }.joined(separator: "\n") + "\n</ul>\n"

        body += "<h2>Transactions</h2>\n"
        body += table(["#", "to", "function", "purpose", "calldata bytes"], plan.transactions.enumerated().map { index, tx in
            [String(index), "<code>" + tx.to.checksummed + "</code>", "<code>" + escape(tx.function.canonicalSignature) + "</code>",
             escape(tx.purpose), String(tx.calldata.count)]
        })

        body += "<h2>Inputs</h2>\n"
        body += table(["role", "path", "keccak256"], plan.inputs.map { file in
            [file.role, escape(file.path), "<code>" + file.keccak256.description + "</code>"]
        })

        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Rebalance of \(escape(s.symbol))</title>
        <style>
        body { font-family: sans-serif; margin: 24px; color: #1a1a1a; background: #ffffff; }
        table { border-collapse: collapse; margin: 8px 0 16px; }
        th, td { border: 1px solid #c8c8c8; padding: 3px 8px; text-align: right; font-size: 13px; }
        th { background: #eef1f6; }
        td:first-child, th:first-child { text-align: left; }
        code { font-size: 12px; }
        .meta { color: #444; }
        .warnings li { color: #8a4b00; }
        svg { display: block; margin: 8px 0 16px; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// `text` with `& < > "` escaped for HTML text and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    private static func table(_ header: [String], _ rows: [[String]]) -> String {
        "<table>\n<tr>" + header.map { "<th>" + $0 + "</th>" }.joined() + "</tr>\n"
            + rows.map { "<tr>" + $0.map { "<td>" + $0 + "</td>" }.joined() + "</tr>" }.joined(separator: "\n") + "\n</table>\n"
    }

    private static func double(_ value: UInt256) -> Double { Double(value.description) ?? 0 }

    private static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Horizontal paired bars per component: current (grey) and target (blue), in percent of value.
    private static func weightsChart(_ plan: RebalancePlan) -> String {
        let rowHeight = 28.0, left = 90.0, width = 600.0
        let largest = max(plan.rows.map { max(double($0.currentWeight), double($0.targetWeight)) }.max() ?? 1, 1)
        let height = rowHeight * Double(plan.rows.count) + 30
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(left + width + 160))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"current and target weights\">\n"
        svg += "<rect x=\"\(Int(left))\" y=\"2\" width=\"12\" height=\"10\" fill=\"#9e9e9e\"/><text x=\"\(Int(left) + 16)\" y=\"11\" font-size=\"11\">current</text>"
        svg += "<rect x=\"\(Int(left) + 80)\" y=\"2\" width=\"12\" height=\"10\" fill=\"#2f6fd0\"/><text x=\"\(Int(left) + 96)\" y=\"11\" font-size=\"11\">target</text>\n"
        for (index, row) in plan.rows.enumerated() {
            let y = 24 + rowHeight * Double(index)
            let current = width * double(row.currentWeight) / largest, target = width * double(row.targetWeight) / largest
            svg += "<text x=\"4\" y=\"\(number(y + 16))\" font-size=\"12\">\(escape(row.symbol))</text>"
            svg += "<rect x=\"\(Int(left))\" y=\"\(number(y + 2))\" width=\"\(number(current))\" height=\"11\" fill=\"#9e9e9e\"/>"
            svg += "<rect x=\"\(Int(left))\" y=\"\(number(y + 13))\" width=\"\(number(target))\" height=\"11\" fill=\"#2f6fd0\"/>"
            svg += "<text x=\"\(number(left + max(current, target) + 6))\" y=\"\(number(y + 16))\" font-size=\"11\">"
            svg += UnitFormatting.percent(row.currentWeight) + " → " + UnitFormatting.percent(row.targetWeight) + "</text>\n"
        }
        return svg + "</svg>"
    }

    /// The adapter's price at every schedule step as a step line, the fair price dashed, and the
    /// fair crossing second as a vertical line.
    private static func curveChart(_ component: ComponentSchedule, plan: RebalancePlan) -> String {
        let symbol = escape(plan.symbol(of: component.trade.component))
        let width = 640.0, height = 220.0, left = 70.0, top = 30.0, plotWidth = 540.0, plotHeight = 150.0
        let seconds = plan.schedule.stepSeconds.map(double)
        let prices = component.prices.map(double)
        let fair = double(component.trade.fairPrice)
        let duration = max(double(plan.schedule.duration), 1)
        let low = min(prices.min() ?? fair, fair), high = max(prices.max() ?? fair, fair)
        let span = high > low ? high - low : max(high, 1)
        func x(_ second: Double) -> Double { left + plotWidth * min(second, duration) / duration }
        func y(_ price: Double) -> Double { top + plotHeight * (1 - (price - low) / span) }
        var points: [String] = []
        for (index, (second, price)) in zip(seconds, prices).enumerated() {
            if index > 0 { points.append(number(x(second)) + "," + number(y(prices[index - 1]))) }
            points.append(number(x(second)) + "," + number(y(price)))
        }
        if let last = prices.last { points.append(number(x(duration)) + "," + number(y(last))) }
        let decimals = plan.rows.first { $0.address == component.trade.component }?.decimals ?? 18
        let priceText = { (value: UInt256) in UnitFormatting.fixed(value, decimals: 18 + plan.quoteDecimals - decimals, places: 8) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"price curve \(symbol)\">\n"
        svg += "<text x=\"4\" y=\"16\" font-size=\"13\" font-weight=\"bold\">\(symbol) · \(component.trade.isSellAuction ? "sell" : "buy") · \(component.adapter.kindName) adapter</text>\n"
        svg += "<rect x=\"\(Int(left))\" y=\"\(Int(top))\" width=\"\(Int(plotWidth))\" height=\"\(Int(plotHeight))\" fill=\"#fafafa\" stroke=\"#c8c8c8\"/>\n"
        svg += "<polyline fill=\"none\" stroke=\"#2f6fd0\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>\n"
        svg += "<line x1=\"\(Int(left))\" x2=\"\(Int(left + plotWidth))\" y1=\"\(number(y(fair)))\" y2=\"\(number(y(fair)))\" stroke=\"#d04a2f\" stroke-dasharray=\"6 4\"/>\n"
        svg += "<text x=\"\(Int(left + plotWidth) + 4)\" y=\"\(number(y(fair) + 4))\" font-size=\"11\" fill=\"#d04a2f\">fair</text>\n"
        if let crossing = component.fairCrossingSecond {
            let cx = x(double(crossing))
            svg += "<line x1=\"\(number(cx))\" x2=\"\(number(cx))\" y1=\"\(Int(top))\" y2=\"\(Int(top + plotHeight))\" stroke=\"#2f9e44\" stroke-width=\"1.5\"/>\n"
            svg += "<text x=\"\(number(cx + 4))\" y=\"\(Int(top) + 12)\" font-size=\"11\" fill=\"#2f9e44\">crosses fair at \(crossing) s</text>\n"
        }
        svg += "<text x=\"\(Int(left) - 4)\" y=\"\(number(y(high) + 4))\" font-size=\"10\" text-anchor=\"end\">\(priceText(component.prices.max() ?? component.trade.fairPrice))</text>\n"
        svg += "<text x=\"\(Int(left) - 4)\" y=\"\(number(y(low) + 4))\" font-size=\"10\" text-anchor=\"end\">\(priceText(component.prices.min() ?? component.trade.fairPrice))</text>\n"
        svg += "<text x=\"\(Int(left))\" y=\"\(Int(top + plotHeight) + 16)\" font-size=\"10\">0 s</text>"
        svg += "<text x=\"\(Int(left + plotWidth))\" y=\"\(Int(top + plotHeight) + 16)\" font-size=\"10\" text-anchor=\"end\">\(plan.policy.durationSeconds) s</text>\n"
        svg += "<text x=\"\(Int(left))\" y=\"\(Int(top + plotHeight) + 32)\" font-size=\"11\">fair price \(priceText(component.trade.fairPrice)) \(escape(plan.quoteSymbol)) per \(symbol)</text>\n"
        return svg + "</svg>"
    }
}
