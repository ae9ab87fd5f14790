/// A product code of another service's rows as the CUR reader caches it: its text, and whether a row of it can be
/// tied to a function at all under the run's rules (CloudWatch, for log groups; any product once a mapping or a
/// function tag is configured).
struct OtherServiceProduct {
    var code: String
    var mayAttribute: Bool
}
