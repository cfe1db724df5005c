import Foundation
import Testing

@testable import IcelensCore

/// `--format html`: one self-contained page (no external resource, a strict CSP, no script), log strings escaped,
/// and the page as a real browser shows it: headless Chromium renders the samples' report and a hostile one, and
/// the test checks the title, the figures and charts, the absence of any console message (CSP violations, errors),
/// and takes a screenshot. `.ci/run` installs Debian's chromium and sets ICELENS_REQUIRE_TOOLS=1.
@Suite(.serialized) struct HTMLTests {
    static let chromium = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static let folder: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("icelens-html-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }()

    static func string(_ body: (inout String) -> Void) -> String {
        var text = ""
        body(&text)
        return text
    }

    /// What Chromium made of a page: the DOM after loading, its console messages, the screenshot's size.
    struct Rendered {
        var dom: String
        var console: [String]
        var screenshotBytes: Int
    }

    /// Renders the HTML file at `path` headless; nil when Chromium is absent and not required.
    static func render(_ path: String, screenshot: String) throws -> Rendered? {
        guard let chromium else {
            #expect(
                ProcessInfo.processInfo.environment["ICELENS_REQUIRE_TOOLS"] != "1",
                "chromium is required (Debian package chromium)")
            return nil
        }
        let profile = folder + "/profile-\(UInt32.random(in: 0...UInt32.max))"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
            "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
            "--window-size=1200,2400", "--screenshot=" + screenshot, "--dump-dom", "file://" + path,
        ]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes at once: a full stderr pipe would block Chromium.
        nonisolated(unsafe) var errors = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errors = err.fileHandleForReading.readDataToEndOfFile() }
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        group.wait()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: profile)
        let console = String(decoding: errors, as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { $0.contains(":CONSOLE") }
        let size = (try? FileManager.default.attributesOfItem(atPath: screenshot)[.size] as? Int) ?? 0
        return Rendered(dom: dom, console: console, screenshotBytes: size ?? 0)
    }

    /// The page loads nothing from outside: no tag has a src, href, srcset, url() or @import (text may mention
    /// them, escaped), only the SVG namespace names a URL, and the CSP forbids everything but inline styles and
    /// data: images.
    static func expectSelfContained(_ html: String) {
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        var tags: [Substring] = []
        var rest = html[...]
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            tags.append(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        for tag in tags {
            let t = tag.lowercased().replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            #expect(!t.hasPrefix("<script") && !t.hasPrefix("<link") && !t.hasPrefix("<img") && !t.hasPrefix("<iframe"))
            for needle in ["src=", "href=", "url(", "http:", "https:", " on"] where t.contains(needle) {
                Issue.record("tag loads or runs something: \(tag)")
            }
        }
        #expect(!html.contains("@import"))
    }

    @Test func theSamplesReportRendersInChromiumWithItsCharts() throws {
        let path = Self.folder + "/report.html"
        let r = try CLI.run([
            "report", "-q", "--format", "html", "-o", path, "--fail-if", "success_rate < 0.95", CLI.samples,
        ])
        #expect(r.status == 3)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        Self.expectSelfContained(html)
        #expect(html.contains("1 of 1 checks failed"))
        guard let page = try Self.render(path, screenshot: Self.folder + "/report.png") else { return }
        #expect(page.dom.contains("<title>icelens report: 86.1% success, 306 timeouts</title>"))
        #expect(page.dom.components(separatedBy: "<svg").count - 1 >= 3, "histogram, hourly chart, heat map")
        #expect(page.dom.contains("Time to connect"))
        #expect(page.dom.contains("success_rate &lt; 0.95"))
        #expect(page.console.isEmpty, "\(page.console)")
        #expect(page.screenshotBytes > 40_000, "the screenshot shows the page (\(page.screenshotBytes) bytes)")
    }

    @Test func theComparisonRendersWithItsIntervals() throws {
        let path = Self.folder + "/compare.html"
        let r = try CLI.run(["compare", "-q", "--format", "html", "-o", path, "--cutoff", "2026-03-02", CLI.samples])
        #expect(r.status == 0)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        Self.expectSelfContained(html)
        guard let page = try Self.render(path, screenshot: Self.folder + "/compare.png") else { return }
        #expect(page.dom.contains("NOT MET") || page.dom.contains("MET"))
        #expect(page.dom.contains("95% confidence interval"))
        #expect(page.console.isEmpty, "\(page.console)")
    }

    @Test func aHostileReportRendersAsText() throws {
        let hostile = "<script>alert(1)</script>\"onerror=alert(2) x=\"</svg><img src=x onerror=alert(3)>&amp;"
        var connection = Sample.timedOut(hostile, tour: hostile, guide: hostile, mine: hostile)
        connection.firstSeenMs = Sample.t0
        var tour = Sample.tour(hostile, connections: [connection], firstSeenMs: Sample.t0, label: hostile)
        tour.guide = hostile
        tour.guideInstances = [hostile]
        var input = InputAccounting(input: hostile)
        input.damage = Damage(byteOffset: 10, reason: hostile)
        let report = ReportBuilder.build(tours: [tour], inputs: [input])
        let html = Self.string { HTMLRenderer().render(report, into: &$0) }
        Self.expectSelfContained(html)
        #expect(!html.contains("<img") && !html.contains("</svg><img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;onerror=alert(2)"))
        let path = Self.folder + "/hostile.html"
        try html.write(toFile: path, atomically: true, encoding: .utf8)
        guard let page = try Self.render(path, screenshot: Self.folder + "/hostile.png") else { return }
        #expect(!page.dom.contains("<script") && !page.dom.contains("<img"))
        #expect(page.dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text")
        #expect(page.console.isEmpty, "\(page.console)")
    }

    @Test func historyPageHasItsTrend() throws {
        let store = HistoryTests.freshFile("html.sqlite")
        for day in HistoryTests.days { _ = try HistoryTests.record(day, into: store) }
        let r = try CLI.run(["history", "--format", "html", store])
        #expect(r.status == 0)
        Self.expectSelfContained(r.stdout)
        #expect(r.stdout.contains("<svg") && r.stdout.contains("2026-03-02"))
    }
}
