// One spelling for names and aliases, so that a name typed in a form, a spreadsheet or a plan matches
// the stored one: documents print full-width parentheses, people type half-width ones and stray spaces.

export function normalizeOrgName(raw: string): string {
  return raw.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）");
}

/** Joins a path of names; "/" never appears in an org name (the import rejects it). */
export const PATH_SEPARATOR = "/";
