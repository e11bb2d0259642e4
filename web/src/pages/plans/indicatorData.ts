// The indicators of a plan as GET /api/plans/:id/indicators returns them.
import type { ResponseOf } from "../../api/types.ts";

export type Indicator = ResponseOf<"/api/plans/{id}/indicators">["items"][number];
export type IndicatorValue = Indicator["values"][number];
