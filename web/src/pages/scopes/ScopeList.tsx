// Selective scopes (有关地区 / 各有关市 / 有关单位, issue 10), shared by the measure page, the plan page, the
// supervision page (待选定) and the workbench (领办 offers): each measure's printed scope, its state (待选定
// scope pending, 领办中 until a date, 领办已截止, 已选定), who took it, and the buttons the caller may use —
// the office chooses the members or opens a 领办 window; a candidate unit opts in.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Input, List, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { toneStyle } from "../../components/StatusTag.tsx";
import { fill, useText } from "../../i18n/lang.tsx";
import { formatDay } from "../supervision/format.ts";

export type ScopeItem = ResponseOf<"/api/scopes/offers">["items"][number];

const text = {
  zh: {
    pending: "待选定 scope pending",
    opt_in: "领办中（截至{date}）",
    opt_in_closed: "领办已截止（{date}）",
    decided: "已选定",
    takers: "已承担：{names}",
    none: "尚无单位承担",
    choose: "选定承担单位",
    confirm: "确定选定",
    open: "开放领办",
    until: "领办截止",
    optIn: "领办",
    done: "已处理",
    candidates: "候选：{names}",
    optedIn: "（领办）",
  },
  en: {
    pending: "待选定 scope pending",
    opt_in: "Open for opt-in until {date}",
    opt_in_closed: "Opt-in closed ({date})",
    decided: "Decided",
    takers: "Held by: {names}",
    none: "Nobody holds it yet",
    choose: "Choose the units",
    confirm: "Confirm choice",
    open: "Open for opt-in",
    until: "Opt-in until",
    optIn: "Opt in (领办)",
    done: "Done",
    candidates: "Candidates: {names}",
    optedIn: " (opted in)",
  },
};

export function ScopeStateTag({ scope }: { scope: ScopeItem }) {
  const t = useText(text);
  const label = fill(t[scope.state], { date: scope.optInUntil ?? "" });
  const tone = scope.state === "decided" ? "done" : scope.state === "pending" ? "due_soon" : "on_track";
  return (
    <Tag style={toneStyle(tone)} data-testid="scope-state">
      {label}
    </Tag>
  );
}

function ScopeRow({ scope, showMeasure }: { scope: ScopeItem; showMeasure: boolean }) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [chosen, setChosen] = useState<number[]>([]);
  const [until, setUntil] = useState(() => formatDay(new Date(Date.now() + 14 * 86_400_000)));
  const act = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess() {
      message.success(t.done);
      for (const key of ["scopes", "measure", "assignments", "loop", "plan"])
        void client.invalidateQueries({ queryKey: [key] });
    },
    onError(error) {
      message.error(errorMessage(error));
    },
  });
  const path = { params: { path: { id: scope.id } } };
  const names = (xs: { orgName: string }[]) => xs.map((x) => x.orgName).join("、");
  return (
    <List.Item data-testid="scope-row">
      <Space direction="vertical" style={{ width: "100%" }}>
        <Space wrap>
          <Tag style={toneStyle("due_soon")}>{scope.via}</Tag>
          <ScopeStateTag scope={scope} />
          {showMeasure && (
            <Link to={`/measures/${scope.measureId}`}>
              {scope.planTitle} {scope.taskKey} {scope.measureText.slice(0, 60)}
            </Link>
          )}
        </Space>
        <Typography.Text type="secondary">
          {scope.takers.length > 0
            ? fill(t.takers, {
                names: scope.takers.map((x) => `${x.orgName}${x.optedIn ? t.optedIn : ""}`).join("、"),
              })
            : t.none}
        </Typography.Text>
        {scope.canDecide && (
          <>
            <Typography.Text type="secondary">{fill(t.candidates, { names: names(scope.candidates) })}</Typography.Text>
            <Space wrap>
              <Select
                mode="multiple"
                style={{ minWidth: 280 }}
                aria-label={t.choose}
                placeholder={t.choose}
                value={chosen}
                onChange={setChosen}
                optionFilterProp="label"
                options={scope.candidates.filter((c) => !c.holds).map((c) => ({ value: c.orgId, label: c.orgName }))}
              />
              <Button
                type="primary"
                loading={act.isPending}
                onClick={() =>
                  act.mutate(() =>
                    unwrap(
                      api.POST("/api/scopes/{id}/decide", {
                        ...path,
                        body: { orgIds: chosen, expectedVersion: scope.version },
                      }),
                    ),
                  )
                }
              >
                {t.confirm}
              </Button>
              {scope.state === "pending" && (
                <>
                  <Input
                    type="date"
                    aria-label={t.until}
                    addonBefore={t.until}
                    style={{ maxWidth: 260 }}
                    value={until}
                    onChange={(e) => setUntil(e.target.value)}
                  />
                  <Button
                    loading={act.isPending}
                    onClick={() =>
                      act.mutate(() =>
                        unwrap(
                          api.POST("/api/scopes/{id}/opt-in-window", {
                            ...path,
                            body: { until, expectedVersion: scope.version },
                          }),
                        ),
                      )
                    }
                  >
                    {t.open}
                  </Button>
                </>
              )}
            </Space>
          </>
        )}
        {scope.canOptIn && (
          <Button
            type="primary"
            loading={act.isPending}
            onClick={() => act.mutate(() => unwrap(api.POST("/api/scopes/{id}/opt-in", path)))}
          >
            {t.optIn}
          </Button>
        )}
      </Space>
    </List.Item>
  );
}

export function ScopeList({ items, showMeasure = false }: { items: ScopeItem[]; showMeasure?: boolean }) {
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(scope) => <ScopeRow key={scope.id} scope={scope} showMeasure={showMeasure} />}
    />
  );
}
