// The plan view's 上级任务 column: per task the upper task it implements (confirmed) or the suggestion with its
// evidence (shared words, the upper measure met, whether it was handed down), accepted or rejected in one
// click with the row version seen; a picker links one by hand; the plan's upper plans are shown and edited
// in a small dialog. Only the plan's own offices decide; everyone else reads.
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Modal, Popover, Select, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import type { ResponseOf } from "../../api/types.ts";
import { fill, useText } from "../../i18n/lang.tsx";

export type PlanLink = ResponseOf<"/api/plans/{id}/links">["items"][number];
type Evidence = {
  shared?: string[];
  upperMeasure?: { text: string; scope: string | null } | null;
  handedDown?: boolean;
  sentences?: { lower: string; upper: string } | null;
};

// Text shades dark enough for WCAG AA on their tints (antd's preset gold and green are not).
const CONFIRMED_TAG = { color: "#237804", background: "#f6ffed", borderColor: "#b7eb8f" };
const SUGGESTED_TAG = { color: "#874d00", background: "#fffbe6", borderColor: "#ffe58f" };

const text = {
  zh: {
    suggested: "建议",
    confirmed: "已确认",
    related: "相关",
    accept: "采纳",
    reject: "不采纳",
    add: "关联上级任务",
    none: "无",
    why: "依据",
    score: "匹配度 {s}",
    shared: "共同词语：",
    upperMeasure: "对应上级举措：",
    handedDown: "该举措要求下级落实（各地区要…）",
    notHandedDown: "该举措由上级自身承担",
    trace: "落实链条",
    pickTitle: "为 {key} {title} 关联上级任务",
    pick: "搜索上级计划的任务",
    save: "关联",
    upperPlans: "上级计划（{n}）",
    upperPlansTitle: "本计划对照的上级计划",
    remove: "移除",
    addPlan: "添加上级计划",
    resuggest: "重新生成建议",
    resuggested: "已生成 {n} 条建议",
    reasonAncestor: "上级机关制定",
    reasonHanded: "向本单位部署任务",
    reasonCited: "本计划引用",
    reasonManual: "手工添加",
    more: "其他候选 {n} 项",
  },
  en: {
    suggested: "Suggested",
    confirmed: "Confirmed",
    related: "Related",
    accept: "Accept",
    reject: "Reject",
    add: "Link an upper task",
    none: "None",
    why: "Why",
    score: "Score {s}",
    shared: "Shared words: ",
    upperMeasure: "Upper measure met: ",
    handedDown: "That measure is handed down to lower levels (各地区要…)",
    notHandedDown: "That measure stays with the upper office",
    trace: "Trace",
    pickTitle: "Link {key} {title} to an upper task",
    pick: "Search the upper plans' tasks",
    save: "Link",
    upperPlans: "Upper plans ({n})",
    upperPlansTitle: "Plans this plan is aligned against",
    remove: "Remove",
    addPlan: "Add an upper plan",
    resuggest: "Suggest again",
    resuggested: "{n} suggestions made",
    reasonAncestor: "Issued above",
    reasonHanded: "Hands work down to us",
    reasonCited: "Cited by this plan",
    reasonManual: "Added by hand",
    more: "{n} other candidates",
  },
};

export function usePlanLinks(planId: number) {
  return useQuery({
    queryKey: ["links", planId],
    queryFn: () => unwrap(api.GET("/api/plans/{id}/links", { params: { path: { id: planId } } })),
  });
}

/** A task's links that matter: the confirmed ones, else the pending suggestions, best first. */
export function linksByTask(items: readonly PlanLink[] | undefined): Map<number, PlanLink[]> {
  const map = new Map<number, PlanLink[]>();
  for (const l of items ?? []) {
    if (l.state === "rejected") continue;
    map.set(l.lowerTaskId, [...(map.get(l.lowerTaskId) ?? []), l]);
  }
  return map;
}

function EvidenceView({ link }: { link: PlanLink }) {
  const t = useText(text);
  const e = (link.evidence ?? {}) as Evidence;
  return (
    <div style={{ maxWidth: 320 }} data-testid="link-evidence">
      {link.score !== null && <div>{fill(t.score, { s: link.score.toFixed(2) })}</div>}
      {e.shared && e.shared.length > 0 && (
        <div>
          {t.shared}
          {e.shared.slice(0, 8).join("、")}
        </div>
      )}
      {e.upperMeasure && (
        <div>
          {t.upperMeasure}
          <Typography.Text type="secondary">{e.upperMeasure.text}</Typography.Text>
        </div>
      )}
      {e.upperMeasure && <div>{e.handedDown ? t.handedDown : t.notHandedDown}</div>}
    </div>
  );
}

export function UpperTaskCell(props: {
  planId: number;
  task: { id: number; key: string; title: string };
  links: PlanLink[];
  mayDecide: boolean;
}) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [picking, setPicking] = useState(false);
  const done = () => client.invalidateQueries({ queryKey: ["links", props.planId] });
  const decide = useMutation({
    mutationFn: ({ link, action }: { link: PlanLink; action: "confirm" | "reject" }) =>
      action === "confirm"
        ? unwrap(
            api.POST("/api/links/{id}/confirm", { params: { path: { id: link.id } }, body: { version: link.version } }),
          )
        : unwrap(
            api.POST("/api/links/{id}/reject", { params: { path: { id: link.id } }, body: { version: link.version } }),
          ),
    onSuccess: done,
    onError: (error) => message.error(errorMessage(error)),
  });
  // An upper plan the user may not open (a unit's view of its share) leads to this task's own chain instead.
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => unwrap(api.GET("/api/plans")), staleTime: 60_000 });
  const readable = (planId: number) => (plans.data?.items ?? []).some((p) => p.id === planId);
  const confirmed = props.links.filter((l) => l.state === "confirmed");
  const pending = confirmed.length > 0 ? [] : props.links.filter((l) => l.state === "suggested");
  const [best, ...others] = pending;
  const line = (l: PlanLink) => (
    <span>
      <Link to={`/tasks/${readable(l.upperPlanId) ? l.upperTaskId : props.task.id}/trace`} title={l.upperPlanTitle}>
        <Typography.Text type="secondary">{l.upperKey} </Typography.Text>
        {l.upperTitle}
      </Link>{" "}
      <Popover content={<EvidenceView link={l} />} title={t.why} trigger="click">
        <Button type="link" size="small" style={{ padding: 0, height: "auto" }} data-testid={`why-${l.id}`}>
          {t.why}
        </Button>
      </Popover>
    </span>
  );
  return (
    <div data-testid={`upper-${props.task.id}`} style={{ display: "flex", flexDirection: "column", gap: 4 }}>
      {confirmed.map((l) => (
        <div key={l.id} data-testid="link-confirmed">
          <Tag style={l.kind === "primary" ? CONFIRMED_TAG : undefined}>
            {l.kind === "primary" ? t.confirmed : t.related}
          </Tag>
          {line(l)}
        </div>
      ))}
      {best && (
        <div data-testid="link-suggested" data-link={best.id}>
          <Tag style={SUGGESTED_TAG}>{t.suggested}</Tag>
          {line(best)}
          {props.mayDecide && (
            <Space size={4} style={{ marginTop: 2 }}>
              <Button
                size="small"
                type="primary"
                loading={decide.isPending}
                onClick={() => decide.mutate({ link: best, action: "confirm" })}
              >
                {t.accept}
              </Button>
              <Button size="small" onClick={() => decide.mutate({ link: best, action: "reject" })}>
                {t.reject}
              </Button>
            </Space>
          )}
          {others.length > 0 && (
            <Popover
              trigger="click"
              content={
                <div style={{ maxWidth: 320, display: "flex", flexDirection: "column", gap: 6 }}>
                  {others.map((o) => (
                    <div key={o.id}>
                      {line(o)}
                      {props.mayDecide && (
                        <Button size="small" type="link" onClick={() => decide.mutate({ link: o, action: "confirm" })}>
                          {t.accept}
                        </Button>
                      )}
                    </div>
                  ))}
                </div>
              }
            >
              <Button type="link" size="small" style={{ padding: 0 }}>
                {fill(t.more, { n: others.length })}
              </Button>
            </Popover>
          )}
        </div>
      )}
      {confirmed.length === 0 && !best && <Typography.Text type="secondary">{t.none}</Typography.Text>}
      {props.mayDecide && (
        <Button size="small" type="dashed" onClick={() => setPicking(true)} style={{ alignSelf: "flex-start" }}>
          {t.add}
        </Button>
      )}
      {picking && <PickUpperTask planId={props.planId} task={props.task} onClose={() => setPicking(false)} />}
    </div>
  );
}

export function useUpperPlans(planId: number) {
  return useQuery({
    queryKey: ["upper-plans", planId],
    queryFn: () => unwrap(api.GET("/api/plans/{id}/upper-plans", { params: { path: { id: planId } } })),
  });
}

function PickUpperTask(props: { planId: number; task: { id: number; key: string; title: string }; onClose(): void }) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const uppers = useUpperPlans(props.planId);
  const plans = useQueries({
    queries: (uppers.data?.items ?? []).map((u) => ({
      queryKey: ["plan", u.planId],
      queryFn: () => unwrap(api.GET("/api/plans/{id}", { params: { path: { id: u.planId } } })),
    })),
  });
  const options = useMemo(
    () =>
      plans.flatMap((p) =>
        (p.data?.tasks ?? []).map((task) => ({
          value: task.id,
          label: `${task.key} ${task.title}（${p.data?.title ?? ""}）`,
        })),
      ),
    [plans],
  );
  const [chosen, setChosen] = useState<number>();
  const add = useMutation({
    mutationFn: (upperTaskId: number) =>
      unwrap(
        api.POST("/api/plans/{id}/links", {
          params: { path: { id: props.planId } },
          body: { lowerTaskId: props.task.id, upperTaskId, kind: "primary" },
        }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["links", props.planId] });
      props.onClose();
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  return (
    <Modal
      open
      title={fill(t.pickTitle, { key: props.task.key, title: props.task.title })}
      onCancel={props.onClose}
      okText={t.save}
      okButtonProps={{ disabled: chosen === undefined, loading: add.isPending }}
      onOk={() => chosen !== undefined && add.mutate(chosen)}
    >
      <Select<number>
        aria-label={t.pick}
        placeholder={t.pick}
        showSearch={{ optionFilterProp: "label" }}
        style={{ width: "100%" }}
        options={options}
        value={chosen}
        onChange={setChosen}
        loading={uppers.isPending || plans.some((p) => p.isPending)}
        data-testid="upper-task-picker"
      />
    </Modal>
  );
}

/** The plan's upper plans: a button with their count, opening a dialog to see, add or remove them. */
export function UpperPlansButton({ planId, mayDecide }: { planId: number; mayDecide: boolean }) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const uppers = useUpperPlans(planId);
  const all = useQuery({
    queryKey: ["plans"],
    queryFn: () => unwrap(api.GET("/api/plans")),
    enabled: open && mayDecide,
  });
  const refresh = (items: ResponseOf<"/api/plans/{id}/upper-plans">) => {
    client.setQueryData(["upper-plans", planId], items);
    return client.invalidateQueries({ queryKey: ["links", planId] });
  };
  const onError = (error: unknown) => message.error(errorMessage(error));
  const remove = useMutation({
    mutationFn: (upperId: number) =>
      unwrap(api.DELETE("/api/plans/{id}/upper-plans/{upperId}", { params: { path: { id: planId, upperId } } })),
    onSuccess: refresh,
    onError,
  });
  const add = useMutation({
    mutationFn: (upper: number) =>
      unwrap(api.POST("/api/plans/{id}/upper-plans", { params: { path: { id: planId } }, body: { planId: upper } })),
    onSuccess: refresh,
    onError,
  });
  const suggest = useMutation({
    mutationFn: () => unwrap(api.POST("/api/plans/{id}/links/suggest", { params: { path: { id: planId } } })),
    onSuccess: async (r) => {
      message.success(fill(t.resuggested, { n: r.suggested }));
      await client.invalidateQueries({ queryKey: ["links", planId] });
    },
    onError,
  });
  const reason = {
    ancestor: t.reasonAncestor,
    handed_down: t.reasonHanded,
    cited: t.reasonCited,
    manual: t.reasonManual,
  } as const;
  const items = uppers.data?.items ?? [];
  const taken = new Set([planId, ...items.map((u) => u.planId)]);
  const planItems = (all.data as { items?: { id: number; title: string }[] } | undefined)?.items ?? [];
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="upper-plans">
        {fill(t.upperPlans, { n: items.length })}
      </Button>
      <Modal open={open} title={t.upperPlansTitle} onCancel={() => setOpen(false)} footer={null}>
        <div style={{ display: "flex", flexDirection: "column", gap: 8 }}>
          {items.map((u) => (
            <div key={u.planId} style={{ display: "flex", gap: 8, alignItems: "baseline", flexWrap: "wrap" }}>
              <Link to={`/plans/${u.planId}`} style={{ flex: "1 1 200px" }}>
                {u.title}
              </Link>
              <Tag>{reason[u.reason]}</Tag>
              {mayDecide && (
                <Button size="small" danger onClick={() => remove.mutate(u.planId)}>
                  {t.remove}
                </Button>
              )}
            </div>
          ))}
          {items.length === 0 && <Typography.Text type="secondary">{t.none}</Typography.Text>}
          {mayDecide && (
            <>
              <Select<number>
                aria-label={t.addPlan}
                placeholder={t.addPlan}
                showSearch={{ optionFilterProp: "label" }}
                style={{ width: "100%" }}
                value={null as unknown as number}
                options={planItems.filter((p) => !taken.has(p.id)).map((p) => ({ value: p.id, label: p.title }))}
                onChange={(id) => add.mutate(id)}
              />
              <Button onClick={() => suggest.mutate()} loading={suggest.isPending}>
                {t.resuggest}
              </Button>
            </>
          )}
        </div>
      </Modal>
    </>
  );
}
