/** Short fuzz runs: whatever the bytes, readQdpx parses or throws an InputError (never anything else). */
import { unzipSync } from "fflate";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/model/errors.js";
import { fuzzRuns } from "../fuzz.config.js";
import { readQde, readQdpx } from "../../src/io/qdpx.js";
import { writeQdpx } from "../../src/io/qdpx-write.js";

const VALID = writeQdpx({
  users: ["Ann", "Ben"], codes: [{ name: "F", codable: false }, { name: "x", parent: "F" }, "y"],
  sources: [
    { name: "S", text: "Interviewer: a 🍕\r\nParticipant: b", codings: [{ coder: "Ann", code: "x", start: 13, end: 16 }, { coder: "Ben", code: "y", start: 18, end: 32 }] },
    { name: "I", text: "Participant: & < >", inline: true, codings: [{ coder: "Ben", code: "x", start: 0, end: 5 }] },
  ],
});
const XML = new TextDecoder().decode(unzipSync(VALID)["project.qde"]!);

/** Either a project or an InputError with a code; records which. */
function outcome(f: () => unknown): string {
  try {
    f();
    return "ok";
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(e.code).toMatch(/^[A-Z0-9_]+$/);
    expect(e.file).toBe("f.qdpx");
    return e.code;
  }
}

describe("readQdpx under random and mutated input", () => {
  it("reads the unmutated project", () => {
    expect(outcome(() => readQdpx(VALID, { file: "f.qdpx" }))).toBe("ok");
    expect(outcome(() => readQde(XML, { file: "f.qdpx" }))).toBe("ok");
  });

  it("random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => { outcome(() => readQdpx(bytes, { file: "f.qdpx" })); }), { numRuns: fuzzRuns(300) });
  });

  it("a valid project truncated, or with bytes changed", () => {
    fc.assert(fc.property(fc.nat(VALID.length), fc.array(fc.tuple(fc.nat(VALID.length - 1), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }), (cut, flips) => {
      const bytes = VALID.slice(0, cut === 0 ? VALID.length : cut);
      for (const [at, x] of flips) if (at < bytes.length) bytes[at] = bytes[at]! ^ x;
      outcome(() => readQdpx(bytes, { file: "f.qdpx" }));
    }), { numRuns: fuzzRuns(400) });
  });

  it("the project XML with characters changed or deleted", () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(XML.length - 1), fc.constantFrom("", "<", ">", "&", "\"", "-1", "x", "</Code>", "<!DOCTYPE")), { minLength: 1, maxLength: 4 }), (edits) => {
      let xml = XML;
      for (const [at, s] of edits) xml = xml.slice(0, at) + s + xml.slice(at + 1);
      const r = outcome(() => readQde(xml, { file: "f.qdpx" }));
      expect(typeof r).toBe("string");
    }), { numRuns: fuzzRuns(300) });
  });

  it("the project XML with whole lines (elements) deleted, duplicated or swapped", () => {
    const lines = XML.split("\n");
    const edit = fc.tuple(fc.nat(lines.length - 1), fc.constantFrom("delete", "duplicate", "swap"), fc.nat(lines.length - 1));
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
      const l = lines.slice();
      for (const [at, kind, other] of edits) {
        const i = at % l.length;
        if (kind === "delete") l.splice(i, 1);
        else if (kind === "duplicate") l.splice(i, 0, l[i]!);
        else { const j = other % l.length; [l[i], l[j]] = [l[j]!, l[i]!]; }
      }
      let project;
      try {
        project = readQde(l.join("\n"), { file: "f.qdpx" });
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        expect(e.file).toBe("f.qdpx");
        return;
      }
      // What was read is consistent: every coded span lies inside its transcript's text.
      for (const t of project.transcripts) for (const s of t.spans ?? []) expect(0 <= s.start && s.start < s.end && s.end <= (t.text ?? "").length).toBe(true);
    }), { numRuns: fuzzRuns(300) });
  });
});
