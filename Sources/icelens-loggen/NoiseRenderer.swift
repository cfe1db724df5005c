/// Writes the unrelated lines that surround connectivity events in real logs: browser console chatter, debug
/// JSON, stack traces, HTTP access lines with long user agents, server debug JSON, logfmt metrics, and a few
/// malformed (cut) JSON objects. None of them names a connectivity event.
struct NoiseRenderer {
    /// Where the bytes go.
    let sink: ByteSink

    /// Writes the line (or lines, for a stack trace) of a noise record; its contents come from its salt.
    func render(_ r: LogRecord) {
        var rng = Xoshiro256(seed: UInt64(r.salt) << 8 | UInt64(r.kind.rawValue))
        switch r.kind {
        case .noiseBrowserText: browserText(r.timeMs, &rng)
        case .noiseBrowserJSON: browserJSON(r.timeMs, &rng)
        case .noiseBrowserStack: browserStack(r.timeMs, &rng)
        case .noiseHTTP: http(r.timeMs, &rng)
        case .noiseServerJSON: serverJSON(r.timeMs, &rng)
        case .noiseMetrics: metrics(r.timeMs, &rng)
        case .noiseServerStack: serverStack(r.timeMs, &rng)
        default: malformed(r.timeMs, &rng)
        }
    }

    private func browserText(_ t: Int64, _ rng: inout Xoshiro256) {
        sink.iso(t)
        switch rng.below(4) {
        case 0:
            sink.raw(" [App] Router navigated to /stops/")
            sink.int(rng.range(1, 400))
            sink.raw(" in ")
            sink.int(rng.range(3, 900))
            sink.raw("ms (chunk stop-detail.")
            sink.hex(rng.next(), digits: 8)
            sink.raw(".js, preload hints 3, scroll restored to top)")
        case 1:
            sink.raw(" [Analytics] Flushed ")
            sink.int(rng.range(1, 60))
            sink.raw(" events to collector in ")
            sink.int(rng.range(20, 2000))
            sink.raw("ms (queue ")
            sink.int(rng.range(0, 300))
            sink.raw(", session s-")
            sink.hex(rng.next(), digits: 12)
            sink.raw(", beacon=true)")
        case 2:
            sink.raw(" [Media] Audio element buffered ")
            sink.tenths(rng.range(10, 900))
            sink.raw("s of narration for stop ")
            sink.int(rng.range(1, 400))
            sink.raw(" (bitrate ")
            sink.int(rng.range(48, 320))
            sink.raw(" kbps, codec opus, readyState 4)")
        default:
            sink.raw(" [Map] Tiles loaded: ")
            sink.int(rng.range(4, 90))
            sink.raw(" (memory ")
            sink.int(rng.range(0, 60))
            sink.raw(", network ")
            sink.int(rng.range(0, 40))
            sink.raw(") in ")
            sink.int(rng.range(30, 3000))
            sink.raw("ms at zoom ")
            sink.int(rng.range(11, 19))
            sink.raw(", style outdoors-v12, pixel ratio 2")
        }
        sink.raw(" | app 4.18.")
        sink.int(rng.range(0, 9))
        sink.raw(" build ")
        sink.hex(rng.next(), digits: 7)
        sink.raw(", online=true, visibility=visible")
        sink.newline()
    }

    private func browserJSON(_ t: Int64, _ rng: inout Xoshiro256) {
        sink.raw("{\"ts\":\"")
        sink.iso(t)
        sink.raw("\",\"level\":\"debug\",\"message\":\"render stats\",\"component\":\"")
        sink.raw(Self.components[rng.below(Self.components.count)])
        sink.raw("\",\"fps\":")
        sink.tenths(rng.range(240, 600))
        sink.raw(",\"dropped_frames\":")
        sink.int(rng.range(0, 40))
        sink.raw(",\"heap_mb\":")
        sink.tenths(rng.range(300, 2400))
        sink.raw(",\"long_tasks\":")
        sink.int(rng.range(0, 6))
        sink.raw(",\"session\":\"s-")
        sink.hex(rng.next(), digits: 12)
        sink.raw("\",\"route\":\"/stops/")
        sink.int(rng.range(1, 5000))
        sink.raw("\",\"viewport\":\"390x844\",\"net\":\"4g\",\"build\":\"4.18.")
        sink.int(rng.range(0, 9))
        sink.raw("-")
        sink.hex(rng.next(), digits: 7)
        sink.raw("\"}")
        sink.newline()
    }

    private func browserStack(_ t: Int64, _ rng: inout Xoshiro256) {
        sink.iso(t)
        sink.raw(" [App] Uncaught TypeError: Cannot read properties of undefined (reading '")
        sink.raw(Self.properties[rng.below(Self.properties.count)])
        sink.raw("')")
        sink.newline()
        let bundle = rng.next()
        for _ in 0..<rng.range(3, 7) {
            sink.raw("    at ")
            sink.raw(Self.browserFrames[rng.below(Self.browserFrames.count)])
            sink.raw(" (https://app.citywalk.example/static/js/main.")
            sink.hex(bundle, digits: 8)
            sink.raw(".js:2:")
            sink.int(rng.range(1000, 400_000))
            sink.raw(")")
            sink.newline()
        }
    }

    private func http(_ t: Int64, _ rng: inout Xoshiro256) {
        sink.raw("10.0.")
        sink.int(rng.range(0, 9))
        sink.byte(0x2E)
        sink.int(rng.range(2, 254))
        sink.raw(" - - [")
        sink.commonLogTime(t)
        sink.raw("] \"GET ")
        switch rng.below(5) {
        case 0:
            sink.raw("/static/js/main.")
            sink.hex(rng.next(), digits: 8)
            sink.raw(".js")
        case 1:
            sink.raw("/static/css/app.")
            sink.hex(rng.next(), digits: 8)
            sink.raw(".css")
        case 2:
            sink.raw("/api/stops/")
            sink.int(rng.range(1, 5000))
            sink.raw("/media?lang=en")
        case 3:
            sink.raw("/img/stops/")
            sink.int(rng.range(1, 5000))
            sink.raw(".webp")
        default: sink.raw("/healthz")
        }
        sink.raw(" HTTP/1.1\" 200 ")
        sink.int(rng.range(120, 900_000))
        sink.raw(" \"https://app.citywalk.example/stops/")
        sink.int(rng.range(1, 5000))
        sink.raw("\" \"")
        sink.raw(Self.userAgents[rng.below(Self.userAgents.count)])
        sink.raw("\" rt=0.")
        sink.padded(rng.range(0, 999), width: 3)
        sink.raw(" req_id=")
        sink.hex(rng.next(), digits: 16)
        sink.raw(" upstream=10.0.9.")
        sink.int(rng.range(10, 40))
        sink.raw(":3000 bytes_in=")
        sink.int(rng.range(300, 2000))
        sink.newline()
    }

    private func serverJSON(_ t: Int64, _ rng: inout Xoshiro256) {
        sink.raw("{\"level\":20,\"time\":")
        sink.int(t)
        sink.raw(",\"hostname\":\"web-")
        sink.int(rng.range(1, 3))
        sink.raw("\",\"pid\":")
        sink.int(rng.range(2000, 2700))
        sink.raw(",\"reqId\":\"req-")
        sink.hex(rng.next(), digits: 10)
        sink.raw("\",\"msg\":\"db query\",\"table\":\"")
        sink.raw(Self.tables[rng.below(Self.tables.count)])
        sink.raw("\",\"rows\":")
        sink.int(rng.range(0, 200))
        sink.raw(",\"duration_ms\":")
        sink.int(rng.range(1, 80))
        sink.raw(",\"method\":\"GET\",\"url\":\"/api/stops/")
        sink.int(rng.range(1, 5000))
        sink.raw("/media\",\"statusCode\":200,\"sql_hash\":\"")
        sink.hex(rng.next(), digits: 16)
        sink.raw("\",\"pool\":{\"size\":20,\"idle\":")
        sink.int(rng.range(0, 20))
        sink.raw(",\"waiting\":")
        sink.int(rng.range(0, 3))
        sink.raw("}}")
        sink.newline()
    }

    private func metrics(_ t: Int64, _ rng: inout Xoshiro256) {
        sink.raw("ts=")
        sink.iso(t)
        sink.raw(" level=info msg=metrics host=web-")
        sink.int(rng.range(1, 3))
        sink.raw(" heap_used_bytes=")
        sink.int(rng.range(60_000_000, 400_000_000))
        sink.raw(" rss_bytes=")
        sink.int(rng.range(150_000_000, 900_000_000))
        sink.raw(" loop_lag_ms=")
        sink.tenths(rng.range(1, 400))
        sink.raw(" sockets_open=")
        sink.int(rng.range(10, 3000))
        sink.raw(" http_rps=")
        sink.tenths(rng.range(10, 4000))
        sink.raw(" gc_pause_ms=")
        sink.tenths(rng.range(1, 300))
        sink.raw(" active_handles=")
        sink.int(rng.range(20, 4000))
        sink.raw(" cpu_user_ms=")
        sink.int(rng.range(1000, 9_000_000))
        sink.raw(" uptime_s=")
        sink.int(rng.range(100, 900_000))
        sink.newline()
    }

    private func serverStack(_ t: Int64, _ rng: inout Xoshiro256) {
        sink.iso(t)
        sink.raw(" ERROR unhandled rejection in route /api/stops/:id/media: Error: ECONNRESET socket hang up")
        sink.newline()
        for _ in 0..<rng.range(3, 6) {
            sink.raw("    at ")
            sink.raw(Self.serverFrames[rng.below(Self.serverFrames.count)])
            sink.raw(":")
            sink.int(rng.range(10, 900))
            sink.raw(":")
            sink.int(rng.range(3, 60))
            sink.raw(")")
            sink.newline()
        }
    }

    private func malformed(_ t: Int64, _ rng: inout Xoshiro256) {
        if rng.chance(0.5) {
            sink.raw("{\"ts\":\"")
            sink.iso(t)
            sink.raw("\",\"level\":\"debug\",\"message\":\"render stats\",\"component\":\"MapView\",\"fps\":5")
        } else {
            sink.raw("{\"level\":20,\"time\":")
            sink.int(t)
            sink.raw(",\"hostname\":\"web-1\",\"msg\":\"db query\",\"table\":\"stops\",\"rows\":{\"")
        }
        sink.newline()
    }

    private static let components: [StaticString] = ["MapView", "StopList", "AudioPlayer", "Itinerary", "PhotoStrip"]
    private static let properties: [StaticString] = ["map", "length", "stops", "coords", "title"]
    private static let tables: [StaticString] = ["stops", "routes", "media_assets", "bookings", "translations"]
    private static let browserFrames: [StaticString] = [
        "StopList", "renderWithHooks", "mountIndeterminateComponent", "beginWork", "performUnitOfWork",
        "workLoopSync", "HTMLUnknownElement.callCallback", "Object.invokeGuardedCallbackDev",
    ]
    private static let serverFrames: [StaticString] = [
        "TLSSocket.socketOnEnd (node:_http_client.js", "TLSSocket.emit (node:events.js",
        "endReadableNT (node:internal/streams/readable.js",
        "process.processTicksAndRejections (node:internal/process/task_queues.js",
        "async MediaController.show (/srv/app/dist/routes/stops.js",
        "async Layer.handle (/srv/app/node_modules/express/lib/router/layer.js",
    ]
    private static let userAgents: [StaticString] = [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.105 Mobile Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0",
        "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
    ]
}
