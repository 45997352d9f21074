/**
 * Output that never lies or leaks (issue 6): an interrupted run leaves the old report or none,
 * never half of one, and no temporary file; inputs are never written and an output path that is
 * an input (by any name) is refused; text from the inputs cannot become markup in the markdown
 * report; CSV outputs neutralise spreadsheet formulas.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run, tempDir } from "./_run.js";
import { expectOneMessage } from "./_report-checks.js";
import { withSignalsHeld, Interrupted } from "../../src/cli/signals.js";
import { loadStudy } from "../../src/io/load-study.js";
import { alignStudy } from "../../src/align/align-study.js";
import { writeLongCodedCsv, writeWideCodedCsv } from "../../src/io/coded-csv.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const CODERS = ["coder-a.txt", "coder-b.txt", "coder-c.txt"];
const OLD_MD = "# the old report\n";
const OLD_JSON = '{ "old": true }\n';

let tmp: { dir: string; done: () => void };
beforeEach(() => {
  tmp = tempDir();
  for (const f of CODERS) copyFileSync(join(ROOT, "data/interview-35", f), join(tmp.dir, f));
});
afterEach(() => tmp.done());

const tmpFiles = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith(".tmp"));
const fingerprint = (path: string) => ({ sha: createHash("sha256").update(readFileSync(path)).digest("hex"), mtime: statSync(path).mtimeMs });

/** Run the built CLI, send `signal` after `afterMs`, resolve with how it ended. */
function interrupt(args: string[], cwd: string, signal: NodeJS.Signals, afterMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, "bin/intercoder.js"), ...args], { cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill(signal), afterMs);
    child.on("error", fail);
    child.on("exit", (code, sig) => { clearTimeout(timer); done({ code, signal: sig, stderr }); });
  });
}

describe("an interrupted run leaves the old report or none", () => {
  // --bootstrap 50000 keeps the built CLI computing for seconds, so the signal lands mid-run.
  const args = [...CODERS, "--out", "out/X.md", "--json", "out/X.json", "--bootstrap", "50000"];

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} mid-run: the old X.md and X.json are intact, no temporary file`, async () => {
      mkdirSync(join(tmp.dir, "out"));
      writeFileSync(join(tmp.dir, "out/X.md"), OLD_MD);
      writeFileSync(join(tmp.dir, "out/X.json"), OLD_JSON);
      const r = await interrupt(["report", ...args], tmp.dir, signal, 300);
      expect(r.signal === signal || r.code === (signal === "SIGINT" ? 130 : 143), JSON.stringify(r)).toBe(true);
      expect(readFileSync(join(tmp.dir, "out/X.md"), "utf8")).toBe(OLD_MD);
      expect(readFileSync(join(tmp.dir, "out/X.json"), "utf8")).toBe(OLD_JSON);
      expect(tmpFiles(tmp.dir)).toEqual([]);
    });
  }

  it("SIGINT mid-run with no old report: no report and no temporary file", async () => {
    const r = await interrupt(["report", ...args], tmp.dir, "SIGINT", 300);
    expect(r.signal === "SIGINT" || r.code === 130, JSON.stringify(r)).toBe(true);
    expect(existsSync(join(tmp.dir, "out/X.md"))).toBe(false);
    expect(existsSync(join(tmp.dir, "out/X.json"))).toBe(false);
    expect(tmpFiles(tmp.dir)).toEqual([]);
  });

  it("a signal during the write is held until every output is in place, then the run stops (Interrupted, exit 130)", async () => {
    const written: string[] = [];
    const attempt = withSignalsHeld(() => {
      process.kill(process.pid, "SIGINT"); // arrives while the outputs are being written
      written.push("all outputs");
    });
    const error = await attempt.then(() => null, (e: unknown) => e);
    expect(written).toEqual(["all outputs"]);
    expect(error).toBeInstanceOf(Interrupted);
    expect((error as Interrupted).exitCode).toBe(130);
  });

  it("an output that cannot be written (the second) leaves the first untouched: no new file, no temporary file", async () => {
    writeFileSync(join(tmp.dir, "X.md"), OLD_MD);
    writeFileSync(join(tmp.dir, "blocker"), "a file, not a folder\n");
    const r = await run(["report", ...CODERS, "--bootstrap", "0", "--out", "X.md", "--json", "blocker/X.json"], tmp.dir);
    expect(r.code).toBe(1);
    expect(expectOneMessage(r.stderr)).toBe("OUTPUT_UNWRITABLE");
    expect(r.stderr).toMatch(/^intercoder: blocker\/X\.json: cannot write the output: a folder on its path is a file \((EEXIST|ENOTDIR)\); no output was changed \[OUTPUT_UNWRITABLE\]/);
    expect(readFileSync(join(tmp.dir, "X.md"), "utf8")).toBe(OLD_MD);
    expect(tmpFiles(tmp.dir)).toEqual([]);
  });

  it("a second output that is a folder leaves the first untouched", async () => {
    writeFileSync(join(tmp.dir, "X.md"), OLD_MD);
    mkdirSync(join(tmp.dir, "X.json"));
    const r = await run(["report", ...CODERS, "--bootstrap", "0", "--out", "X.md", "--json", "X.json"], tmp.dir);
    expect(r.code).toBe(1);
    expect(expectOneMessage(r.stderr)).toBe("OUTPUT_UNWRITABLE");
    expect(r.stderr).toMatch(/^intercoder: X\.json: cannot write the output: the path is a folder \(EISDIR\)/);
    expect(readFileSync(join(tmp.dir, "X.md"), "utf8")).toBe(OLD_MD);
    expect(tmpFiles(tmp.dir)).toEqual([]);
  });
});

describe("inputs are never written", () => {
  it("a report run leaves every input byte for byte and with its modification time", async () => {
    const before = CODERS.map((f) => fingerprint(join(tmp.dir, f)));
    const r = await run(["report", ...CODERS, "--bootstrap", "0", "--out", "r.md", "--json", "r.json"], tmp.dir);
    expect(r.code).toBe(0);
    expect(CODERS.map((f) => fingerprint(join(tmp.dir, f)))).toEqual(before);
  });

  const refused = async (out: string[], setup: () => void = () => {}) => {
    setup();
    const before = CODERS.map((f) => fingerprint(join(tmp.dir, f)));
    const r = await run(["report", ...CODERS, "--bootstrap", "0", ...out], tmp.dir);
    expect(r.code).toBe(1);
    expect(expectOneMessage(r.stderr)).toBe("OUTPUT_IS_INPUT");
    expect(r.stderr).toContain("is the input file coder-b.txt");
    expect(CODERS.map((f) => fingerprint(join(tmp.dir, f)))).toEqual(before);
    expect(r.stdout).toBe("");
  };

  it("refuses --out equal to an input", () => refused(["--out", "coder-b.txt"]));
  it("refuses --json equal to an input by another relative path", () => refused(["--json", "sub/../coder-b.txt"], () => mkdirSync(join(tmp.dir, "sub"))));
  it("refuses an output that is a symbolic link to an input", () => refused(["--out", "link.md"], () => symlinkSync(join(tmp.dir, "coder-b.txt"), join(tmp.dir, "link.md"))));
  it("refuses an output that is a hard link to an input", () => refused(["--out", "hard.md"], () => linkSync(join(tmp.dir, "coder-b.txt"), join(tmp.dir, "hard.md"))));
  it("refuses an output that is an input inside a study folder", async () => {
    for (const c of ["ann", "ben"]) mkdirSync(join(tmp.dir, "study", c), { recursive: true });
    copyFileSync(join(tmp.dir, "coder-a.txt"), join(tmp.dir, "study/ann/i35.txt"));
    copyFileSync(join(tmp.dir, "coder-b.txt"), join(tmp.dir, "study/ben/i35.txt"));
    const before = fingerprint(join(tmp.dir, "study/ben/i35.txt"));
    const r = await run(["report", "study", "--bootstrap", "0", "--json", "study/ben/i35.txt"], tmp.dir);
    expect(r.code).toBe(1);
    expect(expectOneMessage(r.stderr)).toBe("OUTPUT_IS_INPUT");
    expect(fingerprint(join(tmp.dir, "study/ben/i35.txt"))).toEqual(before);
  });
});

describe("text from the inputs never becomes markup", () => {
  const SCRIPT = "<script>alert(1)</script>";
  const IMG = "<img src=x onerror=alert(1)>";
  const delve = (codes: string[]) => [
    `Interview ${SCRIPT}`, "Interviewer 1", `What do you think of ${IMG} and ${SCRIPT}?`,
    "Interviewee", `I would write ${SCRIPT} in the page, then ${IMG}.`, ...(codes.length ? [codes.join("\n")] : []),
    "Interviewer 1", "Anything else to add about the security of the page?",
    "Interviewee", "No, that is all for now, thank you for asking.", "Data-security",
    "Created with the Delve Tool (delvetool.com)",
  ].join("\n\n") + "\n";

  it("markdown escapes <script> and <img onerror> in titles and excerpts; JSON keeps them as strings", async () => {
    writeFileSync(join(tmp.dir, "ann.txt"), delve(["Web-xss"]));
    writeFileSync(join(tmp.dir, "ben.txt"), delve([]));
    const r = await run(["report", "ann.txt", "ben.txt", "--bootstrap", "0", "--out", "x.md", "--json", "x.json"], tmp.dir);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(join(tmp.dir, "x.md"), "utf8");
    expect(md).not.toMatch(/<script|<img/i);
    expect(md).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(md).toContain("&lt;img src=x onerror=alert(1)&gt;");
    const json = JSON.parse(readFileSync(join(tmp.dir, "x.json"), "utf8")) as { transcripts: { name: string }[]; codes: { code: string; disagreements: { excerpt: string }[] }[] };
    expect(json.transcripts[0]!.name).toBe(`Interview ${SCRIPT}`);
    const excerpt = json.codes.find((c) => c.code === "Web-xss")!.disagreements[0]!.excerpt;
    expect(typeof excerpt).toBe("string");
    expect(excerpt).toContain(SCRIPT);
    expect(excerpt).toContain(IMG);
  });

  it("markdown escapes markup in code, coder and transcript names from a CSV", async () => {
    writeFileSync(join(tmp.dir, "t.csv"), [
      "transcript,turn,speaker,coder,code",
      `"${SCRIPT}",1,Interviewer,"<b>ann</b>","${IMG}"`,
      `"${SCRIPT}",1,Interviewer,ben,`,
      `"${SCRIPT}",2,Interviewee,"<b>ann</b>",Plain`,
      `"${SCRIPT}",2,Interviewee,ben,Plain`,
      `"${SCRIPT}",3,Interviewee,"<b>ann</b>",`,
      `"${SCRIPT}",3,Interviewee,ben,"${IMG}"`,
    ].join("\n") + "\n");
    const r = await run(["report", "t.csv", "--bootstrap", "0", "--out", "x.md", "--json", "x.json"], tmp.dir);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(join(tmp.dir, "x.md"), "utf8");
    expect(md).not.toMatch(/<script|<img|<b>/i);
    const json = JSON.parse(readFileSync(join(tmp.dir, "x.json"), "utf8")) as { coders: string[]; codes: { code: string }[] };
    expect(json.coders).toEqual(["<b>ann</b>", "ben"]);
    expect(json.codes.map((c) => c.code)).toContain(IMG);
  });
});

describe("CSV outputs neutralise spreadsheet formulas", () => {
  it("writeLongCodedCsv and writeWideCodedCsv prefix every formula-like cell with ', and the readers undo it", () => {
    const formulas = ["=HYPERLINK(\"http://x.example\")", "+1+1", "-2-2", "@SUM(A1)", "\t=1", "\r=1"];
    const rows = ["transcript,turn,speaker,coder,code"];
    formulas.forEach((f, i) => {
      const q = `"${f.replace(/"/g, '""')}"`;
      rows.push(`${q},${i + 1},${q},ann,${q}`, `${q},${i + 1},${q},${q},${q}`);
    });
    writeFileSync(join(tmp.dir, "f.csv"), rows.join("\n") + "\n");
    const study = loadStudy(["f.csv"], { cwd: tmp.dir });
    const aligned = alignStudy(study.groups, study.coders);
    for (const csv of [writeLongCodedCsv(aligned), writeWideCodedCsv(aligned)]) {
      const cells = (Papa.parse<string[]>(csv, { skipEmptyLines: true }).data).flat();
      const live = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]?\d+(\.\d+)?$/.test(c));
      expect(live).toEqual([]);
      // every formula text is still there, behind one quote mark
      for (const f of formulas.filter((x) => !/^[\t\r]/.test(x))) expect(cells).toContain(`'${f}`);
    }
    // Read back, the written long CSV gives the same codes (the guard is removed again).
    writeFileSync(join(tmp.dir, "back.csv"), writeLongCodedCsv(aligned));
    const again = loadStudy(["back.csv"], { cwd: tmp.dir });
    expect(again.groups.flatMap((g) => g.codings.flatMap((c) => c.codesUsed)).sort()).toEqual(study.groups.flatMap((g) => g.codings.flatMap((c) => c.codesUsed)).sort());
  });
});
