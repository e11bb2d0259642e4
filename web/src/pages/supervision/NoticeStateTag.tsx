// A notice's state as a tag; colours dark enough on their tints for WCAG AA (see StatusTag).
import { Tag } from "antd";
import { useText } from "../../i18n/lang.tsx";
import type { NoticeState } from "./notice.ts";

const text = {
  zh: { open: "待答复", late: "超期未答复", escalated: "已升级督办", answered: "已答复", wasEscalated: "曾升级" },
  en: {
    open: "Awaiting answer",
    late: "Answer late",
    escalated: "Escalated",
    answered: "Answered",
    wasEscalated: "Was escalated",
  },
};

const COLOURS: Record<NoticeState | "wasEscalated", { text: string; tint: string; border: string }> = {
  open: { text: "#874d00", tint: "#fffbe6", border: "#ffe58f" },
  late: { text: "#873800", tint: "#fff7e6", border: "#ffd591" },
  escalated: { text: "#a8071a", tint: "#fff1f0", border: "#ffa39e" },
  answered: { text: "#135200", tint: "#f6ffed", border: "#b7eb8f" },
  wasEscalated: { text: "#a8071a", tint: "#fff1f0", border: "#ffa39e" },
};

export function NoticeStateTag({ state }: { state: NoticeState | "wasEscalated" }) {
  const t = useText(text);
  const c = COLOURS[state];
  return (
    <Tag style={{ color: c.text, background: c.tint, borderColor: c.border }} data-state={state}>
      {t[state]}
    </Tag>
  );
}
