// The other names a unit is printed under (简称, old names): imports resolve any of them to the unit.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Input, Popconfirm, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { api, errorMessage, unwrap } from "../../api/client.ts";
import { fill, useText } from "../../i18n/lang.tsx";
import { ORGS_KEY, type Org } from "./data.ts";

const text = {
  zh: {
    none: "暂无别名。计划文件里用简称或旧称时，在这里添加，以后导入会自动识别。",
    placeholder: "输入别名，如简称或旧称",
    add: "添加别名",
    added: "已添加别名“{alias}”",
    already: "该单位已有名称“{alias}”",
    remove: "删除别名“{alias}”？以后导入时这个名称将不再自动识别为本单位。",
    removed: "已删除别名“{alias}”",
    ok: "删除",
    cancel: "取消",
  },
  en: {
    none: "No aliases yet. Add the short or old names plans print, and later imports will recognise them.",
    placeholder: "An alias, e.g. a short or former name",
    add: "Add alias",
    added: "Alias “{alias}” added",
    already: "The unit already has the name “{alias}”",
    remove: "Remove the alias “{alias}”? Later imports will no longer match this name to the unit.",
    removed: "Alias “{alias}” removed",
    ok: "Remove",
    cancel: "Cancel",
  },
};

export function OrgAliases({ org }: { org: Org }) {
  const t = useText(text);
  const { message } = App.useApp();
  const client = useQueryClient();
  const [alias, setAlias] = useState("");
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ORGS_KEY });
    void client.invalidateQueries({ queryKey: ["audit"] });
  };
  const add = useMutation({
    mutationFn: (name: string) =>
      unwrap(api.POST("/api/orgs/{id}/aliases", { params: { path: { id: org.id } }, body: { alias: name } })),
    onSuccess(result, name) {
      if (result.added) message.success(fill(t.added, { alias: name }));
      else message.info(fill(t.already, { alias: name }));
      setAlias("");
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (entry: { id: number; alias: string }) =>
      unwrap(api.DELETE("/api/orgs/{id}/aliases/{aliasId}", { params: { path: { id: org.id, aliasId: entry.id } } })),
    onSuccess(_, entry) {
      message.success(fill(t.removed, { alias: entry.alias }));
      refresh();
    },
  });
  const error = add.error ?? remove.error;
  return (
    <>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 8 }} />}
      <div style={{ marginBottom: 8 }} data-testid="org-aliases">
        {org.aliases.length === 0 ? (
          <Typography.Text type="secondary">{t.none}</Typography.Text>
        ) : (
          org.aliases.map((entry) => (
            <Popconfirm
              key={entry.id}
              title={fill(t.remove, { alias: entry.alias })}
              okText={t.ok}
              cancelText={t.cancel}
              onConfirm={() => remove.mutate(entry)}
            >
              <Tag closable onClose={(e) => e.preventDefault()} style={{ marginBottom: 4, cursor: "pointer" }}>
                {entry.alias}
              </Tag>
            </Popconfirm>
          ))
        )}
      </div>
      <Space.Compact style={{ width: "100%", maxWidth: 420 }}>
        <Input
          value={alias}
          onChange={(e) => setAlias(e.target.value)}
          placeholder={t.placeholder}
          aria-label={t.placeholder}
          maxLength={200}
          onPressEnter={() => alias.trim() && add.mutate(alias.trim())}
        />
        <Button onClick={() => add.mutate(alias.trim())} disabled={!alias.trim()} loading={add.isPending}>
          {t.add}
        </Button>
      </Space.Compact>
    </>
  );
}
