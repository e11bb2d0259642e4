// Chinese by default with an English switch. Each page keeps its own strings beside it (useText), so pages can
// be written and reviewed alone; strings many pages share live in common.ts.
import { createContext, type ReactNode, useContext, useMemo, useState } from "react";

export type Lang = "zh" | "en";
type LangState = { lang: Lang; setLang(lang: Lang): void };

const LangContext = createContext<LangState>({ lang: "zh", setLang: () => {} });
const STORAGE_KEY = "luoshi.lang";

function initialLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const value = useMemo<LangState>(
    () => ({
      lang,
      setLang(next) {
        setLangState(next);
        document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
        try {
          window.localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // Private windows may refuse storage; the switch still works for this visit.
        }
      },
    }),
    [lang],
  );
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

/** A page's strings in the current language; the English table must have every key the Chinese one has. */
export function useText<T extends Record<string, string>>(texts: { zh: T; en: { [K in keyof T]: string } }): T {
  const { lang } = useLang();
  return (lang === "zh" ? texts.zh : texts.en) as T;
}

/** Fills {name} placeholders: fill("共 {n} 项", { n: 3 }). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
