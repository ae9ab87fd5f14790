import COpenSSLCrypto

/// Streaming SHA-256 through OpenSSL's libcrypto (hardware-accelerated where the CPU allows), used to
/// fingerprint inputs and outputs in `manifest.json`.
public final class SHA256 {
    private let context: OpaquePointer

    public init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("OpenSSL could not start a SHA-256 digest")
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds bytes to the digest.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        precondition(EVP_DigestUpdate(context, base, bytes.count) == 1, "OpenSSL SHA-256 update failed")
    }

    public func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        Array(bytes).withUnsafeBytes { update($0) }
    }

    /// The digest; call once.
    public func finalize() -> SHA256Digest {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &digest, &length) == 1 && length == 32, "OpenSSL SHA-256 final failed")
        return SHA256Digest(bytes: digest)
    }

    /// The digest as 64 lowercase hex digits; call once.
    public func finalizeHex() -> String { finalize().hex }

    /// The hex digest of a whole byte string.
    public static func hex<C: Collection>(of bytes: C) -> String where C.Element == UInt8 { digest(of: bytes).hex }

    /// The digest of a whole byte string.
    public static func digest<C: Collection>(of bytes: C) -> SHA256Digest where C.Element == UInt8 {
        let hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }
}
