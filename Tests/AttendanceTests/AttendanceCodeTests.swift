import Testing
@testable import Attendance

@Suite("Attendance codes")
struct AttendanceCodeTests {
    @Test func everyCodeSince2024IsKnown() {
        let listed = "/ \\ L K V P W B D C1 M J1 S X C2 C T R I E Q Y1 Y2 Y3 Y4 Y5 Y6 Y7 G N O U Z #"
            .split(separator: " ").map(String.init)
        #expect(Set(AttendanceCode.current.map(\.symbol)) == Set(listed))
        #expect(AttendanceCode.current.count == listed.count)
    }

    @Test(arguments: [
        ("/", AttendanceCode.Counting.attended), ("\\", .attended), ("L", .attended), ("K", .attended),
        ("V", .attended), ("P", .attended), ("W", .attended), ("B", .attended),
        ("C1", .authorisedAbsence), ("M", .authorisedAbsence), ("J1", .authorisedAbsence), ("S", .authorisedAbsence),
        ("C2", .authorisedAbsence), ("C", .authorisedAbsence), ("T", .authorisedAbsence), ("R", .authorisedAbsence),
        ("I", .authorisedAbsence), ("E", .authorisedAbsence),
        ("G", .unauthorisedAbsence), ("N", .unauthorisedAbsence), ("O", .unauthorisedAbsence), ("U", .unauthorisedAbsence),
        ("D", .notPossible), ("X", .notPossible), ("Q", .notPossible), ("Y1", .notPossible), ("Y2", .notPossible),
        ("Y3", .notPossible), ("Y4", .notPossible), ("Y5", .notPossible), ("Y6", .notPossible), ("Y7", .notPossible),
        ("Z", .notPossible), ("#", .notPossible),
    ])
    func eachCodeCountsAsTheRulesSay(symbol: String, counting: AttendanceCode.Counting) {
        #expect(AttendanceCode(parsing: symbol)?.counting == counting)
    }

    @Test func legacyCodesAreAcceptedAndCountByTheirOldMeaning() {
        #expect(AttendanceCode(parsing: "H")?.counting == .authorisedAbsence)
        #expect(AttendanceCode(parsing: "F")?.counting == .authorisedAbsence)
        // J was counted as attended; it must not become J1 (a leave of absence).
        #expect(AttendanceCode(parsing: "J")?.counting == .attended)
        #expect(AttendanceCode(parsing: "J") != .interview)
        #expect(AttendanceCode(parsing: "Y")?.counting == .notPossible)
        #expect(AttendanceCode(parsing: "H")?.isLegacy == true)
        #expect(AttendanceCode(parsing: "H")?.nearestCurrentCode == .exceptionalCircumstances)
        #expect(!AttendanceCode.current.contains(.legacyAgreedHoliday))
    }

    @Test func unknownCodesAreRejected() {
        for bad in ["", "A", "Y8", "C3", "//", "present"] { #expect(AttendanceCode(parsing: bad) == nil) }
        #expect(AttendanceCode(parsing: " n ") == .reasonNotYetEstablished)
        #expect(AttendanceCode(parsing: "y4") == .siteClosedUnexpectedly)
    }

    @Test func compactFormsAreDistinctAndRoundTrip() {
        let chars = AttendanceCode.allCases.map(\.storageCharacter)
        #expect(Set(chars).count == chars.count)
        #expect(!chars.contains(AttendanceCode.noMarkStorageCharacter))
        for code in AttendanceCode.allCases {
            #expect(AttendanceCode(byte: code.byte) == code)
            #expect(AttendanceCode(storageCharacter: code.storageCharacter) == code)
            #expect(code.storageCharacter.isASCII && code.storageCharacter != "\\" && code.storageCharacter != "\"")
        }
    }
}
