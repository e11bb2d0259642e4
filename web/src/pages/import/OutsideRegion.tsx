// The last step's guard: printed names that put work in another region's orgs (from the preview, or from
// the server refusing the import) are listed, and the import goes ahead only once a person ticks the box.
import { Alert, Checkbox, List } from "antd";
import { ApiError } from "../../api/client.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import type { Preview } from "./transfer.ts";

/** fromServer: named by a refused import, orgName then carries the org with its region. */
export type OutsideItem = { name: string; orgName: string; regionName: string | null; fromServer?: boolean };

export const refusedOutside = (error: unknown): boolean =>
  error instanceof ApiError && error.problem?.type === "urn:luoshi:problem:outside-region";

const text = {
  zh: {
    title: "以下名称对应的单位不在本单位所在地区，请核对是否正确",
    item: "“{name}” → {org}（{region}）",
    national: "全国",
    confirm: "我已核对，确认将相应举措分给本地区以外的单位",
  },
  en: {
    title: "These names resolve to orgs outside your region; check that they are right",
    item: "“{name}” → {org} ({region})",
    national: "national",
    confirm: "I have checked them: assign these measures to orgs outside our region",
  },
};

/** The outside-region assignments the preview found, plus those a refused import named (409 outside-region). */
export function outsideItems(preview: Preview, error: unknown): OutsideItem[] {
  const items: OutsideItem[] = preview.outsideRegion.map((o) => ({
    name: o.name,
    orgName: o.orgName,
    regionName: o.regionName,
  }));
  if (error instanceof ApiError && refusedOutside(error)) {
    for (const e of error.problem?.errors ?? []) {
      const name = e.path.replace(/^names\./, "");
      if (!items.some((i) => i.name === name))
        items.push({ name, orgName: e.message, regionName: null, fromServer: true });
    }
  }
  return items;
}

export function OutsideRegion({
  items,
  confirmed,
  onConfirm,
}: {
  items: OutsideItem[];
  confirmed: boolean;
  onConfirm(v: boolean): void;
}) {
  const t = useText(text);
  if (items.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 16 }}
      data-testid="outside-region-confirm"
      title={t.title}
      description={
        <>
          <List
            size="small"
            dataSource={items}
            renderItem={(i) => (
              <List.Item>
                {i.fromServer
                  ? `“${i.name}” → ${i.orgName}`
                  : fill(t.item, { name: i.name, org: i.orgName, region: i.regionName ?? t.national })}
              </List.Item>
            )}
          />
          <Checkbox checked={confirmed} onChange={(e) => onConfirm(e.target.checked)}>
            {t.confirm}
          </Checkbox>
        </>
      }
    />
  );
}
