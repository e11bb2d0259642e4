// The intermediate form every reader produces: the document as an ordered list of paragraphs and
// table rows. The layout grammar works on this alone, so a task table reads the same from Word,
// Excel, HTML, PDF or tab-separated text.
import type { DocumentFormat, SourceLoc } from "./types.ts";

export type Cell = {
  /** The cell's paragraphs in order, each with its line breaks kept as "\n". */
  paragraphs: string[];
  /**
   * True where this cell is the continuation of a vertically merged cell above it; its
   * paragraphs repeat the merged cell's text. Horizontal merges yield empty cells instead.
   */
  spanned?: boolean;
};

export type ParagraphBlock = { kind: "paragraph"; text: string; loc: SourceLoc };
export type RowBlock = { kind: "row"; cells: Cell[]; loc: SourceLoc };
export type Block = ParagraphBlock | RowBlock;

export type SourceDocument = {
  format: DocumentFormat;
  blocks: Block[];
};

export const cellText = (cell: Cell | undefined): string => (cell ? cell.paragraphs.join("\n") : "");
