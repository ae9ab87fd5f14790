/// A reason without a place, thrown by the decoding steps and placed (file, row group, column) by ``ParquetFile``.
struct ParquetErrorMessage: Error {
    var text: String

    init(_ text: String) { self.text = text }
}
