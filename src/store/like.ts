// LIKE patterns from user text: % and _ in a search are characters to find, not wildcards (a search
// for "%" must not match everything). Backslash is PostgreSQL's default LIKE escape.
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching text anywhere. */
export const likeContaining = (text: string): string => `%${escapeLike(text)}%`;

/** A LIKE pattern matching values that start with text. */
export const likeStarting = (text: string): string => `${escapeLike(text)}%`;
