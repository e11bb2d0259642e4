// Where partial copies carry the notice's facts when there is no notice above the plan: a web page's
// header fields ("发布机构：… 发文字号：… 成文日期：…"), a closing signature (issuer and date at the end),
// and a title line that names its issuer ("XX局关于印发《…》的通知", "XX局2024年知识产权工作要点").
import { type Block, cellText } from "../blocks.ts";
import { arabizeDates, asciiDigits, chineseToNumber } from "../normalize/numerals.ts";
import { isNoiseLine, squeeze, stripMarkup } from "../normalize/text.ts";

export type PageFields = { issuer: string | null; docNumber: string | null; issuedOn: string | null };

const FIELD_SCAN = 40;
const ISSUER_FIELD = /^(发布机构|发文机关|发文单位|制发机关|发布单位|成文单位|发文机构)$/;
const NUMBER_FIELD = /^(发文字号|文号|发文号|文件编号)$/;
const DATE_FIELD = /^(成文日期|成文时间|印发日期|发文日期|签发日期)$/;
/** "标 题：", "发布机构：": a short run of Chinese (spaces allowed inside) before a colon. */
const LABEL =
  /(?:^|[\s\t]|(?<=[号日局厅委室心府]))([\u4e00-\u9fa5](?:[\u4e00-\u9fa5 \u3000]{0,8}[\u4e00-\u9fa5])?)\s*[:：]/g;

const blockText = (b: Block) =>
  stripMarkup(b.kind === "paragraph" ? b.text : b.cells.map((c) => cellText(c)).join("\t"));

/** The labelled fields of a web page's header, wherever they stand in the first blocks. */
export function pageFields(blocks: readonly Block[]): PageFields {
  const fields: PageFields = { issuer: null, docNumber: null, issuedOn: null };
  for (const block of blocks.slice(0, FIELD_SCAN)) {
    const text = blockText(block);
    const labels = [...text.matchAll(LABEL)];
    labels.forEach((m, i) => {
      const label = squeeze(m[1] as string);
      const start = (m.index ?? 0) + m[0].length;
      const value = squeeze(text.slice(start, labels[i + 1]?.index ?? text.length));
      if (value === "") return;
      if (ISSUER_FIELD.test(label)) fields.issuer ??= value;
      else if (NUMBER_FIELD.test(label) && /号$/.test(value)) fields.docNumber ??= value;
      else if (DATE_FIELD.test(label)) fields.issuedOn ??= isoDate(value);
    });
  }
  return fields;
}

const DATE_LINE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

/** "2024年3月15日", "2024-03-15", "二〇二四年三月十五日" → ISO; anything else null. */
export function isoDate(raw: string): string | null {
  const text = asciiDigits(arabizeDates(squeeze(raw))).replace(/^[（(]|[）)]$/g, "");
  const m = DATE_LINE.exec(text) ?? /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/.exec(text) ?? chineseDate(text);
  if (!m) return null;
  return `${m[1]}-${String(m[2]).padStart(2, "0")}-${String(m[3]).padStart(2, "0")}`;
}

function chineseDate(text: string): [string, string, string, string] | null {
  const m = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/.exec(
    text,
  );
  if (!m) return null;
  const y = Number([...(m[1] as string)].map((c) => "〇一二三四五六七八九".indexOf(c === "零" ? "〇" : c)).join(""));
  return [m[0], String(y), String(chineseToNumber(m[2] as string)), String(chineseToNumber(m[3] as string))];
}

const ORG_END = "(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|领导小组|联席会议|局|厅|委|中心)";
const ISSUER_LIKE = new RegExp(`^[\\u4e00-\\u9fa5（）()、 ]{2,40}${ORG_END}$`);

/** A line that can be an issuing body: short, no sentence punctuation, ends with an office's word. */
export const looksLikeIssuer = (t: string): boolean => ISSUER_LIKE.test(squeeze(t)) && !/[。，：:；]/.test(t);

export type ClosingSignature = { issuer: string | null; issuedOn: string | null; start: number };

/**
 * The signature closing a copy: a date line at the end (footers, publication notes and 抄送/印发 lines
 * after it ignored), with the issuing body on the line above. `start` is where it begins, so the
 * lines are not read as the last task's text.
 */
export function closingSignature(blocks: readonly Block[], from: number): ClosingSignature | null {
  let i = blocks.length - 1;
  const skip = () => {
    while (i >= from) {
      const b = blocks[i] as Block;
      if (b.kind !== "paragraph" || !isNoiseLine(b.text)) break;
      i--;
    }
  };
  skip();
  const dateBlock = blocks[i];
  if (i < from || dateBlock?.kind !== "paragraph") return null;
  const issuedOn = isoDate(dateBlock.text);
  if (!issuedOn) return null;
  const start = i;
  i--;
  skip();
  const above = blocks[i];
  if (i >= from && above?.kind === "paragraph" && looksLikeIssuer(above.text)) {
    return { issuer: squeeze(above.text), issuedOn, start: i };
  }
  return { issuer: null, issuedOn, start };
}

const ISSUER_PREFIX = new RegExp(`^(.{2,40}?${ORG_END})(?=关于|(?:19|20)\\d{2}年|印发)`);

/** The issuer a title line names: "XX市市场监督管理局关于印发…", "XX局2024年知识产权工作要点". */
export function issuerInTitle(line: string): string | null {
  const m = ISSUER_PREFIX.exec(asciiDigits(squeeze(line)));
  if (!m || /^(全省|全市|全县|全区|全国|各)/.test(m[1] as string)) return null;
  return m[1] as string;
}
