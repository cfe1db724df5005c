/// Inline SVG charts drawn by icelens for the HTML report: plain shapes and text with presentation attributes, no
/// script, no external reference, every label HTML-escaped. Each function returns one `<svg>` element sized by its
/// viewBox (it scales with the page). Coordinates are drawing, not metrics: the values come finished.
enum SVGChart {
    static let width = 720.0
    static let ink = "#1f2937"
    static let muted = "#6b7280"
    static let grid = "#e5e7eb"
    static let good = "#2563eb"
    static let bad = "#dc2626"

    static func f(_ v: Double) -> String { NumberFormat.fixed(v, places: 1, trimZeros: true) ?? "0" }

    static func text(
        _ x: Double, _ y: Double, _ s: String, anchor: String = "start", size: Int = 11, color: String = muted
    ) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\" fill=\"\(color)\" text-anchor=\"\(anchor)\">"
            + UntrustedText.forHTML(s) + "</text>"
    }

    static func open(height: Double, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" "
            + "aria-label=\"\(UntrustedText.forHTML(label))\" font-family=\"system-ui, sans-serif\">"
            + "<title>\(UntrustedText.forHTML(label))</title>"
    }

    /// A bar chart of `values` (one bar each, left to right) with `xLabels` under every `labelEvery`th bar, an optional
    /// vertical marker at fractional bar position `marker` with its label, and the largest value on the y axis.
    static func bars(
        _ values: [Double], xLabels: [String], labelEvery: Int, marker: (position: Double, label: String)?,
        label: String, color: String = good, unit: String = ""
    ) -> String {
        let height = 220.0
        let left = 48.0, right = 12.0, top = 16.0, bottom = 28.0
        let plotW = width - left - right, plotH = height - top - bottom
        let top1 = max(values.max() ?? 0, 1)
        var svg = open(height: height, label: label)
        svg +=
            "<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(left + plotW))\" y2=\"\(f(top + plotH))\" "
            + "stroke=\"\(grid)\"/>"
        svg += text(left - 6, top + 4, NumberFormat.grouped(Int(top1.rounded())) + unit, anchor: "end")
        svg += text(left - 6, top + plotH, "0", anchor: "end")
        let step = values.isEmpty ? plotW : plotW / Double(values.count)
        for (i, v) in values.enumerated() {
            let h = plotH * v / top1
            let x = left + Double(i) * step
            svg +=
                "<rect x=\"\(f(x + 1))\" y=\"\(f(top + plotH - h))\" width=\"\(f(max(step - 2, 1)))\" "
                + "height=\"\(f(h))\" fill=\"\(color)\"><title>\(UntrustedText.forHTML(xLabels[safe: i] ?? "")): "
                + "\(NumberFormat.grouped(Int(v.rounded())))\(unit)</title></rect>"
            if labelEvery > 0, i % labelEvery == 0 {
                svg += text(x, height - 10, xLabels[safe: i] ?? "", size: 10)
            }
        }
        if let marker {
            let x = left + marker.position * step
            svg +=
                "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + plotH))\" stroke=\"\(bad)\" "
                + "stroke-dasharray=\"4 3\"/>"
            svg += text(x + 4, top + 10, marker.label, color: bad)
        }
        return svg + "</svg>"
    }

    /// Bars of `counts` (right axis) under a line of `rates` (0-1, left axis), one point a period.
    static func rateAndCounts(
        rates: [Double?], counts: [Int], xLabels: [String], rateName: String, countName: String, label: String
    ) -> String {
        let height = 240.0
        let left = 48.0, right = 48.0, top = 16.0, bottom = 40.0
        let plotW = width - left - right, plotH = height - top - bottom
        let n = max(rates.count, 1)
        let step = plotW / Double(n)
        let maxCount = max(counts.max() ?? 0, 1)
        var svg = open(height: height, label: label)
        for pct in [0.0, 0.5, 1.0] {
            let y = top + plotH * (1 - pct)
            svg +=
                "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y))\" stroke=\"\(grid)\"/>"
            svg += text(left - 6, y + 4, "\(Int(pct * 100))%", anchor: "end")
        }
        svg += text(left + plotW + 6, top + 4, NumberFormat.grouped(maxCount), color: bad)
        for (i, c) in counts.enumerated() where c > 0 {
            let h = plotH * Double(c) / Double(maxCount)
            svg +=
                "<rect x=\"\(f(left + Double(i) * step + 1))\" y=\"\(f(top + plotH - h))\" "
                + "width=\"\(f(max(step - 2, 1)))\" height=\"\(f(h))\" fill=\"\(bad)\" fill-opacity=\"0.35\">"
                + "<title>\(UntrustedText.forHTML(xLabels[safe: i] ?? "")): \(c) \(countName)</title></rect>"
        }
        var path = ""
        for (i, r) in rates.enumerated() {
            guard let r else { continue }
            let x = left + (Double(i) + 0.5) * step
            let y = top + plotH * (1 - r)
            path += (path.isEmpty ? "M" : " L") + "\(f(x)) \(f(y))"
            svg +=
                "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"2.5\" fill=\"\(good)\"><title>"
                + "\(UntrustedText.forHTML(xLabels[safe: i] ?? "")): \(TextNumber.percent(r)) \(rateName)</title></circle>"
        }
        if !path.isEmpty {
            svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(good)\" stroke-width=\"2\"/>"
        }
        let every = max(1, (rates.count + 5) / 6)
        for i in stride(from: 0, to: rates.count, by: every) {
            svg += text(left + Double(i) * step, height - 22, xLabels[safe: i] ?? "", size: 10)
        }
        svg += "<rect x=\"\(f(left))\" y=\"\(f(height - 14))\" width=\"10\" height=\"3\" fill=\"\(good)\"/>"
        svg += text(left + 14, height - 10, rateName, size: 10, color: ink)
        svg +=
            "<rect x=\"\(f(left + 140))\" y=\"\(f(height - 17))\" width=\"10\" height=\"8\" fill=\"\(bad)\" "
            + "fill-opacity=\"0.35\"/>"
        svg += text(left + 154, height - 10, countName + " (right axis)", size: 10, color: ink)
        return svg + "</svg>"
    }

    /// A heat map of `cells` (rows x columns): each cell's shade grows with its count, red when `alarm` (a
    /// mismatched cell with failures), with the count written in it.
    static func heatMap(
        rows: [String], columns: [String], value: (Int, Int) -> (count: Int, failed: Int, mismatched: Bool)?,
        label: String
    ) -> String {
        let cell = 44.0
        let left = 120.0, top = 70.0
        let height = top + cell * Double(rows.count) + 24
        var maxCount = 1
        for r in rows.indices { for c in columns.indices { maxCount = max(maxCount, value(r, c)?.count ?? 0) } }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(max(width, left + cell * Double(columns.count) + 12))) \(f(height))\" role=\"img\" aria-label=\"\(UntrustedText.forHTML(label))\" font-family=\"system-ui, sans-serif\"><title>\(UntrustedText.forHTML(label))</title>"
        svg += text(left, 14, "attendee instance →", size: 10, color: ink)
        svg += text(4, top - 8, "guide instance ↓", size: 10, color: ink)
        for (c, name) in columns.enumerated() {
            let x = left + cell * (Double(c) + 0.5)
            svg +=
                "<text x=\"\(f(x))\" y=\"\(f(top - 8))\" font-size=\"10\" fill=\"\(muted)\" "
                + "transform=\"rotate(-40 \(f(x)) \(f(top - 8)))\">\(UntrustedText.forHTML(name))</text>"
        }
        for (r, name) in rows.enumerated() {
            let y = top + cell * Double(r)
            svg += text(left - 6, y + cell / 2 + 4, name, anchor: "end", size: 10)
            for c in columns.indices {
                let x = left + cell * Double(c)
                guard let v = value(r, c), v.count > 0 else {
                    svg +=
                        "<rect x=\"\(f(x + 1))\" y=\"\(f(y + 1))\" width=\"\(f(cell - 2))\" height=\"\(f(cell - 2))\" "
                        + "fill=\"#f9fafb\"/>"
                    continue
                }
                let shade = 0.15 + 0.85 * Double(v.count) / Double(maxCount)
                let color = v.mismatched ? bad : good
                svg +=
                    "<rect x=\"\(f(x + 1))\" y=\"\(f(y + 1))\" width=\"\(f(cell - 2))\" height=\"\(f(cell - 2))\" "
                    + "fill=\"\(color)\" fill-opacity=\"\(NumberFormat.fixed(shade, places: 2) ?? "1")\"><title>"
                    + "\(UntrustedText.forHTML(rows[r])) x \(UntrustedText.forHTML(columns[c])): \(v.count) "
                    + "connections, \(v.failed) failed</title></rect>"
                svg += text(
                    x + cell / 2, y + cell / 2 + 4, "\(v.count)", anchor: "middle", size: 10,
                    color: shade > 0.55 ? "#ffffff" : ink)
            }
        }
        return svg + "</svg>"
    }

    /// Before/after bars of proportions with the 95% interval of the difference beside each pair.
    static func beforeAfter(
        _ rows: [(name: String, before: Double?, after: Double?, change: Double?, low: Double?, high: Double?)],
        label: String
    ) -> String {
        let rowH = 44.0
        let left = 170.0, barW = 300.0, ciLeft = 500.0, ciW = 200.0
        let height = 30 + rowH * Double(rows.count)
        var svg = open(height: height, label: label)
        svg += text(left, 14, "before (grey) and after (blue)", size: 10, color: ink)
        svg += text(ciLeft, 14, "change, 95% CI (pp)", size: 10, color: ink)
        let zero = ciLeft + ciW / 2
        // The change axis is scaled to the widest interval, so a few points' interval is not a dot.
        let reach = rows.flatMap { [abs($0.low ?? 0), abs($0.high ?? 0)] }.max() ?? 0
        let scale = (ciW / 2 - 8) / max(reach, 0.01)
        svg += "<line x1=\"\(f(zero))\" y1=\"20\" x2=\"\(f(zero))\" y2=\"\(f(height))\" stroke=\"\(grid)\"/>"
        svg += text(zero, height - 2, "0", anchor: "middle", size: 9)
        for (i, row) in rows.enumerated() {
            let y = 24 + rowH * Double(i)
            svg += text(left - 8, y + 18, row.name, anchor: "end", size: 11, color: ink)
            for (k, value) in [row.before, row.after].enumerated() {
                guard let value else { continue }
                let w = barW * min(max(value, 0), 1)
                svg +=
                    "<rect x=\"\(f(left))\" y=\"\(f(y + 4 + Double(k) * 15))\" width=\"\(f(w))\" height=\"12\" "
                    + "fill=\"\(k == 0 ? muted : good)\"/>"
                svg += text(left + w + 4, y + 14 + Double(k) * 15, TextNumber.percent(value), size: 10)
            }
            if let low = row.low, let high = row.high, let change = row.change {
                func x(_ d: Double) -> Double { zero + scale * min(max(d, -reach), reach) }
                svg +=
                    "<line x1=\"\(f(x(low)))\" y1=\"\(f(y + 17))\" x2=\"\(f(x(high)))\" y2=\"\(f(y + 17))\" "
                    + "stroke=\"\(ink)\" stroke-width=\"2\"/>"
                for end in [low, high] {
                    svg +=
                        "<line x1=\"\(f(x(end)))\" y1=\"\(f(y + 12))\" x2=\"\(f(x(end)))\" y2=\"\(f(y + 22))\" "
                        + "stroke=\"\(ink)\" stroke-width=\"2\"/>"
                }
                svg += "<circle cx=\"\(f(x(change)))\" cy=\"\(f(y + 17))\" r=\"4\" fill=\"\(good)\"/>"
                let words = TextNumber.signedPoints(change)
                svg +=
                    x(high) + 66 < width
                    ? text(x(high) + 6, y + 21, words, size: 10)
                    : text(x(low) - 6, y + 21, words, anchor: "end", size: 10)
            }
        }
        return svg + "</svg>"
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
