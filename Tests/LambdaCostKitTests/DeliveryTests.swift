import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

/// Several input files must never count the same money twice.
@Suite struct DeliveryTests {
    static let header = "identity/LineItemId,identity/TimeInterval,bill/PayerAccountId,bill/BillingPeriodStartDate,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/ResourceId,lineItem/UsageAmount,lineItem/UnblendedCost\n"

    static func rows(_ ids: ClosedRange<Int>, cost: String = "0.5") -> String {
        ids.map { id in
            "li\(id),2026-10-01T0\(id % 10):00:00Z/2026-10-01T0\(id % 10 + 1):00:00Z,004519876321,2026-10-01T00:00:00Z,004519876321,Usage,2026-10-01T0\(id % 10):00:00Z,AWSLambda,Request,arn:aws:lambda:us-east-1:004519876321:function:f\(id),1000,\(cost)\n"
        }.joined()
    }

    static func write(_ text: String, _ relativePath: String, in folder: String) -> String {
        let path = folder + "/" + relativePath
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func ingest(_ paths: [String]) throws -> IngestResult {
        try IngestStage().run(.init(curFiles: paths))
    }

    /// The row hash reads every byte (in its two lanes and its last word), whatever the length, and its finished
    /// hashes sample about the share their modulus says.
    @Test func theRowHashReadsEveryByteAndSamplesEvenly() {
        for length in 1...48 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let hash = bytes.withUnsafeBufferPointer { DeliveryFingerprint.fnv(DeliveryFingerprint.fnvOffset, $0) }
            #expect(bytes.withUnsafeBufferPointer { DeliveryFingerprint.fnv(DeliveryFingerprint.fnvOffset, $0) } == hash)
            for index in 0..<length {
                var changed = bytes
                changed[index] ^= 0x01
                #expect(changed.withUnsafeBufferPointer { DeliveryFingerprint.fnv(DeliveryFingerprint.fnvOffset, $0) } != hash,
                        "length \(length), byte \(index)")
            }
            // A longer field starting with the same bytes is another value.
            #expect((bytes + [0]).withUnsafeBufferPointer { DeliveryFingerprint.fnv(DeliveryFingerprint.fnvOffset, $0) } != hash)
        }
        // Line-item-like IDs: 1 in 16 sampled at modulus 16, give or take.
        let sampled = (0..<4_096).filter { number in
            let id = Array("2k5a7fq3x\(number)/2026-10-01T00:00:00Z/2026-10-01T01:00:00Z".utf8)
            let hash = id.withUnsafeBufferPointer { DeliveryFingerprint.fnv(DeliveryFingerprint.fnvOffset, $0) }
            return DeliveryFingerprint.avalanche(hash) & 15 == 0
        }.count
        #expect((180...330).contains(sampled), "\(sampled) of 4096 sampled at modulus 16")
    }

    @Test func theLineItemSampleStaysBoundedAndStillFindsSharedItems() {
        var big = DeliveryFingerprint(path: "big/a.csv")
        big.maximumSample = 100
        var small = DeliveryFingerprint(path: "small/b.csv")
        var unrelated = DeliveryFingerprint(path: "small/c.csv")
        // Hashes that are multiples of 32: all sampled at first; the big file thins its sample to 1 in 2048.
        for index in UInt64(1)...5_000 { big.sample(index * 32) }
        for index in UInt64(4_000)...4_100 { small.sample(index * 32) }  // shares items 4000…4100 with big
        for index in UInt64(6_000)...6_100 { unrelated.sample(index * 32) }
        #expect(big.sampledLineItems.count <= 100)
        #expect(big.sampleModulus == 2_048)  // 5000 multiples of 32: ≤ 100 left only at multiples of 2048 (78)
        #expect(big.sampledLineItems.count == 78)
        #expect(small.sampleModulus == 1 && small.sampledLineItems.count == 101)
        // Thinned to 1 in 2048, the shared range 128000…131200 holds 129024 and 131072.
        #expect(big.conflict(with: small)?.contains("(2 sampled") == true)
        #expect(small.conflict(with: big)?.contains("(2 sampled") == true)
        #expect(big.conflict(with: unrelated) == nil)
    }

    @Test func partsOfOneDeliveryAreReadTogether() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = Self.write(Self.header + Self.rows(0...199), "delivery/report-00001.csv", in: folder)
        let second = Self.write(Self.header + Self.rows(200...399), "delivery/report-00002.csv", in: folder)
        let result = try ingest([first, second])
        #expect(result.rows.lambda == 400)
        #expect(result.totals.lambda == FixedDecimal(200))
    }

    @Test func partsOfOneDeliveryNamedThroughDifferentPathsAreOneFolder() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = Self.write(Self.header + Self.rows(0...199), "delivery/report-00001.csv", in: folder)
        _ = Self.write(Self.header + Self.rows(200...399), "delivery/report-00002.csv", in: folder)
        // The same folder written with "./" and a doubled slash.
        let second = folder + "/./delivery//report-00002.csv"
        let result = try ingest([first, second])
        #expect(result.rows.lambda == 400)
    }

    @Test func aCopyWithTheSameLineItemsIsRefused() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = Self.write(Self.header + Self.rows(0...399), "a/report.csv", in: folder)
        // The same line items, written differently (another cost format), so the bytes differ.
        let second = Self.write(Self.header + Self.rows(0...399, cost: "0.50"), "a/report (1).csv", in: folder)
        #expect {
            try ingest([first, second])
        } throws: { error in
            "\(error)".contains("holds line items that \(first) holds too") && "\(error)".contains("would count their cost twice")
        }
    }

    @Test func twoDeliveriesOfTheSamePeriodFromDifferentFoldersAreRefused() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A re-delivery with new line item IDs in its own assembly folder.
        let first = Self.write(Self.header + Self.rows(0...99), "20261001-20261101/assembly-1/report-1.csv", in: folder)
        let second = Self.write(Self.header + Self.rows(100...199), "20261001-20261101/assembly-2/report-1.csv", in: folder)
        #expect {
            try ingest([first, second])
        } throws: { error in
            "\(error)".contains("both bill payer 004519876321 for 2026-10 from different folders")
        }
    }

    @Test func theSameFileTwiceIsRefused() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = Self.write(Self.header + Self.rows(0...9), "report.csv", in: folder)
        #expect { try ingest([path, path]) } throws: { "\($0)".contains("was given twice") }
    }
}
