extension SampleGenerator {
    /// Generates the CUR to `curPath` and, if given, the metrics CSV to `metricsPath`; a path ending in `.gz`
    /// is written gzip-compressed. Returns the statistics of the CUR.
    @discardableResult
    public static func write(
        configuration: Configuration, curTo curPath: String, metricsTo metricsPath: String? = nil
    ) throws -> SampleStatistics {
        let generator = try SampleGenerator(configuration)
        let statistics = try writeFile(curPath) { write in try generator.writeCUR(write) }
        if let metricsPath {
            var metrics = generator.metricsCSV()
            _ = try writeFile(metricsPath) { write in
                try metrics.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
            }
        }
        return statistics
    }

    /// Opens a plain or gzip writer for `path`, lets `body` write through it, and finishes the file.
    private static func writeFile<T>(
        _ path: String, _ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> T
    ) throws -> T {
        if path.hasSuffix(".gz") {
            let writer = try GzipFileWriter(path: path)
            let result = try body { try writer.write($0) }
            try writer.finish()
            return result
        }
        let writer = try PlainFileWriter(path: path)
        let result = try body { try writer.write($0) }
        try writer.finish()
        return result
    }
}
