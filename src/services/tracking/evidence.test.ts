import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../../store/errors.ts";
import { checkEvidence, MAX_EVIDENCE_BYTES } from "./evidence.ts";

const refused = (fn: () => unknown, status: number, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof InputError && e.status === status && pattern.test(e.message));

test("the stored type comes from the extension, whatever generic type the client sent", () => {
  assert.equal(checkEvidence("照片.JPG", "application/octet-stream", 10), "image/jpeg");
  assert.equal(checkEvidence("a.txt", "text/plain; charset=utf-8", 10), "text/plain");
});

test("wrong types, mismatches, empty and oversized files are refused clearly", () => {
  refused(() => checkEvidence("page.html", "text/html", 10), 400, /not accepted/);
  refused(() => checkEvidence("a.pdf", "text/html", 10), 400, /does not match/);
  refused(() => checkEvidence("a.pdf", "application/pdf", 0), 400, /empty/);
  refused(() => checkEvidence("../a.pdf", "application/pdf", 10), 400, /file name/);
  refused(() => checkEvidence("a.pdf", "application/pdf", MAX_EVIDENCE_BYTES + 1), 413, /at most 20 MB/);
});
