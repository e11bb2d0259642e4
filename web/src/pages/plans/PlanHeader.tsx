// The plan's metadata, its overall progress with the status counts (each a filter), and the exports.
import { SettingOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import { STATUS_COLOURS } from "../../components/StatusTag.tsx";
import { type AssignmentStatus, STATUS_LABEL, STATUS_ORDER } from "../../i18n/common.ts";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { ExportMenu } from "./ExportMenu.tsx";
import { type ClientRollUp, type Plan, periodOf } from "./planData.ts";
import { planEnded } from "./planEnded.ts";
import { RollUpBar } from "./RollUpBar.tsx";
import { localToday } from "./reportPeriods.ts";

const text = {
  zh: {
    plans: "计划任务",
    docNumber: "文号",
    issuer: "印发单位",
    issuedOn: "印发日期",
    period: "期限",
    version: "版本",
    cadence: "报送周期",
    quarterly: "按季度",
    monthly: "按月",
    dueSoon: "到期提醒",
    days: "提前 {n} 天",
    superseded: "已被新版本取代",
    ended: "已结束",
    supersededNote: "这是一个旧版本，落实进展已转入新版本。",
    progress: "总体进展",
    ownShare: "本单位承担部分的进展",
    orgProgress: "{org} 的进展",
    tasks: "{t} 项任务，{m} 条举措",
    settings: "计划设置",
    none: "—",
  },
  en: {
    plans: "Plans",
    docNumber: "Doc. no.",
    issuer: "Issued by",
    issuedOn: "Issued on",
    period: "Period",
    version: "Version",
    cadence: "Reporting",
    quarterly: "Quarterly",
    monthly: "Monthly",
    dueSoon: "Due-soon alert",
    days: "{n} days ahead",
    superseded: "Superseded",
    ended: "Ended",
    supersededNote: "This is an older version; progress moved to the newer one.",
    progress: "Overall progress",
    ownShare: "Progress of your share",
    orgProgress: "Progress of {org}",
    tasks: "{t} tasks, {m} measures",
    settings: "Settings",
    none: "—",
  },
};

type Props = {
  plan: Plan;
  /** The roll-up the header shows: the whole plan's, or the filtered unit's. */
  rollUp: ClientRollUp | Plan["rollUp"]["plan"];
  orgName: string | undefined;
  orgId: number | undefined;
  /** The user sees only its own units' share of the plan (the roll-up counts that share). */
  partial: boolean;
  status: AssignmentStatus | undefined;
  onStatus(status: AssignmentStatus | undefined): void;
  onSettings: (() => void) | undefined;
  /** Opens the progress report / annual summary dialog. */
  onReport(): void;
};

export function PlanHeader(props: Props) {
  const { plan, rollUp, orgName, orgId, partial, status, onStatus, onSettings, onReport } = props;
  const t = useText(text);
  const { lang } = useLang();
  const measures = plan.tasks.reduce((n, task) => n + task.measures.length, 0);
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Link to="/plans">{t.plans}</Link> /
      </Typography.Paragraph>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {plan.title}
      </Typography.Title>
      {plan.status === "superseded" && (
        <Alert type="warning" showIcon title={t.supersededNote} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={14}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, xl: 3 }}
            items={[
              { key: "doc", label: t.docNumber, children: plan.docNumber ?? t.none },
              { key: "issuer", label: t.issuer, children: plan.issuer ?? plan.orgName },
              { key: "issuedOn", label: t.issuedOn, children: plan.issuedOn ?? t.none },
              {
                key: "period",
                label: t.period,
                children: (
                  <Space size={4}>
                    {periodOf(plan)}
                    {planEnded(plan, localToday()) && <Tag>{t.ended}</Tag>}
                  </Space>
                ),
              },
              {
                key: "version",
                label: t.version,
                children: (
                  <Space size={4}>
                    v{plan.version}
                    {plan.status === "superseded" && <Tag>{t.superseded}</Tag>}
                  </Space>
                ),
              },
              { key: "cadence", label: t.cadence, children: t[plan.cadence] },
              { key: "dueSoon", label: t.dueSoon, children: fill(t.days, { n: plan.dueSoonDays }) },
            ]}
          />
          <Space wrap style={{ marginTop: 8 }}>
            <ExportMenu
              planId={plan.id}
              org={orgId === undefined || orgName === undefined ? undefined : { id: orgId, name: orgName }}
              onReport={onReport}
            />
            {onSettings && (
              <Button icon={<SettingOutlined />} onClick={onSettings}>
                {t.settings}
              </Button>
            )}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={orgName ? fill(t.orgProgress, { org: orgName }) : partial ? t.ownShare : t.progress}
          >
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {fill(t.tasks, { t: plan.tasks.length, m: measures })}
            </Typography.Paragraph>
            <RollUpBar rollUp={rollUp} />
            <Space wrap size={[8, 8]} style={{ marginTop: 8 }} data-testid="status-counts">
              {STATUS_ORDER.filter((s) => (rollUp.counts[s] ?? 0) > 0).map((s) => (
                <Button
                  key={s}
                  size="small"
                  aria-pressed={status === s}
                  onClick={() => onStatus(status === s ? undefined : s)}
                  style={{
                    color: STATUS_COLOURS[s].text,
                    background: STATUS_COLOURS[s].tint,
                    borderColor: status === s ? STATUS_COLOURS[s].text : STATUS_COLOURS[s].border,
                  }}
                >
                  {STATUS_LABEL[lang][s]} {rollUp.counts[s]}
                </Button>
              ))}
            </Space>
          </Card>
        </Col>
      </Row>
    </>
  );
}
