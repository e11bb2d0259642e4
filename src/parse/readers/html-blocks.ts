// Walks an HTML tree in document order and turns it into blocks: text outside tables becomes
// paragraph blocks, every table row a row block with spans expanded. Shared by the HTML reader and
// the Word reader (mammoth renders .docx as HTML).
import { type HTMLElement, type Node, NodeType, parse } from "node-html-parser";
import type { Block, SourceDocument } from "../blocks.ts";
import type { DocumentFormat } from "../types.ts";
import { expandSpans, hasContent, type SpanCell } from "./table-grid.ts";

const DROPPED = new Set(["script", "style", "head", "nav", "footer", "noscript", "template", "title", "svg", "iframe"]);
const BLOCK = new Set([
  "p",
  "div",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "blockquote",
  "pre",
  "section",
  "article",
  "main",
  "header",
  "aside",
  "address",
  "center",
  "form",
  "fieldset",
  "figure",
  "figcaption",
  "hr",
  "body",
  "html",
  "caption",
  "tr",
  "td",
  "th",
  "thead",
  "tbody",
  "tfoot",
]);

export function parseHtml(html: string): HTMLElement {
  // The parser keeps declarations and Word's downlevel-revealed conditionals (<![if !supportLists]>,
  // whose content is the rendered list number we want) as text; drop just the markers.
  const cleaned = html.replace(/<!doctype[^>]*>|<\?xml[^>]*>|<!\[(?:if[^\]]*|endif)\]>/gi, "");
  return parse(cleaned, {
    lowerCaseTagName: true,
    comment: false,
    blockTextElements: { script: true, style: true, noscript: true, pre: true },
  });
}

export function htmlToDocument(html: string, format: DocumentFormat): SourceDocument {
  const blocks: Block[] = [];
  let paragraph = 0;
  let table = 0;
  walkFlow(parseHtml(html), {
    splitLines: true,
    paragraph(text) {
      blocks.push({ kind: "paragraph", text, loc: { paragraph: ++paragraph } });
    },
    table(element) {
      table++;
      tableRows(element).forEach((cells, i) => {
        if (hasContent(cells)) blocks.push({ kind: "row", cells, loc: { table, row: i + 1 } });
      });
    },
  });
  return { format, blocks };
}

type Sink = {
  /** Outside tables a <br> ends a paragraph; inside a cell it stays a line break in it. */
  splitLines: boolean;
  paragraph(text: string): void;
  table(element: HTMLElement): void;
};

function walkFlow(root: Node, sink: Sink): void {
  let inline = "";
  const flush = () => {
    const pieces = sink.splitLines ? inline.split("\n") : [inline];
    for (const piece of pieces) {
      const text = tidy(piece);
      if (text) sink.paragraph(text);
    }
    inline = "";
  };
  const visit = (node: Node, pre: boolean): void => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      inline += pre ? node.text : collapseWhitespace(node.text);
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const element = node as HTMLElement;
    const tag = element.rawTagName?.toLowerCase() ?? "";
    if (DROPPED.has(tag) || element.getAttribute("hidden") !== undefined) return;
    if (tag === "br") {
      inline += "\n";
      return;
    }
    if (tag === "table") {
      flush();
      sink.table(element);
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    for (const child of element.childNodes) visit(child, pre || tag === "pre");
    if (block) flush();
  };
  visit(root, false);
  flush();
}

/** A table's own rows (not those of tables nested in its cells) as a rectangular grid. */
export function tableRows(table: HTMLElement): ReturnType<typeof expandSpans> {
  const rows: SpanCell[][] = [];
  for (const tr of ownRows(table)) {
    const cells: SpanCell[] = [];
    for (const td of tr.childNodes) {
      if (td.nodeType !== NodeType.ELEMENT_NODE) continue;
      const el = td as HTMLElement;
      const tag = el.rawTagName?.toLowerCase();
      if (tag !== "td" && tag !== "th") continue;
      cells.push({
        paragraphs: cellParagraphs(el),
        rowSpan: spanAttribute(el.getAttribute("rowspan")),
        colSpan: spanAttribute(el.getAttribute("colspan")),
      });
    }
    rows.push(cells);
  }
  return expandSpans(rows);
}

function* ownRows(table: HTMLElement): Generator<HTMLElement> {
  for (const child of table.childNodes) {
    if (child.nodeType !== NodeType.ELEMENT_NODE) continue;
    const el = child as HTMLElement;
    const tag = el.rawTagName?.toLowerCase();
    if (tag === "tr") yield el;
    else if (tag === "thead" || tag === "tbody" || tag === "tfoot") yield* ownRows(el);
  }
}

function spanAttribute(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= 0 ? n : 1;
}

/** A cell's block children become its paragraphs; a table nested inside adds its cells' paragraphs in reading order. */
function cellParagraphs(cell: HTMLElement): string[] {
  const paragraphs: string[] = [];
  walkFlow(cell, {
    splitLines: false,
    paragraph: (text) => paragraphs.push(text),
    table(element) {
      for (const row of tableRows(element)) {
        for (const nested of row) if (!nested.spanned) paragraphs.push(...nested.paragraphs);
      }
    },
  });
  return paragraphs;
}

const CJK = "[\\u2e80-\\u9fff\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef\\u3000-\\u303f]";
const CJK_BREAK = new RegExp(`(${CJK})[ \\t\\r\\f]*\\n\\s*(?=${CJK})`, "g");

/** HTML whitespace rules, except that a source line break between two CJK characters vanishes (as browsers do). */
function collapseWhitespace(text: string): string {
  return text.replace(CJK_BREAK, "$1").replace(/[ \t\r\n\f]+/g, " ");
}

function tidy(text: string): string {
  return text
    .replace(/\u00a0/g, " ")
    .split("\n")
    .map((line) => line.replace(/ {2,}/g, " ").trim())
    .filter((line) => line.length > 0)
    .join("\n");
}
