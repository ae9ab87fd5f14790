import Foundation

/// Reads the optional tuning inputs: AWS Lambda Power Tuning result JSON files and the Compute Optimizer
/// Lambda recommendations export (CSV). Each is joined to a function of the month by ARN (or, for a Power
/// Tuning file without `lambdaARN`, by a file name equal to a function name that is unique in the month).
public struct OptimizationInputReader {
    public init() {}

    /// Reads Power Tuning files; `known` are the month's functions, for joining by name.
    public func readPowerTuning(paths: [String], known: [FunctionIdentity], diagnostics: inout [Diagnostic]) throws -> [FunctionIdentity: PowerTuningResult] {
        var results: [FunctionIdentity: PowerTuningResult] = [:]
        for path in paths {
            let location = SourceLocation(file: path, line: 1, column: 1)
            guard let data = FileManager.default.contents(atPath: path) else { throw InputError(path: path, message: "cannot read the file") }
            guard let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw InputError(path: path, message: "expected a JSON object (an AWS Lambda Power Tuning result)")
            }
            let body = top["results"] as? [String: Any] ?? top
            guard let stats = body["stats"] as? [[String: Any]], !stats.isEmpty else {
                diagnostics.append(Diagnostic(.warning, at: location,
                    "no \"stats\" in the Power Tuning result (run it with includeOutputResults: true); file ignored"))
                continue
            }
            let identity: FunctionIdentity
            if let arn = top["lambdaARN"] as? String ?? body["lambdaARN"] as? String {
                guard let parsed = FunctionIdentity(arn: arn) else {
                    throw InputError(path: path, message: "\"lambdaARN\" is not a Lambda function ARN: \(arn)")
                }
                identity = parsed
            } else {
                let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                let matches = known.filter { $0.name == name }
                guard matches.count == 1 else {
                    diagnostics.append(Diagnostic(.warning, at: location, matches.isEmpty
                        ? "no function named '\(name)' in the month and no \"lambdaARN\" in the file; file ignored"
                        : "'\(name)' names \(matches.count) functions (several accounts or regions); add \"lambdaARN\" to the file; file ignored"))
                    continue
                }
                identity = matches[0]
            }
            var measurements: [PowerTuningResult.Measurement] = []
            for (index, entry) in stats.enumerated() {
                // A Lambda invocation lasts at most 15 minutes (900,000 ms); a price per invocation is far below $1,000.
                guard let memory = Self.integer(entry["value"]), (128...10_240).contains(memory),
                    let duration = Self.decimal(entry["averageDuration"]), !duration.isNegative, duration <= FixedDecimal(900_000)
                else {
                    throw InputError(path: path, message: "stats[\(index)] needs \"value\" (memory MB, 128–10240) and \"averageDuration\" (ms, 0–900000)")
                }
                let price = Self.decimal(entry["averagePrice"])
                if let price, price.isNegative || price > FixedDecimal(1000) {
                    throw InputError(path: path, message: "stats[\(index)]: \"averagePrice\" must be from 0 to 1000 (USD per invocation); found \(price)")
                }
                measurements.append(.init(memoryMB: memory, averageDurationMs: duration, averagePrice: price))
            }
            results[identity] = PowerTuningResult(
                function: identity, bestMemoryMB: Self.integer(body["power"]),
                measurements: measurements.sorted { $0.memoryMB < $1.memoryMB }, source: path)
        }
        return results
    }

    /// Reads Compute Optimizer export files (columns by name, as AWS writes them).
    public func readComputeOptimizer(paths: [String], diagnostics: inout [Diagnostic]) throws -> [FunctionIdentity: ComputeOptimizerRecommendation] {
        var results: [FunctionIdentity: ComputeOptimizerRecommendation] = [:]
        for path in paths {
            let reader = CSVReader(source: try ByteSource(path: path))
            guard try reader.nextRecord() else { throw InputError(path: path, message: "the file is empty") }
            var columns: [String: Int] = [:]
            for index in 0..<reader.fieldCount { columns[reader.lossyString(index).lowercased()] = index }
            guard columns["functionarn"] != nil, columns["finding"] != nil else {
                throw InputError(path: path, message: "not a Compute Optimizer Lambda export: expected columns 'functionArn' and 'finding'")
            }
            let width = reader.fieldCount
            while try reader.nextRecord() {
                guard reader.malformation == nil, reader.fieldCount == width else {
                    diagnostics.append(Diagnostic(.error, at: SourceLocation(file: path, line: reader.line, column: 1),
                        "expected \(width) well-formed fields as in the header; row ignored"))
                    continue
                }
                func text(_ name: String) -> String { columns[name].map { reader.lossyString($0) } ?? "" }
                guard let identity = FunctionIdentity(arn: text("functionarn")) else {
                    diagnostics.append(Diagnostic(.error, at: SourceLocation(file: path, line: reader.line, column: reader.column(ofField: columns["functionarn"]!)),
                        "expected a Lambda function ARN in 'functionArn', found \"\(text("functionarn"))\"; row ignored"))
                    continue
                }
                var savings = FixedDecimal(parsing: text("recommendationoptions_1_estimatedmonthlysavings_value"))
                if let value = savings, value.isNegative || value > FixedDecimal(1_000_000_000) {
                    diagnostics.append(Diagnostic(.warning, at: SourceLocation(file: path, line: reader.line, column: 1),
                        "the estimated monthly savings \(value) is not from 0 to 1,000,000,000 USD; not shown"))
                    savings = nil
                }
                results[identity] = ComputeOptimizerRecommendation(
                    function: identity, finding: text("finding"), reasons: text("findingreasoncodes"),
                    currentMemoryMB: Self.memoryMB(text("currentconfiguration_memorysize")),
                    recommendedMemoryMB: Self.memoryMB(text("recommendationoptions_1_configuration_memorysize")),
                    estimatedMonthlySavings: savings,
                    performanceRisk: text("currentperformancerisk"))
            }
        }
        return results
    }

    /// A JSON number or numeric string, exactly as written (JSON numbers arrive as their shortest text).
    static func decimal(_ value: Any?) -> FixedDecimal? {
        switch value {
        case let text as String: return FixedDecimal(parsing: text)
        case let number as NSNumber: return FixedDecimal(parsing: number.description)
        default: return nil
        }
    }

    /// A memory size Lambda allows (128–10240 MB), else `nil`.
    static func memoryMB(_ text: String) -> Int? { Int(text).flatMap { (128...10_240).contains($0) ? $0 : nil } }

    static func integer(_ value: Any?) -> Int? {
        guard let decimal = decimal(value), decimal.ceiling == decimal, decimal <= FixedDecimal(1_000_000) else { return nil }
        return Int(decimal.units / FixedDecimal.scale)
    }
}
