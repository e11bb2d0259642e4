// The register carries pace: a 指标进度 column on each row (the indicators the row's org answers for)
// and a 指标进度 sheet, read back from the real .xlsx.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import ExcelJS from "exceljs";
import { addOffPaceIndicators } from "../../../test/support/off-pace.ts";
import { storeKinds, storesFor } from "../../../test/support/stores.ts";
import { setUpBranches } from "../../../test/support/two-branches.ts";
import { buildRegister } from "./register.ts";
import { HEADER_ROW, PACE_SHEET, REGISTER_COLUMNS, REGISTER_SHEET, registerWorkbook } from "./register-xlsx.ts";

const TODAY = "2025-03-01";

for (const kind of storeKinds()) {
  describe(`register pace on ${kind.name}`, () => {
    const fresh = storesFor(kind);

    test("each row says the pace of its org's indicators; the pace sheet lists every org judged", async () => {
      const store = await fresh();
      const b = await setUpBranches(store);
      await addOffPaceIndicators(store, b);
      const register = await buildRegister(store.db, { planId: b.planId }, TODAY);
      const bytes = await registerWorkbook(register, {
        planTitle: "计划",
        scopeLabel: "全部单位",
        asOf: TODAY,
        createdAt: new Date(`${TODAY}T00:00:00Z`),
      });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as never);
      const sheet = book.getWorksheet(REGISTER_SHEET) as ExcelJS.Worksheet;
      const col = (header: string) => REGISTER_COLUMNS.findIndex((c) => c.header === header) + 1;
      assert.equal(sheet.getCell(HEADER_ROW, col("指标进度")).value, "指标进度");
      const byOrg = new Map<string, string>();
      for (let r = HEADER_ROW + 1; r <= sheet.rowCount; r++)
        byOrg.set(
          String(sheet.getCell(r, col("责任单位")).value),
          String(sheet.getCell(r, col("指标进度")).value ?? ""),
        );
      assert.equal(byOrg.get("济南市市场监督管理局"), "高价值发明专利：需加快进度");
      assert.equal(byOrg.get("泰安市市场监督管理局"), "高价值发明专利：进展有限");
      assert.equal(byOrg.get("泰山区市场监督管理局"), "", "no share, nothing to judge");

      const pace = book.getWorksheet(PACE_SHEET) as ExcelJS.Worksheet;
      const rows: string[][] = [];
      for (let r = HEADER_ROW + 1; r <= pace.rowCount; r++)
        rows.push([1, 2, 3, 4].map((c) => String(pace.getCell(r, c).value)));
      assert.deepEqual(rows.map((r) => r.join("|")).sort(), [
        "专利转化项目（项）|山东省市场监督管理局（山东省知识产权局）|本级|已达标",
        "高价值发明专利（件）|山东省市场监督管理局（山东省知识产权局）|本级|进展有限",
        "高价值发明专利（件）|泰安市市场监督管理局|分解|进展有限",
        "高价值发明专利（件）|济南市市场监督管理局|分解|需加快进度",
      ]);
      // 济南's row: the forecast by the straight line 250 → 270 → 290 against 300, off pace in red.
      let jinan = 0;
      for (let r = HEADER_ROW + 1; r <= pace.rowCount; r++)
        if (pace.getCell(r, 2).value === "济南市市场监督管理局") jinan = r;
      assert.equal(pace.getCell(jinan, 9).value, 290);
      assert.equal(pace.getCell(jinan, 10).value, "按线性趋势");
      assert.equal((pace.getCell(jinan, 4).fill as ExcelJS.FillPattern).fgColor?.argb, "FFFFC7CE");
    });

    test("a city's register shows its own pace only", async () => {
      const store = await fresh();
      const b = await setUpBranches(store);
      await addOffPaceIndicators(store, b);
      const register = await buildRegister(store.db, { planId: b.planId, orgIds: [b.orgs.jinan] }, TODAY);
      assert.deepEqual(
        register.indicators?.map((i) => [i.orgName, i.bandLabel]),
        [["济南市市场监督管理局", "需加快进度"]],
      );
    });
  });
}
