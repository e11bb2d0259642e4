// Step 5: what the import created — tasks, measures, assignments (and which group names fanned out to how
// many units), what changed against the previous version — and what still needs a person, with the way on.
import { Alert, Button, Card, Col, Descriptions, List, Result, Row, Space, Statistic, Tag } from "antd";
import { useNavigate } from "react-router";
import { fill, useLang, useText } from "../../i18n/lang.tsx";
import { fanOuts } from "./measures.ts";
import type { ImportResult, Preview } from "./transfer.ts";

const text = {
  zh: {
    done: "导入完成",
    doneSub: "《{title}》第 {v} 版已保存，责任单位已可在工作台看到分解给本单位的举措。",
    open: "查看计划",
    again: "再导入一份",
    tasks: "任务",
    measures: "落实举措",
    assignments: "分工",
    indicators: "指标",
    fanout: "按统称分解",
    fanoutItem: "“{via}” → {n} 个单位（{m} 项举措）",
    changes: "与上一版相比",
    unchanged: "未变",
    changed: "修改",
    added: "新增",
    removed: "删除",
    carried: "沿用进展报送",
    review: "仍需核对",
    reviewIntro:
      "以下单位名称未匹配到机构，暂未分工。可在计划的“待确认单位”清单中为它们选择或新建单位，相关举措随即分解到位：",
    reviewOpen: "打开待确认单位清单",
    nothing: "没有变化",
    reviewNone: "所有责任单位都已落实到机构，无需核对。",
    measuresN: "{n} 项举措",
  },
  en: {
    done: "Imported",
    doneSub: "“{title}” version {v} is saved; responsible units now see their measures on their workbench.",
    open: "Open the plan",
    again: "Import another",
    tasks: "Tasks",
    measures: "Measures",
    assignments: "Assignments",
    indicators: "Indicators",
    fanout: "Fanned out through collective names",
    fanoutItem: "“{via}” → {n} units ({m} measures)",
    changes: "Against the previous version",
    unchanged: "Unchanged",
    changed: "Changed",
    added: "Added",
    removed: "Removed",
    carried: "Reports carried over",
    review: "Still to review",
    reviewIntro:
      "These unit names matched no org; their measures have no responsible unit yet. Resolve them in the plan's list of names to confirm:",
    reviewOpen: "Open the names to confirm",
    nothing: "Nothing changed",
    reviewNone: "Every responsible unit is matched to an org; nothing to review.",
    measuresN: "{n} measures",
  },
};

export function ResultStep({ result, preview, onAgain }: { result: ImportResult; preview: Preview; onAgain(): void }) {
  const t = useText(text);
  const { lang } = useLang();
  const navigate = useNavigate();
  const groups = fanOuts(preview);
  const review = `/plans/${result.planId}?tab=review`;
  if (result.nothingChanged)
    return (
      <Result
        status="info"
        title={t.nothing}
        subTitle={lang === "zh" ? result.nothingChanged.message.zh : result.nothingChanged.message.en}
        data-testid="import-nothing-changed"
        extra={
          <Space>
            <Button
              type="primary"
              href={`/plans/${result.planId}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/plans/${result.planId}`);
              }}
            >
              {t.open}
            </Button>
            <Button onClick={onAgain}>{t.again}</Button>
          </Space>
        }
      />
    );
  const counts: [string, number][] = [
    [t.tasks, result.counts.tasks],
    [t.measures, result.counts.measures],
    [t.assignments, result.counts.assignments],
    [t.indicators, result.counts.indicators],
  ];
  return (
    <Result
      status="success"
      title={t.done}
      subTitle={fill(t.doneSub, { title: result.title, v: result.version })}
      extra={
        <Space>
          {/* A real link (new tab, copy address) that still navigates inside the app. */}
          <Button
            type="primary"
            href={`/plans/${result.planId}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/plans/${result.planId}`);
            }}
          >
            {t.open}
          </Button>
          <Button onClick={onAgain}>{t.again}</Button>
        </Space>
      }
    >
      <div data-testid="import-result" style={{ textAlign: "left" }}>
        <Row gutter={16} style={{ marginBottom: 16 }}>
          {counts.map(([label, value]) => (
            <Col key={label} xs={12} md={6}>
              <Card size="small">
                <Statistic title={label} value={value} />
              </Card>
            </Col>
          ))}
        </Row>
        {groups.length > 0 && (
          <Card size="small" title={t.fanout} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={groups}
              renderItem={(g) => (
                <List.Item title={g.orgs.join("、")}>
                  {fill(t.fanoutItem, { via: g.via, n: g.orgs.length, m: g.measures })}
                </List.Item>
              )}
            />
          </Card>
        )}
        {result.changes && (
          <Card size="small" title={t.changes} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 2, md: 5 }}>
              <Descriptions.Item label={t.unchanged}>{result.changes.unchanged}</Descriptions.Item>
              <Descriptions.Item label={t.changed}>{result.changes.changed}</Descriptions.Item>
              <Descriptions.Item label={t.added}>{result.changes.added}</Descriptions.Item>
              <Descriptions.Item label={t.removed}>{result.changes.removed}</Descriptions.Item>
              <Descriptions.Item label={t.carried}>{result.changes.carriedReports}</Descriptions.Item>
            </Descriptions>
          </Card>
        )}
        <Card size="small" title={t.review}>
          {result.unresolved.length === 0 ? (
            <Alert type="success" showIcon title={t.reviewNone} />
          ) : (
            <>
              <p>{t.reviewIntro}</p>
              <Space wrap>
                {result.unresolved.map((u) => (
                  <Tag key={u.name} style={{ color: "#873800", background: "#fff7e6", borderColor: "#ffd591" }}>
                    {u.name} · {fill(t.measuresN, { n: u.measures })}
                  </Tag>
                ))}
              </Space>
              <div style={{ marginTop: 12 }}>
                <Button
                  href={review}
                  data-testid="open-review"
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(review);
                  }}
                >
                  {t.reviewOpen}
                </Button>
              </div>
            </>
          )}
        </Card>
      </div>
    </Result>
  );
}
