// HTML pages (a plan published on a government site, or "saved as web page" from Word or WPS).
import type { SourceDocument } from "../blocks.ts";
import { htmlToDocument } from "./html-blocks.ts";
import { decodeText } from "./text.ts";

export function readHtml(bytes: Uint8Array): SourceDocument {
  return htmlToDocument(decodeHtml(bytes), "html");
}

/** Decodes HTML bytes by BOM, then the declared <meta> charset, then the text reader's UTF-8/GB18030 guess. */
export function decodeHtml(bytes: Uint8Array): string {
  const bom = (bytes[0] === 0xef && bytes[1] === 0xbb) || bytes[0] === 0xff || bytes[0] === 0xfe;
  const declared = bom ? null : declaredCharset(bytes);
  if (declared) {
    try {
      return new TextDecoder(declared, { fatal: true }).decode(bytes);
    } catch {
      // The declaration is wrong (common: gb2312 pages labelled utf-8) or unknown; guess instead.
    }
  }
  return decodeText(bytes);
}

function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 8192));
  const match =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head);
  const label = match?.[1]?.toLowerCase();
  if (!label) return null;
  // GB2312 and GBK are subsets of GB18030; pages labelled with them routinely use GBK-only characters.
  if (/^(gb2312|gbk|x-gbk|gb_2312-80|cp936|ms936|windows-936|euc-cn|gb18030)$/.test(label)) return "gb18030";
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}
