import CIsal

/// Which library decodes gzip inputs. zlib is the default and the reference; ISA-L (Intel's igzip) decodes about
/// twice as fast and is used, when asked for, on inputs that can be read again from a member's start (regular
/// files): whenever ISA-L finds a member damaged or cut, that member is decoded again with zlib from its start, so
/// the bytes and the damage report are zlib's in every case (docs/decisions.md, "ISA-L").
public enum GzipDecoder: String, Sendable, CaseIterable {
    /// zlib's inflate: always available.
    case zlib
    /// Intel ISA-L's igzip, loaded at run time from libisal.so.2 (Debian package libisal2).
    case isal

    /// Why `.isal` cannot be used on this machine, or nil when it can.
    public static var isalUnavailableReason: String? {
        icelens_isal_unavailable_reason().map { String(cString: $0) }
    }
}
