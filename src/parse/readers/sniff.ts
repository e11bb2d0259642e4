// Recognizes a document's container from its first bytes. Extensions lie (a .doc that is really
// HTML, a .docx renamed to .pdf), so content decides and the name only breaks ties.
import { looksLikeText } from "./text.ts";

export type Container = "zip" | "pdf" | "ole" | "rtf" | "image" | "html" | "text" | "unknown";

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean =>
  magic.every((b, i) => bytes[at + i] === b);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const IMAGES: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x49, 0x49, 0x2a, 0x00], // TIFF little-endian
  [0x4d, 0x4d, 0x00, 0x2a], // TIFF big-endian
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x42, 0x4d], // BMP
];

export function sniffContainer(bytes: Uint8Array, fileName: string): Container {
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) return "zip";
  if (startsWith(bytes, OLE)) return "ole";
  // The PDF header may follow some junk; readers accept it anywhere in the first kilobyte.
  if (indexOfAscii(bytes.subarray(0, 1024), "%PDF-") >= 0) return "pdf";
  if (IMAGES.some((magic) => startsWith(bytes, magic)) && !looksLikeText(bytes)) return "image";
  const head = asciiHead(bytes);
  if (head.startsWith("{\\rtf")) return "rtf";
  if (!looksLikeText(bytes)) return "unknown";
  return looksLikeHtml(head, fileName) ? "html" : "text";
}

/** The first bytes as lower-case text with BOM, NULs (UTF-16) and leading whitespace removed. */
function asciiHead(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes.subarray(0, 4096)) if (b !== 0) text += b < 0x80 ? String.fromCharCode(b) : "\u00b7";
  return text.replace(/^[\u00b7\s]*/, "").toLowerCase();
}

function looksLikeHtml(head: string, fileName: string): boolean {
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<!doctype html/.test(head)) return true;
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<html[\s>]/.test(head)) return true;
  const early = head.slice(0, 2048);
  // Plain-text copies of tables use bare <p> inside cells, so <p> alone counts only when the text
  // opens with a tag or the name says HTML.
  if (/<(body|table|head|meta)[\s>]/.test(early)) return true;
  const tagged = /<(p|div|h[1-6]|br)[\s>/]/.test(early);
  if (tagged && head.startsWith("<")) return true;
  return tagged && /\.(x?html?|mht)$/i.test(fileName);
}

function indexOfAscii(bytes: Uint8Array, needle: string): number {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}
