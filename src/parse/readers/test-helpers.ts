// Shared by the readers' tests: a compact view of blocks that reads well in assertions.
import type { Block } from "../blocks.ts";

/** A paragraph as its text; a row as its cells' paragraphs joined by "|", spanned cells prefixed with "^". */
export function show(blocks: readonly Block[]): string[] {
  return blocks.map((block) =>
    block.kind === "paragraph"
      ? block.text
      : block.cells.map((c) => (c.spanned ? "^" : "") + c.paragraphs.join("/")).join(" | "),
  );
}
