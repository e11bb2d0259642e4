// The plan list's filters, read from and written to the URL so a filtered list can be linked to.
import { useQuery } from "@tanstack/react-query";
import { Select, Space } from "antd";
import { api, unwrap } from "../../api/client.ts";
import type { QueryOf } from "../../api/types.ts";
import { useText } from "../../i18n/lang.tsx";

const LEVELS = ["national", "province", "city", "county"] as const;
type Level = (typeof LEVELS)[number] & NonNullable<QueryOf<"/api/plans">["level"]>;
export type PlanFilterValues = {
  level?: Level;
  region?: string;
  year?: number;
  status: "active" | "superseded" | "all";
};

const REGION_KINDS = new Set(["national", "province", "city", "county"]);

const text = {
  zh: {
    level: "层级",
    region: "地区",
    year: "年度",
    status: "版本状态",
    national: "国家级",
    province: "省级",
    city: "市级",
    county: "县级",
    active: "现行版本",
    superseded: "已被取代的版本",
    all: "全部版本",
  },
  en: {
    level: "Level",
    region: "Region",
    year: "Year",
    status: "Version",
    national: "National",
    province: "Provincial",
    city: "City",
    county: "County",
    active: "Current versions",
    superseded: "Superseded versions",
    all: "All versions",
  },
};

export function readFilters(params: URLSearchParams): PlanFilterValues {
  const level = params.get("level");
  const region = params.get("region");
  const year = Number(params.get("year"));
  const status = params.get("status");
  return {
    ...(level && (LEVELS as readonly string[]).includes(level) ? { level: level as Level } : {}),
    ...(region && /^\d{6}$/.test(region) ? { region } : {}),
    ...(Number.isInteger(year) && year > 1948 ? { year } : {}),
    status: status === "superseded" || status === "all" ? status : "active",
  };
}

export function writeFilters(values: PlanFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  if (values.level) params.set("level", values.level);
  if (values.region) params.set("region", values.region);
  if (values.year !== undefined) params.set("year", String(values.year));
  if (values.status !== "active") params.set("status", values.status);
  return params;
}

export function PlanFilters({ value, onChange }: { value: PlanFilterValues; onChange(next: PlanFilterValues): void }) {
  const t = useText(text);
  // The shell loads the same list (same key), so this is usually already in the cache.
  const orgs = useQuery({ queryKey: ["orgs"], queryFn: () => unwrap(api.GET("/api/orgs")), staleTime: 300_000 });
  const regions = (orgs.data?.items ?? [])
    .filter((o) => REGION_KINDS.has(o.kind))
    .map((o) => ({ value: o.regionCode, label: o.name }));
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 12 }, (_, i) => thisYear + 1 - i);
  const set = (patch: Partial<PlanFilterValues>) => {
    const next = { ...value, ...patch };
    for (const key of Object.keys(patch) as (keyof PlanFilterValues)[])
      if (patch[key] === undefined || patch[key] === null) delete next[key];
    onChange(next);
  };
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Select<Level>
        aria-label={t.level}
        placeholder={t.level}
        allowClear
        style={{ width: 120 }}
        value={value.level}
        onChange={(level) => set({ level })}
        options={LEVELS.map((l) => ({ value: l, label: t[l] }))}
      />
      <Select<string>
        aria-label={t.region}
        placeholder={t.region}
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        style={{ width: 220 }}
        value={value.region}
        onChange={(region) => set({ region })}
        options={regions}
        loading={orgs.isPending}
      />
      <Select<number>
        aria-label={t.year}
        placeholder={t.year}
        allowClear
        style={{ width: 110 }}
        value={value.year}
        onChange={(year) => set({ year })}
        options={years.map((y) => ({ value: y, label: String(y) }))}
      />
      <Select<PlanFilterValues["status"]>
        aria-label={t.status}
        style={{ width: 160 }}
        value={value.status}
        onChange={(status) => set({ status })}
        options={(["active", "superseded", "all"] as const).map((s) => ({ value: s, label: t[s] }))}
      />
    </Space>
  );
}
