import Testing
@testable import LambdaCostKit

@Suite struct CURColumnsTests {
    @Test(arguments: [
        ("resourceTags/user:team", "team"), ("resource_tags_user_team", "team"), ("resourceTags/user:Cost-Center", "cost_center"),
        ("resource_tags_user_cost_center", "cost_center"), ("resourceTags/aws:createdBy", "aws_createdby"),
    ])
    func tagColumnsGiveTheSameKeyInEverySpelling(column: String, key: String) {
        #expect(CURColumns.tagKey(fromColumn: column) == key)
    }

    @Test(arguments: [("user_team", "team"), ("user_cost_center", "cost_center"), ("user:Cost-Center", "cost_center")])
    func cur2MapKeysMatchColumnKeys(mapKey: String, key: String) {
        #expect(CURColumns.userTagKey(mapKey) == key)
    }

    @Test func describesRecordLimits() {
        #expect(CSVReader.describeBytes(16 << 20) == "16 MiB")
        #expect(CSVReader.describeBytes(64 << 10) == "64 KiB")
        #expect(CSVReader.describeBytes(100) == "100 bytes")
    }
}
