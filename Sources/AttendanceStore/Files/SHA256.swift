import CCrypto
import Foundation

/// SHA-256, by OpenSSL's libcrypto: the link each journal line carries to the line before it.
enum SHA256 {
    /// Lower-case hex of the digest of `bytes`.
    static func hex<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var size: UInt32 = 0
        let contiguous = bytes as? Data ?? Data(bytes)
        let ok = contiguous.withUnsafeBytes { raw in
            digest.withUnsafeMutableBufferPointer { out in
                EVP_Digest(raw.baseAddress, raw.count, out.baseAddress, &size, EVP_sha256(), nil)
            }
        }
        precondition(ok == 1 && size == 32, "SHA-256 failed in libcrypto")
        let hexDigits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for b in digest.prefix(32) {
            text.append(hexDigits[Int(b >> 4)])
            text.append(hexDigits[Int(b & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The link before the first line of a store's trail: no line came before it.
    static let genesis = String(repeating: "0", count: 64)
}
