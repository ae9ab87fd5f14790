/// Fixed fake price-list identifiers: a SKU per region and usage type, and a numeric rate ID per rate code.
/// They do not depend on the seed, like real SKUs.
enum SampleSKU {
    /// SKUs seen in the real CUR sample (us-east-1 requests and duration).
    private static let known: [String: String] = [
        "us-east-1|Request": "GU2ZS9HVP6QTQ7KE",
        "us-east-1|Lambda-GB-Second": "TG3M4CAGBA3NYQBH",
    ]
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    /// A 16-character SKU for a usage type in a region.
    static func sku(_ region: String, _ usageType: String) -> String {
        let key = "\(region)|\(usageType)"
        if let sku = known[key] { return sku }
        var random = SampleRandom(seed: SampleRandom.hash(key))
        return String(decoding: (0..<16).map { _ in alphabet[random.next(below: alphabet.count)] }, as: UTF8.self)
    }

    /// An 11-digit `pricing/RateId` for a rate code.
    static func rateId(_ rateCode: String) -> String {
        String(10_000_000_000 + Int(SampleRandom.hash(rateCode) % 900_000_000))
    }
}
