import type { ParsedPlan } from "../parse/types.ts";

export function formatOutline(plan: ParsedPlan): string {
  return `${plan.title}\n`;
}
