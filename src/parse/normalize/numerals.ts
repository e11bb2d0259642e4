// Chinese numerals as written in plans: 一…九十九 for headings and months, 〇/零 digits in dates.

const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "十二" → 12, "二十一" → 21, "一百零三" → 103; null when it is not a Chinese numeral. */
export function chineseToNumber(s: string): number | null {
  if (!/^[〇零一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === "百") {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else {
      current = DIGITS[ch] ?? 0;
    }
  }
  return total + current;
}

/** "二〇二四" → 2024: digit by digit, as years are written. */
export function chineseDigitsToNumber(s: string): number | null {
  if (!/^[〇零一二三四五六七八九]+$/.test(s)) return null;
  return Number([...s].map((ch) => DIGITS[ch]).join(""));
}

/**
 * Rewrites Chinese-numeral dates and months into Arabic digits: "二〇二四年四月十日" → "2024年4月10日",
 * "十月底前" → "10月底前". Other Chinese numerals are left alone.
 */
export function arabizeDates(s: string): string {
  return s
    .replace(/([〇零一二三四五六七八九]{4})年/g, (_, y: string) => `${chineseDigitsToNumber(y)}年`)
    .replace(/([一二三四五六七八九十]{1,3})月/g, (m, n: string) => {
      const v = chineseToNumber(n);
      return v !== null && v >= 1 && v <= 12 ? `${v}月` : m;
    })
    .replace(/(\d{1,2}月)([一二三四五六七八九十]{1,3})日/g, (m, month: string, d: string) => {
      const v = chineseToNumber(d);
      return v !== null && v >= 1 && v <= 31 ? `${month}${v}日` : m;
    });
}

/** Full-width digits and punctuation that show up in numbers → ASCII. */
export const asciiDigits = (s: string): string =>
  s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/．/g, ".");
