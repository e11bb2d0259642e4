import assert from "node:assert/strict";
import { test } from "node:test";
import { layoutPages, type PageContent } from "./pdf-layout.ts";
import type { Fragment } from "./pdf-text.ts";
import { show } from "./test-helpers.ts";

const noRules = { horizontal: [], vertical: [] };
const text = (str: string, y: number, x = 72): Fragment => ({ str, x, y, width: str.length * 10.5, size: 10.5 });

/** A footer "— N —" as a tagged PDF sets it: dash, space, number, space, dash, each its own string. */
function splitFooter(n: number): Fragment[] {
  const parts = ["—", " ", String(n), " ", "—"];
  let x = 282;
  return parts.map((str) => {
    const width = str === " " ? 2.7 : str.length * (str === "—" ? 10.5 : 5.3);
    const f = { str, x, y: 37.7, width, size: 10.5 };
    x += width;
    return f;
  });
}

test("a page number split into dash, space and digit strings is dropped whole on every page", () => {
  // A paragraph that runs on over three pages, its line ending short only on the last page.
  const full = "知识产权保护工作持续推进，各项措施落实到位并取得明显成效，形成长效机制";
  const pages: PageContent[] = [1, 2, 3].map((page) => ({
    page,
    rulings: noRules,
    fragments: [
      text(full, 760),
      text(full, 740),
      ...(page === 3 ? [text("完成。", 720)] : [text(full, 720)]),
      ...splitFooter(page),
    ],
  }));
  const blocks = show(layoutPages(pages));
  assert.ok(
    blocks.every((b) => !b.includes("—")),
    blocks.join("\n"),
  );
});
