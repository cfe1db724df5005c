import CZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sniffs gzip by magic bytes 1f 8b (not by file name); plain input passes through unchanged.
/// Gzip: streaming inflate (windowBits 16+MAX_WBITS) in ~256 KiB input chunks; multi-member streams (concatenated
/// .gz, rotated logs) read whole (inflateReset at each member end when more input follows, zero padding after the
/// last member tolerated); a truncated or corrupt stream delivers every byte decoded before the damage, then ends
/// the input cleanly and records `damage` (Damage(byteOffset: compressed offset where detected, reason: "...")).
/// Non-gzip trailing garbage after a member is damage too. Never throws for damage; throws only for I/O errors.
///
/// Inflate writes straight into the caller's buffer (no intermediate output copy). A read returns once it has
/// produced output and used up the compressed bytes it holds, so it never blocks on the raw source while it has
/// bytes to give.
///
/// With `GzipDecoder.isal` and a raw source that can rewind (a regular file), members are decoded by ISA-L; a
/// member ISA-L finds damaged or cut is decoded again by zlib from its start, the bytes already given skipped, so
/// the output and the damage are zlib's either way (`zlibReplays` counts such members).
public final class DecodingByteSource: ByteChunkSource {
    /// Size of the compressed-input buffer.
    public static let inputChunkSize = 256 * 1024

    /// True when the input began with the gzip magic bytes (known after the first read).
    public private(set) var isGzip: Bool = false
    /// Where and why decoding stopped early, or nil when the input was whole.
    public private(set) var damage: Damage?
    /// Raw (compressed) bytes taken from the wrapped source so far.
    public private(set) var compressedBytesRead: Int64 = 0
    /// The decoder asked for.
    public let decoder: GzipDecoder
    /// Members ISA-L found damaged or cut and zlib decoded again from their start.
    public private(set) var zlibReplays = 0
    /// Members ISA-L decoded (to their end or to damage).
    public private(set) var isalMembers = 0

    private enum Phase {
        case sniffing
        /// Plain input: `pending` sniffed bytes in the input buffer are delivered first, then raw reads.
        case plain
        /// Inside a gzip member, decoded by zlib.
        case inflating
        /// Inside a gzip member, decoded by ISA-L.
        case inflatingFast
        /// A member ended; decide what follows.
        case betweenMembers
        /// Zero padding after a member; only zeros may follow.
        case padding
        case finished
    }

    private let raw: ByteChunkSource
    private var phase: Phase = .sniffing
    private let inputBase: UnsafeMutableRawPointer
    /// Unconsumed compressed bytes in the input buffer: `inputBase[inputStart ..< inputEnd]` (plain and between
    /// members; while inflating the z_stream's next_in/avail_in is authoritative).
    private var inputStart = 0
    private var inputEnd = 0
    private var rawEnded = false
    private let stream: UnsafeMutablePointer<z_stream>
    private var streamReady = false
    /// ISA-L's state, when ISA-L decodes this input (decided at the first member: asked for, available, and a
    /// raw source that can rewind).
    private var fast: IsalMember?
    private var fastDecided = false
    /// Raw offset of the current member's first byte (where a zlib replay starts).
    private var memberStart: Int64 = 0
    /// Decoded bytes of the current member already given out by ISA-L.
    private var memberDelivered: Int64 = 0
    /// Decoded bytes zlib must still drop while replaying a member (ISA-L gave them already).
    private var discard: Int64 = 0

    /// Wraps a raw source; nothing is read until the first `read(into:)`. `decoder` `.isal` takes effect only
    /// when ISA-L is available and `raw` can rewind; otherwise zlib decodes.
    public init(_ raw: ByteChunkSource, decoder: GzipDecoder = .zlib) {
        self.raw = raw
        self.decoder = decoder
        self.inputBase = UnsafeMutableRawPointer.allocate(byteCount: Self.inputChunkSize, alignment: 16)
        self.stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        self.stream.initialize(to: z_stream())
    }

    deinit {
        if streamReady { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        inputBase.deallocate()
    }

    /// Reads decoded bytes; 0 at the end of input, at the end of the last member, or after damage.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let outBase = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            switch phase {
            case .sniffing:
                try sniff()
            case .plain:
                if inputStart < inputEnd {
                    let count = min(buffer.count, inputEnd - inputStart)
                    outBase.copyMemory(from: inputBase + inputStart, byteCount: count)
                    inputStart += count
                    return count
                }
                let count = try raw.read(into: buffer)
                compressedBytesRead += Int64(count)
                if count == 0 { phase = .finished }
                return count
            case .inflating:
                var produced = try inflate(into: outBase, capacity: buffer.count)
                if discard > 0 { produced = dropReplayed(outBase, produced) }
                if produced > 0 { return produced }
            case .inflatingFast:
                let produced = try inflateFast(into: outBase, capacity: buffer.count)
                if produced > 0 { return produced }
            case .betweenMembers:
                try decideAfterMember()
            case .padding:
                try skipPadding()
            case .finished:
                fast = nil  // ISA-L's buffers go as soon as the input ends
                return 0
            }
        }
    }

    // MARK: - Phases

    /// Reads until two bytes are known (or the input ends) and picks gzip or plain.
    private func sniff() throws {
        try fillInput(atLeast: 2)
        let available = inputEnd - inputStart
        if available >= 2, inputBase.load(fromByteOffset: inputStart, as: UInt8.self) == 0x1F,
            inputBase.load(fromByteOffset: inputStart + 1, as: UInt8.self) == 0x8B
        {
            isGzip = true
            let status = icelens_inflateInit2(stream, 16 + 15)
            guard status == Z_OK else {
                finish(damage: "cannot start gzip decoding (zlib status \(status))", at: consumedOffset)
                return
            }
            streamReady = true
            try startMember()
        } else {
            phase = available == 0 ? .finished : .plain
        }
    }

    /// Inflates into the caller's buffer until it has output and no buffered input, the member ends, or damage.
    private func inflate(into outBase: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        let outCapacity = min(capacity, 1 << 30)
        stream.pointee.next_out = outBase.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(outCapacity)
        while true {
            if inputStart == inputEnd {
                if stream.pointee.avail_out < uInt(outCapacity) { break }  // has output: give it before blocking
                if !rawEnded { try fillInput(atLeast: 1) }
            }
            let inputAvailable = inputEnd - inputStart
            stream.pointee.next_in = (inputBase + inputStart).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_in = uInt(inputAvailable)
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            inputStart = inputEnd - Int(stream.pointee.avail_in)
            switch status {
            case Z_STREAM_END:
                phase = .betweenMembers
                return outCapacity - Int(stream.pointee.avail_out)
            case Z_OK:
                if stream.pointee.avail_out == 0 { return outCapacity }
            case Z_BUF_ERROR:
                // No progress: needs more input. At the end of the raw input, the stream was cut short.
                if inputStart == inputEnd && rawEnded {
                    finish(damage: "truncated gzip stream (input ends inside a member)", at: consumedOffset)
                    return outCapacity - Int(stream.pointee.avail_out)
                }
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                finish(damage: "corrupt gzip data: \(detail)", at: consumedOffset)
                return outCapacity - Int(stream.pointee.avail_out)
            }
            if inputStart == inputEnd && rawEnded && status == Z_OK && stream.pointee.avail_out > 0 {
                // All input consumed without reaching the member's end.
                let produced = outCapacity - Int(stream.pointee.avail_out)
                finish(damage: "truncated gzip stream (input ends inside a member)", at: consumedOffset)
                return produced
            }
        }
        return outCapacity - Int(stream.pointee.avail_out)
    }

    /// Starts decoding the member at `consumedOffset`: with ISA-L when asked for and possible, else with zlib.
    /// ISA-L takes only headers whose flags are none or a file name (what gzip writes): it does not refuse the
    /// reserved flag bits zlib refuses, and loses the flags of a header split between two reads.
    private func startMember() throws {
        discard = 0
        if !fastDecided {
            fastDecided = true
            if decoder == .isal, let rewindable = raw as? RewindableByteSource, rewindable.canRewind {
                fast = IsalMember()
            }
        }
        if fast != nil { try fillInput(atLeast: 4) }
        let plainHeader =
            inputEnd - inputStart >= 4 && inputBase.load(fromByteOffset: inputStart + 3, as: UInt8.self) & ~0x08 == 0
        guard let fast, plainHeader else {
            inflateReset(stream)
            phase = .inflating
            return
        }
        fast.reset()
        memberStart = consumedOffset
        memberDelivered = 0
        isalMembers += 1
        phase = .inflatingFast
    }

    /// Gives ISA-L's decoded bytes of the member (decoding more when none may be given) until the member ends or
    /// ISA-L stops on damage or at the end of the input, where zlib takes the member over from its start.
    private func inflateFast(into outBase: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        guard let fast else { return 0 }
        while true {
            let given = fast.give(into: outBase, capacity: capacity)
            if given > 0 {
                memberDelivered += Int64(given)
                return given
            }
            if fast.finished {
                phase = .betweenMembers
                return 0
            }
            if inputStart == inputEnd {
                if !rawEnded { try fillInput(atLeast: 1) }
                if inputStart == inputEnd {  // the input ends inside the member: zlib says how
                    startReplay()
                    return 0
                }
            }
            let step = fast.decode(inputBase + inputStart, count: inputEnd - inputStart)
            inputStart += step.consumed
            if !step.ok {  // damage (or no progress): zlib decodes the member again and reports it
                startReplay()
                return 0
            }
        }
    }

    /// Rewinds the raw input to the current member's start and lets zlib decode it, dropping the bytes ISA-L gave.
    private func startReplay() {
        guard let rewindable = raw as? RewindableByteSource, rewindable.rewind(to: memberStart) else {
            finish(damage: "cannot read the input again to check a damaged gzip member", at: consumedOffset)
            return
        }
        zlibReplays += 1
        inputStart = 0
        inputEnd = 0
        rawEnded = false
        compressedBytesRead = memberStart
        inflateReset(stream)
        discard = memberDelivered
        phase = .inflating
    }

    /// Drops the first bytes zlib decodes while replaying a member (ISA-L gave them out already); returns how many
    /// of the `produced` bytes at `base` are left, moved to the front.
    private func dropReplayed(_ base: UnsafeMutableRawPointer, _ produced: Int) -> Int {
        let drop = Int(min(Int64(produced), discard))
        discard -= Int64(drop)
        if phase != .inflating, discard > 0 {
            // zlib stopped (or the member ended) before the end of the bytes ISA-L gave: ISA-L decoded more than
            // `IsalMember.holdBack` bytes of a block zlib refuses (docs/decisions.md, "ISA-L"), or the file changed
            // under the reader. Said in the damage rather than hidden.
            let note = "ISA-L had given \(discard) bytes more than zlib decodes"
            if let damage {
                self.damage = Damage(byteOffset: damage.byteOffset, reason: damage.reason + " (\(note))")
            } else {
                finish(damage: "gzip member decoded differently on a second read: \(note)", at: consumedOffset)
            }
            discard = 0
        }
        let kept = produced - drop
        if kept > 0, drop > 0 { memmove(base, base + drop, kept) }
        return kept
    }

    /// After a member's end: another member, zero padding, the clean end, or trailing garbage.
    private func decideAfterMember() throws {
        try fillInput(atLeast: 2)
        let available = inputEnd - inputStart
        if available == 0 {
            phase = .finished
            return
        }
        let first = inputBase.load(fromByteOffset: inputStart, as: UInt8.self)
        if first == 0 {
            phase = .padding
        } else if available >= 2 && first == 0x1F
            && inputBase.load(fromByteOffset: inputStart + 1, as: UInt8.self) == 0x8B
        {
            try startMember()
        } else {
            finish(damage: "trailing data after the last gzip member is not gzip", at: consumedOffset)
        }
    }

    /// Consumes zero bytes to the end of input; a non-zero byte is damage.
    private func skipPadding() throws {
        while true {
            if inputStart == inputEnd {
                if rawEnded {
                    phase = .finished
                    return
                }
                try fillInput(atLeast: 1)
                continue
            }
            let remaining = inputEnd - inputStart
            var index = 0
            let base = inputBase + inputStart
            while index < remaining && base.load(fromByteOffset: index, as: UInt8.self) == 0 { index += 1 }
            inputStart += index
            if index < remaining {
                finish(damage: "trailing data after the last gzip member is not gzip", at: consumedOffset)
                return
            }
        }
    }

    // MARK: - Helpers

    /// Offset in the raw input of the next unconsumed compressed byte.
    private var consumedOffset: Int64 { compressedBytesRead - Int64(inputEnd - inputStart) }

    private func finish(damage reason: String, at offset: Int64) {
        damage = Damage(byteOffset: offset, reason: reason)
        phase = .finished
    }

    /// Moves unconsumed input to the buffer's front and reads until `atLeast` bytes are buffered or the input ends.
    private func fillInput(atLeast minimum: Int) throws {
        if inputStart > 0 {
            let remaining = inputEnd - inputStart
            if remaining > 0 { inputBase.copyMemory(from: inputBase + inputStart, byteCount: remaining) }
            inputStart = 0
            inputEnd = remaining
        }
        while inputEnd < minimum && !rawEnded {
            let free = UnsafeMutableRawBufferPointer(start: inputBase + inputEnd, count: Self.inputChunkSize - inputEnd)
            let count = try raw.read(into: free)
            if count == 0 {
                rawEnded = true
            } else {
                inputEnd += count
                compressedBytesRead += Int64(count)
            }
        }
    }
}
