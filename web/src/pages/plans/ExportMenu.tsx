// 导出: the task register downloads at once (the unit the view is filtered to, or everything the user
// sees); the progress report / annual summary asks for unit and period first.
import { DownloadOutlined, DownOutlined, FileExcelOutlined, FileWordOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { fill, useText } from "../../i18n/lang.tsx";

const text = {
  zh: {
    export: "导出",
    register: "任务台账（.xlsx）",
    registerOf: "任务台账：{org}（.xlsx）",
    report: "进展报告 / 年度工作总结（.docx）…",
  },
  en: {
    export: "Export",
    register: "Task register (.xlsx)",
    registerOf: "Task register: {org} (.xlsx)",
    report: "Progress report / annual summary (.docx)…",
  },
};

type Props = {
  planId: number;
  /** The unit the plan view is filtered to: the register holds only its rows. */
  org: { id: number; name: string } | undefined;
  onReport(): void;
};

export function ExportMenu({ planId, org, onReport }: Props) {
  const t = useText(text);
  const registerHref = `/api/plans/${planId}/register.xlsx${org ? `?orgId=${org.id}` : ""}`;
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: [
          {
            key: "register",
            icon: <FileExcelOutlined />,
            label: (
              <a href={registerHref} download data-testid="export-register">
                {org ? fill(t.registerOf, { org: org.name }) : t.register}
              </a>
            ),
          },
          { key: "report", icon: <FileWordOutlined />, label: t.report, onClick: onReport },
        ],
      }}
    >
      <Button icon={<DownloadOutlined />} data-testid="export-menu">
        {t.export} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
