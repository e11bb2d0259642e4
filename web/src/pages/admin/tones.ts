// Tag colours for the admin tables, dark enough on their tints for WCAG AA (antd's presets are not).
import type { CSSProperties } from "react";

export const TONES = {
  green: { color: "#237804", background: "#f6ffed", borderColor: "#b7eb8f" },
  grey: { color: "#434343", background: "#fafafa", borderColor: "#d9d9d9" },
  blue: { color: "#003a8c", background: "#e6f4ff", borderColor: "#91caff" },
  red: { color: "#a8071a", background: "#fff1f0", borderColor: "#ffa39e" },
  orange: { color: "#873800", background: "#fff7e6", borderColor: "#ffd591" },
} satisfies Record<string, CSSProperties>;
