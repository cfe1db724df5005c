import Testing

@testable import IcelensCore

/// Scans a JSON line and returns (ok, field values as Strings).
func scanJSON(_ line: String, labelKey: String? = nil) -> (Bool, [FieldSlot: String]) {
    var fields = LineFields()
    let bytes = Array(line.utf8)
    return bytes.withUnsafeBytes { raw in
        let ok = JSONFieldScanner.scan(raw, into: &fields, labelKey: labelKey.map { Array($0.utf8) })
        var values: [FieldSlot: String] = [:]
        for slot in FieldSlot.allCases where fields[slot].isPresent {
            values[slot] = FieldValue.string(raw, fields[slot]) ?? ""
        }
        return (ok, values)
    }
}

@Suite struct JSONFieldScannerTests {
    @Test func topLevelAndAliases() {
        let (ok, v) = scanJSON(#"{"TourId":"t-1","PEERID":"a-1","evt":"ice.state","state":"checking","ts":1772446500}"#)
        #expect(ok)
        #expect(v[.tour] == "t-1")
        #expect(v[.peer] == "a-1")
        #expect(v[.event] == "ice.state")
        #expect(v[.time] == "1772446500")
    }

    @Test(arguments: ["context", "attributes", "meta", "fields", "labels"])
    func oneLevelOfNesting(container: String) {
        let (ok, v) = scanJSON(#"{"msg":"x","\#(container)":{"room_id":"t-9","user_id":"u-1"}}"#)
        #expect(ok)
        #expect(v[.tour] == "t-9")
        #expect(v[.peer] == "u-1")
    }

    @Test func topLevelWinsOverNested() {
        let (_, v) = scanJSON(#"{"context":{"tour":"nested"},"tour":"top"}"#)
        #expect(v[.tour] == "top")
        let (_, w) = scanJSON(#"{"tour":"top","context":{"tour":"nested"}}"#)
        #expect(w[.tour] == "top")
    }

    @Test func deeperNestingIsNotRead() {
        let (ok, v) = scanJSON(#"{"context":{"inner":{"tour":"deep"}},"other":{"tour":"no"}}"#)
        #expect(ok)
        #expect(v[.tour] == nil)
    }

    @Test func escapesAndUnicode() {
        let (ok, v) = scanJSON(#"{"tour":"t-\"q\"\\\u00e9\ud83d\ude00","msg":"a\nb","peer":"caf\u00e9"}"#)
        #expect(ok)
        #expect(v[.tour] == "t-\"q\"\\é😀")
        #expect(v[.message] == "a\nb")
        #expect(v[.peer] == "café")
    }

    @Test func rawUTF8IsKept() {
        let (ok, v) = scanJSON(#"{"tour":"t-ü-日本","msg":"ok"}"#)
        #expect(ok)
        #expect(v[.tour] == "t-ü-日本")
    }

    @Test func arraysAndObjectsAreSkippedWithStringsInside() {
        let (ok, v) = scanJSON(
            #"{"a":[1,"]}",{"b":"}"}],"servers":[{"urls":["turn:h1.example:80"],"credential":"c-s"}],"tour":"t"}"#)
        #expect(ok)
        #expect(v[.tour] == "t")
        #expect(v[.servers]?.hasPrefix("[{") == true)
    }

    @Test func hostileDepthDoesNotCrash() {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let (ok, v) = scanJSON(#"{"x":\#(deep),"tour":"t-deep"}"#)
        #expect(ok)
        #expect(v[.tour] == "t-deep")
        let unbalanced = #"{"x":"# + String(repeating: "{\"a\":", count: 100_000)
        #expect(!scanJSON(unbalanced).0)
    }

    @Test(arguments: [
        #"{"tour":"t"#, #"{"tour":"t","#, #"{"tour" "t"}"#, #"{"tour":}"#, #"{tour:"t"}"#, #"{"a":1}x"#,
        #"{"a":[1,2}"#, "{", #"{"a":"b\"}"#, #"{"a":tru e}"#,
    ])
    func malformedIsRejected(line: String) {
        #expect(!scanJSON(line).0)
    }

    @Test func emptyObjectAndBlanks() {
        #expect(scanJSON("{}").0)
        #expect(scanJSON("  { \"tour\" : \"t\" , \"n\" : -1.5e3 , \"b\":true, \"z\":null }  ").1[.tour] == "t")
    }

    @Test func labelField() {
        let (_, v) = scanJSON(#"{"appVersion":"2.4.0","tour":"t"}"#, labelKey: "appversion")
        #expect(v[.label] == "2.4.0")
    }

    /// Strings are skipped eight bytes at a time: quotes, backslashes and escaped quotes at every offset of a word,
    /// and strings of every length around the word size, must read exactly as a byte-by-byte decode says.
    @Test func stringsOfEveryLengthAndEscapeOffset() throws {
        var rng = SplitMix64(seed: 42)
        let alphabet: [String] = ["a", "b", "\\\"", "\\\\", "é", " ", "\\n", "\\u0041", "x", "y", "z"]
        let decoded: [String: String] = ["\\\"": "\"", "\\\\": "\\", "\\n": "\n", "\\u0041": "A"]
        for length in 0..<40 {
            for _ in 0..<12 {
                var raw = ""
                var expected = ""
                for _ in 0..<length {
                    let piece = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                    raw += piece
                    expected += decoded[piece] ?? piece
                }
                let line = "{\"msg\":\"\(raw)\",\"tour\":\"t-\(length)\"}"
                let (ok, values) = scanJSON(line)
                #expect(ok, "\(line)")
                #expect(values[.message] == expected, "\(line)")
                #expect(values[.tour] == "t-\(length)", "\(line)")
            }
        }
        // An unterminated string ending anywhere in a word is malformed, never read past the line.
        for length in 0..<20 {
            let line = "{\"msg\":\"" + String(repeating: "q", count: length)
            #expect(!scanJSON(line).0)
            #expect(!scanJSON(line + "\\").0)
        }
    }
}
