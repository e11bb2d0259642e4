// The confirm step's counts, as plain functions: how many assignments the import creates (those the
// directory resolved plus those of the names a person matched by hand), and the span of the stated deadlines.
/** Every assignment the import will create: resolved ones and one per measure of each hand-matched name. */
export function assignmentCount(
  preview: { assignments: readonly unknown[]; unresolved: readonly { name: string; measures: number }[] },
  mappings: Record<string, number>,
): number {
  const matched = preview.unresolved
    .filter((u) => mappings[u.name] !== undefined)
    .reduce((sum, u) => sum + u.measures, 0);
  return preview.assignments.length + matched;
}

/** The earliest and latest stated due dates, or null when no measure states one. */
export function deadlineSpan(dues: readonly (string | null | undefined)[]): { from: string; to: string } | null {
  const dated = dues.filter((d): d is string => Boolean(d)).sort();
  const from = dated[0];
  const to = dated[dated.length - 1];
  return from && to ? { from, to } : null;
}
