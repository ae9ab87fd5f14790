extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws ``ParquetErrorMessage`` (the standard one rethrows `any Error`).
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws(ParquetErrorMessage) -> Result) throws(ParquetErrorMessage) -> Result {
        try withUnsafeBytes { bytes in Swift.Result { () throws(ParquetErrorMessage) in try body(bytes) } }.get()
    }
}

extension ArraySlice where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws ``ParquetErrorMessage``.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws(ParquetErrorMessage) -> Result) throws(ParquetErrorMessage) -> Result {
        try withUnsafeBytes { bytes in Swift.Result { () throws(ParquetErrorMessage) in try body(bytes) } }.get()
    }
}
