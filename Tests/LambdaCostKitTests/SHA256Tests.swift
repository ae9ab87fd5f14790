import Foundation
import Testing
@testable import LambdaCostKit

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func matchesTheStandardVectors(text: String, digest: String) {
        #expect(SHA256.hex(of: Array(text.utf8)) == digest)
        // The digest held as its bytes writes the same digits, and reads them back, in either case.
        #expect(SHA256.digest(of: Array(text.utf8)).hex == digest)
        #expect(SHA256Digest(hex: digest) == SHA256.digest(of: Array(text.utf8)))
        #expect(SHA256Digest(hex: digest.uppercased()) == SHA256.digest(of: Array(text.utf8)))
    }

    @Test func aDigestIsReadOnlyFromSixtyFourHexadecimalDigits() throws {
        let digits = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(SHA256Digest(hex: String(digits.dropLast())) == nil)
        #expect(SHA256Digest(hex: digits + "0") == nil)
        #expect(SHA256Digest(hex: String(digits.dropLast()) + "g") == nil)
        #expect(SHA256Digest(hex: "") == nil)
        #expect(SHA256Digest(hex: digits) != SHA256Digest(hex: String(digits.dropLast()) + "c"))
        // A manifest entry keeps its digits through JSON, and one with other text is refused by its key.
        let entry = Manifest.OutputFile(path: "index.html", digest: try #require(SHA256Digest(hex: digits)), bytes: 3)
        let json = try JSONEncoder().encode(entry)
        #expect(String(decoding: json, as: UTF8.self).contains("\"sha256\":\"\(digits)\""))
        #expect(try JSONDecoder().decode(Manifest.OutputFile.self, from: json) == entry)
        let wrong = Data(#"{"path":"index.html","bytes":3,"sha256":"xyz"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Manifest.OutputFile.self, from: wrong) }
    }

    @Test func streamingEqualsOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let hasher = SHA256()
        for chunk in stride(from: 0, to: bytes.count, by: 37) {
            bytes[chunk..<min(chunk + 37, bytes.count)].withUnsafeBytes { hasher.update($0) }
        }
        #expect(hasher.finalizeHex() == SHA256.hex(of: bytes))
        // One million 'a': the FIPS 180-2 long vector.
        #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
