import assert from "node:assert/strict";
import { test } from "node:test";
import { CsvSyntaxError, decodeCsv, readCsv, writeCsv } from "./csv.ts";

test("quoted fields survive a write and a read", () => {
  const rows = [
    ["名称", "别名"],
    ['他说"好"', "a,b"],
    ["两行\n文字", " 前后空格 "],
    ["", "最后"],
  ];
  assert.deepEqual(readCsv(decodeCsv(writeCsv(rows))), rows);
});

test("LF, CRLF and a missing final newline read the same", () => {
  const expected = [
    ["a", "b"],
    ["c", ""],
  ];
  assert.deepEqual(readCsv("a,b\nc,\n"), expected);
  assert.deepEqual(readCsv("a,b\r\nc,\r\n"), expected);
  assert.deepEqual(readCsv("a,b\r\nc,"), expected);
});

test("a GB18030 file from Excel on Chinese Windows is decoded", () => {
  // "省法院,是" in GB18030
  const bytes = Uint8Array.from([0xca, 0xa1, 0xb7, 0xa8, 0xd4, 0xba, 0x2c, 0xca, 0xc7]);
  assert.deepEqual(readCsv(decodeCsv(bytes)), [["省法院", "是"]]);
});

test("an unclosed quote is a syntax error naming the record", () => {
  assert.throws(
    () => readCsv('a,b\n"never closed,c\n'),
    (e: unknown) => e instanceof CsvSyntaxError && /record 2/.test(e.message),
  );
});
