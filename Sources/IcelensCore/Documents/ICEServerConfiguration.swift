/// An ICE server list read as a document: a Xirsys API response (`{"v": {"iceServers": ...}, "s": "ok"}`, the
/// older `{"d": {"iceServers": [...]}, "e": null}`) or a bare RTC configuration (`{"iceServers": ...}`), with
/// `iceServers` an array or one object and each server's `urls` (or `url`) a string or an array. What it tells is
/// which TURN instances it hands out: one `ice.servers` event naming their hosts (credentials are never read).
struct ICEServerConfiguration {
    /// Every STUN/TURN URL, in order.
    var urls: [String]

    /// Reads `value`, or nil when it is not an ICE server list of a known shape.
    init?(_ value: JSONValue) {
        guard value.object != nil else { return nil }
        let list = value["v"]?["iceServers"] ?? value["d"]?["iceServers"] ?? value["iceServers"]
        guard let list else { return nil }
        let servers: [JSONValue]
        switch list {
        case .array(let items): servers = items
        case .object: servers = [list]
        default: return nil
        }
        var urls: [String] = []
        for server in servers {
            let field = server["urls"] ?? server["url"]
            var texts: [String] = []
            switch field {
            case .string(let s)?: texts = [s]
            case .array(let items)?: texts = items.compactMap(\.string)
            default: break
            }
            for text in texts {
                for url in ICEURLs.urls(in: text) where !urls.contains(url) { urls.append(url) }
            }
        }
        self.urls = urls
    }

    /// The TURN hosts, in order, without duplicates.
    var turnHosts: [String] {
        var hosts: [String] = []
        for url in urls {
            if let host = TurnURI.host(of: url), !hosts.contains(host) { hosts.append(host) }
        }
        return hosts
    }

    /// One untimed `ice.servers` event naming the TURN hosts (none when the list has no TURN server). It belongs
    /// to no tour: a response names no call (it shows in `events`, and in the accounting of events without a tour).
    func events(inputName: String, input: Int, line: Int = 1) -> [Event] {
        let hosts = turnHosts
        guard !hosts.isEmpty else { return [] }
        var e = Event(kind: .iceServers, origin: .browser, source: SourceLocation(input: input, line: line))
        e.servers = hosts
        return [e]
    }
}
