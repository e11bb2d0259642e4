// A dashboard panel: title, a one-line hint of what a click does, and loading / error / empty states in place of
// the chart, so each panel fails or waits on its own.
import { Alert, Card, Empty, Skeleton, Typography } from "antd";
import type { ReactNode } from "react";
import { errorMessage } from "../../api/client.ts";

type Props = {
  title: string;
  hint?: string;
  extra?: ReactNode;
  loading?: boolean;
  error?: unknown;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: ReactNode;
  testId?: string;
  children?: ReactNode;
};

export function ChartCard({ title, hint, extra, loading, error, empty, testId, children }: Props) {
  return (
    <Card
      title={<h3 style={{ fontSize: 16, margin: 0 }}>{title}</h3>}
      extra={extra}
      size="small"
      data-testid={testId}
      style={{ height: "100%" }}
    >
      {hint && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {hint}
        </Typography.Paragraph>
      )}
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : loading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        children
      )}
    </Card>
  );
}
