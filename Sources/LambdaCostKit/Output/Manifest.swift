/// `manifest.json`: what went in, what came out, and the reconciliation, with amounts as exact decimal strings.
public struct Manifest: Codable, Equatable, Sendable {
    public struct Tool: Codable, Equatable, Sendable {
        public var name: String
        public var version: String
    }

    public struct Catalog: Codable, Equatable, Sendable {
        public var version: String
        public var pricesAsOf: String

        enum CodingKeys: String, CodingKey {
            case version
            case pricesAsOf = "prices_as_of"
        }
    }

    public struct Input: Codable, Equatable, Sendable {
        public var path: String
        public var sha256: String
        public var bytes: Int
        public var rows: Int
        public var spelling: String
    }

    public struct Rows: Codable, Equatable, Sendable {
        public var read: Int
        public var lambda: Int
        public var otherServices: Int
        public var rejected: Int
        public var outsideMonth: Int
        public var rejectedWithoutCost: Int

        enum CodingKeys: String, CodingKey {
            case read, lambda, rejected
            case otherServices = "other_services"
            case outsideMonth = "outside_month"
            case rejectedWithoutCost = "rejected_without_cost"
        }

        public init(read: Int, lambda: Int, otherServices: Int, rejected: Int, outsideMonth: Int, rejectedWithoutCost: Int) {
            self.read = read
            self.lambda = lambda
            self.otherServices = otherServices
            self.rejected = rejected
            self.outsideMonth = outsideMonth
            self.rejectedWithoutCost = rejectedWithoutCost
        }

        /// The row counts of an ingest (also the `rows` of `--summary-json`).
        public init(_ ingest: IngestResult) {
            self.init(
                read: ingest.rows.read, lambda: ingest.rows.lambda, otherServices: ingest.rows.otherServices,
                rejected: ingest.rows.rejected, outsideMonth: ingest.rows.outsideMonth,
                rejectedWithoutCost: ingest.rejectedRowsWithoutCost)
        }
    }

    public struct Totals: Codable, Equatable, Sendable {
        public var inputUnblendedUSD: FixedDecimal
        public var lambdaUnblendedUSD: FixedDecimal
        public var otherUnblendedUSD: FixedDecimal
        public var rejectedUnblendedUSD: FixedDecimal
        public var outsideMonthUnblendedUSD: FixedDecimal

        enum CodingKeys: String, CodingKey {
            case inputUnblendedUSD = "input_unblended_usd"
            case lambdaUnblendedUSD = "lambda_unblended_usd"
            case otherUnblendedUSD = "other_unblended_usd"
            case rejectedUnblendedUSD = "rejected_unblended_usd"
            case outsideMonthUnblendedUSD = "outside_month_unblended_usd"
        }
    }

    public struct OutputFile: Codable, Equatable, Sendable {
        public var path: String
        public var digest: SHA256Digest
        public var bytes: Int

        public init(path: String, digest: SHA256Digest, bytes: Int) {
            self.path = path
            self.digest = digest
            self.bytes = bytes
        }

        /// The file's SHA-256 as 64 lowercase hexadecimal digits, as `manifest.json` writes it.
        public var sha256: String { digest.hex }

        enum CodingKeys: String, CodingKey {
            case path, sha256, bytes
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            path = try container.decode(String.self, forKey: .path)
            bytes = try container.decode(Int.self, forKey: .bytes)
            let text = try container.decode(String.self, forKey: .sha256)
            guard let digest = SHA256Digest(hex: text) else {
                throw DecodingError.dataCorruptedError(forKey: .sha256, in: container, debugDescription: "expected 64 hexadecimal digits")
            }
            self.digest = digest
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(path, forKey: .path)
            try container.encode(sha256, forKey: .sha256)
            try container.encode(bytes, forKey: .bytes)
        }
    }

    /// Text written as JSON `null` when absent (a synthesized `Codable` would leave the key out).
    public struct NullableText: Codable, Equatable, Sendable {
        public var text: String?

        public init(_ text: String?) { self.text = text }

        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            text = container.decodeNil() ? nil : try container.decode(String.self)
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            if let text { try container.encode(text) } else { try container.encodeNil() }
        }
    }

    public var tool: Tool
    public var month: BillingMonth
    /// Whether the month's data reaches its last day (UTC); `false` for a partial month.
    public var monthComplete: Bool
    /// The start of the month's last hour with usage, ISO 8601, or `null` when the input holds no usage of it.
    public var lastUsageHour: NullableText
    public var catalog: Catalog
    public var inputs: [Input]
    public var metricsInputs: [String]
    /// Files under the input folders that were not read, and why, sorted by path (`[]` when none).
    public var skipped: [SkippedFile]
    public var rows: Rows
    public var totals: Totals
    public var roundedAmounts: Int
    public var outputs: [OutputFile]
    /// When the report was made, as given with `--generated-at`; absent otherwise (the tool never reads the clock).
    public var generatedAt: String?

    enum CodingKeys: String, CodingKey {
        case tool, month, catalog, inputs, skipped, rows, totals, outputs
        case metricsInputs = "metrics_inputs"
        case monthComplete = "month_complete"
        case lastUsageHour = "last_usage_hour"
        case roundedAmounts = "rounded_amounts"
        case generatedAt = "generated_at"
    }

    /// Waits for the inputs' digests still being computed; throws when an input changed while it was read.
    public init(report: Report, metricsInputs: [String], outputs: [OutputFile], generatedAt: String? = nil) throws(InputError) {
        let ingest = report.ingest
        tool = Tool(name: "lambda-cost-report", version: ToolVersion.current)
        month = report.month
        monthComplete = ingest.monthComplete
        lastUsageHour = NullableText(ingest.coverage.lastUsageHour?.description)
        catalog = Catalog(version: report.catalogVersion, pricesAsOf: report.catalogPricesAsOf)
        inputs = []
        for file in ingest.inputs {
            inputs.append(Input(path: file.path, sha256: try file.sha256(), bytes: file.bytes, rows: file.rows, spelling: file.spelling.rawValue))
        }
        self.metricsInputs = metricsInputs
        skipped = ingest.skippedFiles
        rows = Rows(ingest)
        totals = Totals(
            inputUnblendedUSD: ingest.totals.input, lambdaUnblendedUSD: ingest.totals.lambda,
            otherUnblendedUSD: ingest.totals.otherServices, rejectedUnblendedUSD: ingest.totals.rejected,
            outsideMonthUnblendedUSD: ingest.totals.outsideMonth)
        roundedAmounts = ingest.roundedAmounts
        self.outputs = outputs
        self.generatedAt = generatedAt
    }
}
