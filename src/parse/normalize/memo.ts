// A bounded cache for the parser's pure readers of short strings (an annotation, a deadline phrase). Plans
// repeat them item after item ("（市市场监管局牵头，各区县人民政府配合）", "年底前"), and reading one is
// regex-heavy; each hit hands back a copy, so no caller shares (or can alter) another's result.
const LIMIT = 4096;

export function memoized<R>(
  read: (text: string, planYear: number | null) => R,
  copy: (result: R) => R,
): (text: string, planYear: number | null) => R {
  const cache = new Map<string, R>();
  return (text, planYear) => {
    const key = `${planYear ?? ""}\u0000${text}`;
    const hit = cache.get(key);
    if (hit !== undefined) return copy(hit);
    const result = read(text, planYear);
    if (cache.size >= LIMIT) cache.clear();
    cache.set(key, result);
    return copy(result);
  };
}
