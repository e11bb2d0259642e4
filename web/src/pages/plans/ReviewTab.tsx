// 待确认单位 (?tab=review): the plan's printed unit names no org matched, in one table. For each, pick the
// org it means or tick "create" (a new department under the issuing office); one submit resolves them all
// (POST …/unresolved/resolve-many), remembers each choice for this office's later imports and assigns the
// measures the name appeared in.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Checkbox, Empty, Space, Spin, Table, Typography } from "antd";
import { useState } from "react";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { OrgPicker } from "../import/OrgPicker.tsx";

type Entry = ResponseOf<"/api/plans/{id}/unresolved">["items"][number];
type Choice = { orgId: number } | { create: true };

const text = {
  zh: {
    intro:
      "以下单位名称在导入时未匹配到机构，相关举措暂无责任单位。为每个名称选择对应单位，或勾选“新建”作为本单位下属部门，然后一次提交。",
    name: "文件中的名称",
    measures: "涉及举措",
    org: "对应单位",
    pick: "搜索并选择单位",
    pickFor: "为“{name}”选择对应单位",
    create: "新建",
    suggestion: "目录中现有：{org}",
    submit: "提交 {n} 个名称",
    none: "没有待确认的单位名称",
    done: "已处理 {n} 个名称，还剩 {left} 个",
  },
  en: {
    intro:
      "These unit names matched no org at import; their measures have no responsible unit yet. Pick the org each one means, or tick “Create” to add it as a department under the issuing office, then submit them all at once.",
    name: "Name in the file",
    measures: "Measures",
    org: "Org",
    pick: "Search and pick an org",
    pickFor: "Org for “{name}”",
    create: "Create",
    suggestion: "Now in the directory: {org}",
    submit: "Submit {n} names",
    none: "No unit names to confirm",
    done: "{n} names resolved, {left} left",
  },
};

export function ReviewTab({ plan }: { plan: { id: number; orgId: number; regionCode: string } }) {
  const t = useText(text);
  const client = useQueryClient();
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const list = useQuery({
    queryKey: ["plans", plan.id, "unresolved"],
    queryFn: () => unwrap(api.GET("/api/plans/{id}/unresolved", { params: { path: { id: plan.id } } })),
  });
  const submit = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/plans/{id}/unresolved/resolve-many", {
          params: { path: { id: plan.id } },
          body: {
            items: Object.entries(choices).map(([name, c]) =>
              "orgId" in c
                ? { name, orgId: c.orgId }
                : {
                    name,
                    newOrg: { name, kind: "department" as const, parentId: plan.orgId, regionCode: plan.regionCode },
                  },
            ),
          },
        }),
      ),
    onSuccess() {
      setChoices({});
      for (const key of ["plans", "assignments", "orgs"]) void client.invalidateQueries({ queryKey: [key] });
    },
  });
  const set = (name: string, choice: Choice | undefined) =>
    setChoices(({ [name]: _, ...rest }) => (choice ? { ...rest, [name]: choice } : rest));
  if (list.isPending) return <Spin />;
  if (list.error) return <Alert type="error" showIcon title={errorMessage(list.error)} />;
  const items = list.data.items;
  const chosen = Object.keys(choices).length;
  return (
    <div data-testid="review-tab">
      {submit.data && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={fill(t.done, { n: submit.data.results.length, left: submit.data.remaining })}
        />
      )}
      {submit.error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(submit.error)} />}
      {items.length === 0 ? (
        <Empty description={t.none} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
          <Table<Entry>
            rowKey="name"
            size="small"
            pagination={false}
            dataSource={items}
            scroll={{ x: true }}
            expandable={{
              expandedRowRender: (e) => (
                <ul style={{ margin: 0 }}>
                  {e.measures.map((m) => (
                    <li key={m.id}>
                      {m.taskKey} · {m.text}
                    </li>
                  ))}
                </ul>
              ),
            }}
            columns={[
              {
                title: t.name,
                dataIndex: "name",
                render: (name: string, e) => (
                  <>
                    <Typography.Text strong>{name}</Typography.Text>
                    {e.suggestion && (
                      <div>
                        <Typography.Text type="secondary">
                          {fill(t.suggestion, { org: e.suggestion.orgName })}
                        </Typography.Text>
                      </div>
                    )}
                  </>
                ),
              },
              { title: t.measures, key: "n", width: 90, render: (_: unknown, e) => e.measures.length },
              {
                title: t.org,
                key: "org",
                width: 420,
                render: (_: unknown, e) => {
                  const c = choices[e.name];
                  return (
                    <Space.Compact style={{ width: "100%" }}>
                      <OrgPicker
                        value={c && "orgId" in c ? c.orgId : undefined}
                        onChange={(orgId) => set(e.name, orgId === undefined ? undefined : { orgId })}
                        placeholder={t.pick}
                        label={fill(t.pickFor, { name: e.name })}
                      />
                      <Checkbox
                        style={{ marginLeft: 8, whiteSpace: "nowrap" }}
                        checked={c !== undefined && "create" in c}
                        onChange={(ev) => set(e.name, ev.target.checked ? { create: true } : undefined)}
                      >
                        {t.create}
                      </Checkbox>
                    </Space.Compact>
                  );
                },
              },
            ]}
          />
          <Button
            type="primary"
            style={{ marginTop: 16 }}
            disabled={chosen === 0}
            loading={submit.isPending}
            onClick={() => submit.mutate()}
            data-testid="review-submit"
          >
            {fill(t.submit, { n: chosen })}
          </Button>
        </>
      )}
    </div>
  );
}
