// 督办 on the measure page: a supervision notice about this measure to one of the units holding it (those the
// caller's office is over), written in the same dialog as from the supervision page.
import { AlertOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useState } from "react";
import { STATUS_ORDER } from "../../i18n/common.ts";
import { useText } from "../../i18n/lang.tsx";
import { NoticeModal } from "../supervision/NoticeModal.tsx";
import type { MeasureDetail } from "./MeasurePage.tsx";

const text = { zh: { supervise: "督办" }, en: { supervise: "Supervise" } };

export function SuperviseButton({ measure }: { measure: MeasureDetail }) {
  const t = useText(text);
  const [open, setOpen] = useState(false);
  if (!measure.canSupervise) return null;
  // Units not yet done first, worst first: those are the ones a notice is usually for.
  const holders = [...measure.assignments].sort(
    (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status),
  );
  const orgs = [...new Map(holders.map((a) => [a.orgId, { orgId: a.orgId, orgName: a.orgName }])).values()];
  const worst = holders[0]?.status ?? "overdue";
  return (
    <>
      <Button icon={<AlertOutlined />} onClick={() => setOpen(true)}>
        {t.supervise}
      </Button>
      {open && (
        <NoticeModal
          target={{ orgs, items: [{ measureId: measure.id, measureText: measure.text }], status: worst }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
