// How a plan's section reads to people: by its printed heading ("（一）完善知识产权制度体系"), with the
// heading above it for context, rather than by the marker path the tracker keys it with ("四/（一）").

export type HeadingLike = { key: string; title: string };
export type SectionLabel = { title: string; parent: string | null };

/** "一" + "强化创造" → "一、强化创造"; bracketed or 第…部分 markers need no 、. */
export function headingText(marker: string, title: string): string {
  if (/^[（(]/.test(marker)) return `${marker}${title}`;
  if (/^第.+[部分章节篇]$/.test(marker)) return `${marker} ${title}`;
  return `${marker}、${title}`;
}

/** null where the plan printed no heading for the section (or was imported before headings were kept). */
export function sectionLabel(headings: HeadingLike[], section: string): SectionLabel | null {
  const byKey = new Map(headings.map((h) => [h.key, h.title]));
  const title = byKey.get(section);
  if (title === undefined) return null;
  const parts = section.split("/");
  const parentKey = parts.slice(0, -1).join("/");
  const parentTitle = byKey.get(parentKey);
  return {
    title: headingText(parts.at(-1) as string, title),
    parent: parentTitle === undefined ? null : headingText(parts.at(-2) as string, parentTitle),
  };
}
