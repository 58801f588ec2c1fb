import Foundation
import Testing

/// `rollcall audit export`: the whole trail with its hash chain, verified by the steps the
/// documentation gives a third party (Python's hashlib, not Rollcall).
@Suite("Exporting the audit trail")
struct AuditExportCommandTests {
    /// The Python in docs/store-format.md ("Verifying an audit export").
    static let verifier = """
        import hashlib, json, sys
        previous = None
        for number, line in enumerate(open(sys.argv[1], "rb"), start=1):
            prev = json.loads(line).get("prev")
            if prev is not None and prev != (previous or "0" * 64):
                raise SystemExit(f"line {number}: the line before it was changed, removed or inserted")
            previous = hashlib.sha256(line).hexdigest()
        print("chain verified; last line's SHA-256:", previous)
        """

    @Test func anExportVerifiesWithTheDocumentedStepsAndATamperedOneDoesNot() throws {
        let scratch = Scratch()
        let store = try StoreCommandTests().seeded(scratch)
        #expect(try RollcallProcess.run(["mark", "A1", "2025-09-08", "AM", "N", "--today", "2025-09-08", "--store", store]).status == 0)
        #expect(try RollcallProcess.run(["compact", "--store", store]).status == 0)
        #expect(try RollcallProcess.run(["mark", "A1", "2025-09-08", "PM", "/", "--today", "2025-09-08", "--store", store]).status == 0)

        let out = "\(scratch.path)/trail.jsonl"
        let r = try RollcallProcess.run(["audit", "export", "--out", out, "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        let tip = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("The last line's SHA-256: ") }?.split(separator: " ").last)
        let script = scratch.write("verify.py", Self.verifier)
        let verified = try RollcallProcess.run(executable: "/usr/bin/env", ["python3", script, out])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains(String(tip)), "\(verified.stdout)")

        // A word changed in the first line (the head's name, Hana Head): the second line's link no longer holds.
        var lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[0] = lines[0].replacingOccurrences(of: "Hana Head", with: "Hana Heed")
        try (lines.joined(separator: "\n") + "\n").write(toFile: out, atomically: true, encoding: .utf8)
        let tampered = try RollcallProcess.run(executable: "/usr/bin/env", ["python3", script, out])
        #expect(tampered.status != 0)
        #expect((tampered.stdout + tampered.stderr).contains("line 2"))

        // Never inside the store.
        let inside = try RollcallProcess.run(["audit", "export", "--out", "\(store)/trail.jsonl", "--store", store])
        #expect(inside.status != 0)
        #expect(inside.stderr.contains("inside the store"), "\(inside.stderr)")
    }
}
