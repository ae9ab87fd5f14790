import Foundation
import Testing
@testable import LambdaCostKit

/// A function's row as the lists and `functions.csv` render it (``FunctionRow/model(_:context:)``, made when a
/// template looks a key up) holds what the dictionary of every key holds (``ReportViewModel/functionEntry(_:context:)``).
@Suite struct FunctionRowTests {
    @Test func theLazyRowGivesEveryKeyOfTheEntryAndNoOther() throws {
        var report = try ShowbackPagesTests.report()
        // One function with other services tied to it (two charges), the others without.
        var share = OtherServiceCosts.FunctionShare()
        share.charges[.logIngestion] = OtherServiceCosts.Amount(cost: FixedDecimal(parsing: "1.25")!, quantity: FixedDecimal(2), rows: 3)
        share.charges[.apiGateway] = OtherServiceCosts.Amount(cost: FixedDecimal(parsing: "0.004")!, quantity: FixedDecimal(1), rows: 1)
        report.functions[0].otherServices = share
        let context = RenderContext(report: report)
        #expect(report.functions.count == 4)
        for function in report.functions {
            let entry = ReportViewModel.functionEntry(function, context: context)
            let row = FunctionRow.model(function, context: context)
            #expect(entry.count == FunctionRow.keys.count)
            for (key, value) in entry {
                let lazy = try #require(row[key], "\(key) of \(function.function.name)")
                #expect(Self.canonical(lazy) == Self.canonical(value), "\(key) of \(function.function.name)")
            }
            #expect(row["no_such_key"] == nil && row["month"] == nil)
        }
        // By hand: the function with other services, and one without.
        let tied = ReportViewModel.functionEntry(report.functions[0], context: context)
        #expect(tied["has_other_services"] as? Bool == true)
        #expect(tied["other_services_cost_usd"] as? String == "1.2540000000")
        #expect(tied["attributed_log_ingestion_usd"] as? String == "1.2500000000")
        #expect((tied["other_services"] as? [[String: Any]])?.count == 2)
        let plain = ReportViewModel.functionEntry(report.functions[1], context: context)
        #expect(plain["has_other_services"] as? Bool == false)
        #expect(plain["other_services_cost_usd"] as? String == "0.0000000000")
        #expect(plain["full_cost_usd"] as? String == plain["effective_cost_usd"] as? String)
        #expect((plain["other_services"] as? [[String: Any]])?.isEmpty == true)
    }

    /// A value as text, dictionaries with their keys in order.
    static func canonical(_ value: Any) -> String {
        if let dictionary = value as? [String: Any] {
            return "[" + dictionary.keys.sorted().map { "\($0): \(canonical(dictionary[$0]!))" }.joined(separator: ", ") + "]"
        }
        if let array = value as? [Any] { return "(" + array.map(canonical).joined(separator: ", ") + ")" }
        return "\(type(of: value)) \(value)"
    }

    /// A list renders its rows from the lazy models, and a key a row does not have is looked up around it.
    @Test func aTemplateLooksUpThroughALazyRow() throws {
        let template = try TemplateParser.parse("{{#rows}}{{name}}/{{outer}}/{{#has}}{{inner.x}}{{/has}};{{/rows}}")
        let renderer = TemplateRenderer(templates: ["t": template])
        let rows = ModelRows([1, 2], lazyRow: { number in
            LazyModel { key in
                switch key {
                case "name": "n\(number)"
                case "has": number == 2
                case "inner": ["x": "<\(number)>"] as [String: Any]
                default: nil
                }
            }
        })
        var output = TemplateOutput()
        renderer.render("t", model: ["rows": rows, "outer": "o"] as [String: Any], into: &output)
        #expect(String(decoding: output.bytes, as: UTF8.self) == "n1/o/;n2/o/&lt;2&gt;;")
    }
}
