import Foundation
import Testing

@testable import IcelensCore

/// `--gzip-decoder isal` gives the same report, events and accounting as zlib on the samples, on a cut copy of
/// one and through standard input (where zlib decodes); asked for where ISA-L is missing, it is a usage error.
@Suite(.serialized) struct GzipDecoderFlagTests {
    @Test(.enabled(if: IsalDecodingTests.isalPresent), arguments: ["report", "report --format json", "events"])
    func samplesGiveTheSameOutput(command: String) throws {
        let r = try CommandLineContractTests.shell(
            """
            "$0" \(command) "$1" > /tmp/icelens-zlib-$$ 2>&1; z=$?
            "$0" \(command) --gzip-decoder isal "$1" > /tmp/icelens-isal-$$ 2>&1; i=$?
            cmp -s /tmp/icelens-zlib-$$ /tmp/icelens-isal-$$ && echo same; echo "status=$z/$i"
            rm -f /tmp/icelens-zlib-$$ /tmp/icelens-isal-$$
            """)
        #expect(r.stdout.contains("same"), "\(command): \(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("status=0/0"), "\(command): \(r.stdout)")
    }

    @Test(.enabled(if: IsalDecodingTests.isalPresent)) func cutFileAndStandardInputGiveTheSameOutput() throws {
        let r = try CommandLineContractTests.shell(
            """
            cut=/tmp/icelens-cut-$$.log.gz
            head -c 40000 "$1/before/browser-guides.log.gz" > $cut
            "$0" report $cut > /tmp/icelens-zlib-$$ 2>&1
            "$0" report --gzip-decoder isal $cut > /tmp/icelens-isal-$$ 2>&1
            cmp -s /tmp/icelens-zlib-$$ /tmp/icelens-isal-$$ && echo same-cut
            grep -q "truncated gzip stream" /tmp/icelens-isal-$$ && echo cut-reported
            cat $cut | "$0" report --gzip-decoder isal > /tmp/icelens-isal-$$ 2>&1
            cat $cut | "$0" report > /tmp/icelens-zlib-$$ 2>&1
            cmp -s /tmp/icelens-zlib-$$ /tmp/icelens-isal-$$ && echo same-stdin
            # Standard input redirected from a file, not at its start: never rewound (review of the change).
            { head -c 16 > /dev/null; "$0" report --gzip-decoder isal - > /tmp/icelens-isal-$$ 2>&1; } < $cut
            { head -c 16 > /dev/null; "$0" report - > /tmp/icelens-zlib-$$ 2>&1; } < $cut
            cmp -s /tmp/icelens-zlib-$$ /tmp/icelens-isal-$$ && echo same-redirected
            rm -f $cut /tmp/icelens-zlib-$$ /tmp/icelens-isal-$$
            """)
        #expect(r.stdout.contains("same-cut"), "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("same-stdin"), "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("same-redirected"), "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("cut-reported"), "the cut is reported: \(r.stdout)")
    }

    @Test func unknownDecoderIsAUsageError() throws {
        let r = try CommandLineContractTests.shell("\"$0\" report --gzip-decoder zstd \"$1\"; echo \"status=$?\"")
        #expect(r.stdout.contains("status=64"), "\(r.stdout)")
        #expect(r.stderr.contains("zlib") && r.stderr.contains("isal"), "\(r.stderr)")
    }

    @Test func missingLibraryIsAUsageErrorThatSaysWhatToInstall() throws {
        let r = try CommandLineContractTests.shell(
            "ICELENS_ISAL_LIBRARY=/nonexistent/libisal.so.2 \"$0\" report --gzip-decoder isal \"$1\"; echo \"status=$?\""
        )
        #expect(r.stdout.contains("status=64"), "\(r.stdout)")
        #expect(r.stderr.contains("libisal2") && r.stderr.contains("zlib"), "\(r.stderr)")
        let named = try CommandLineContractTests.shell(
            "f=/tmp/icelens-notlib-$$; echo x > $f; ICELENS_ISAL_LIBRARY=$f \"$0\" report --gzip-decoder isal \"$1\";"
                + " echo \"status=$?\"; rm -f $f")
        #expect(named.stdout.contains("status=64"), "\(named.stdout)")
        #expect(named.stderr.contains("ICELENS_ISAL_LIBRARY"), "\(named.stderr)")
    }

    /// Regression (found trying the flag as a user): two logs in one file, log time going back, gave different
    /// tours with zlib and ISA-L (`StepBoundaryTests`).
    @Test(.enabled(if: IsalDecodingTests.isalPresent)) func twoLogsInOneFileGiveTheSameReport() throws {
        let r = try CommandLineContractTests.shell(
            """
            two=/tmp/icelens-two-$$.log
            gzip -dc "$1/after/browser-guides.log.gz" "$1/before/browser-guides.log.gz" | gzip -c > $two.gz
            "$0" report --format json $two.gz > /tmp/icelens-zlib-$$ 2>&1
            "$0" report --format json --gzip-decoder isal $two.gz > /tmp/icelens-isal-$$ 2>&1
            cmp -s /tmp/icelens-zlib-$$ /tmp/icelens-isal-$$ && echo same-isal
            rm -f $two.gz /tmp/icelens-*-$$
            """)
        #expect(r.stdout.contains("same-isal"), "\(r.stdout) \(r.stderr)")
    }

    /// The same regression without ISA-L: the same two logs plain and gzipped gave different tours and late
    /// events (37 against 20 with the binary of the start of the stop).
    @Test func twoLogsInOneFileGiveTheSameToursPlainOrGzipped() throws {
        let r = try CommandLineContractTests.shell(
            """
            two=/tmp/icelens-two-$$.log
            gzip -dc "$1/after/browser-guides.log.gz" "$1/before/browser-guides.log.gz" > $two
            gzip -c $two > $two.gz
            "$0" tours --format csv $two.gz 2> /tmp/icelens-a-$$ > /tmp/icelens-zlib-$$
            "$0" tours --format csv $two 2> /tmp/icelens-b-$$ > /tmp/icelens-isal-$$
            cmp -s /tmp/icelens-zlib-$$ /tmp/icelens-isal-$$ && echo same-plain-tours
            grep -o '[0-9,]* events came after' /tmp/icelens-a-$$ > /tmp/icelens-zlib-$$
            grep -o '[0-9,]* events came after' /tmp/icelens-b-$$ > /tmp/icelens-isal-$$
            test -s /tmp/icelens-zlib-$$ && cmp -s /tmp/icelens-zlib-$$ /tmp/icelens-isal-$$ && echo same-plain-late
            rm -f $two $two.gz /tmp/icelens-*-$$
            """)
        #expect(r.stdout.contains("same-plain-tours"), "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("same-plain-late"), "\(r.stdout) \(r.stderr)")
    }
}
