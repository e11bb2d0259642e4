// What a password must not be (NIST SP 800-63B §5.1.1.2: check against lists of common and expected
// values, no composition rules): blank, one of the most common passwords (zxcvbn's list of about 49,000
// plus a list common among Chinese users), or the username (or a password containing it).
import { readFileSync } from "node:fs";
import { dictionary } from "@zxcvbn-ts/language-common";

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  // Loaded on first use: the list costs a few megabytes that a CLI command without passwords never needs.
  common ??= new Set([
    ...dictionary["passwords-common"],
    ...readFileSync(new URL("./common-passwords-zh.txt", import.meta.url), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#")),
  ]);
  return common;
}

/** Why the password is refused, in English and Chinese, or null when it may be used. */
export function passwordWeakness(password: string, username: string): string | null {
  if (password.trim() === "") return "password must not be only spaces / 密码不能只由空格组成";
  const folded = password.normalize("NFKC").toLowerCase();
  const name = username.trim().toLowerCase();
  if (name && folded.replace(/\s+/g, "").includes(name))
    return "password must not contain the username / 密码不能包含用户名";
  if (commonPasswords().has(folded) || commonPasswords().has(folded.replace(/\s+/g, "")))
    return "password is one of the most common passwords; choose a longer phrase of your own / 该密码属于最常见的密码，请换一个更长、只有您知道的短语";
  if (new Set(folded).size < 3)
    return "password repeats too few characters; choose a longer phrase of your own / 密码过于简单（重复字符），请换一个更长的短语";
  return null;
}
