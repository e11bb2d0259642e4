// What a supervision notice's state is, for tags and filters.
import type { ResponseOf } from "../../api/types.ts";
import type { SessionUser } from "../../auth/session.ts";
import { can } from "../../auth/session.ts";
import { formatDay } from "./format.ts";

export type Notice = ResponseOf<"/api/notices">["items"][number];
/** open: awaiting an answer; late: its date has passed, escalation comes with the next daily run. */
export type NoticeState = "open" | "late" | "escalated" | "answered";

export function noticeState(notice: Notice, today: string = formatDay(new Date())): NoticeState {
  if (notice.response !== null) return "answered";
  if (notice.escalatedAt) return "escalated";
  return notice.respondBy < today ? "late" : "open";
}

/** Only the unit the notice is addressed to answers it; the server says the same. */
export const canAnswer = (user: SessionUser, notice: Notice): boolean =>
  notice.response === null && notice.orgId === user.orgId && can.report(user.role);
