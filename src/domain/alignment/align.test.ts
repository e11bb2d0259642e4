import assert from "node:assert/strict";
import { test } from "node:test";
import { type AlignPlan, type AlignScope, alignPlans } from "./align.ts";
import { conceptsIn } from "./concepts.ts";
import type { Tokenizer } from "./vectors.ts";

// Words are written apart in these plans, so the tests do not depend on a dictionary.
const spaced: Tokenizer = { words: (text) => text.split(/[\s，、]+/).filter(Boolean) };

type TaskSpec = [key: string, title: string, ...measures: (string | [AlignScope, string])[]];
const plan = (title: string, ...tasks: TaskSpec[]): AlignPlan => ({
  title,
  tasks: tasks.map(([key, taskTitle, ...measures]) => ({
    key,
    title: taskTitle,
    measures: measures.map((m) => (typeof m === "string" ? { text: m, scope: null } : { text: m[1], scope: m[0] })),
  })),
});

const national = plan(
  "国家 清单",
  ["一/1", "专利 导航 推广", "推广 专利 导航 国家标准，引导 产业 创新 决策。"],
  ["一/2", "商标 品牌 培育", "实施 商标 品牌 战略，打造 区域 品牌。"],
  ["二/3", "地理标志 保护", "严格 地理标志 保护，规范 专用标志 使用。"],
  ["二/4", "海外 纠纷 应对", "建设 海外 纠纷 应对 指导 中心 分中心。"],
);

test("one link per lower task in document order; candidates best first, at most top", () => {
  const lower = plan(
    "省 清单",
    ["1", "地理标志 保护", "规范 地理标志 专用标志 使用。"],
    ["2", "专利 导航", "开展 专利 导航 项目，服务 产业 创新。"],
  );
  const links = alignPlans(lower, [national], spaced, { top: 1 });
  assert.deepEqual(
    links.map((l) => [l.lowerKey, l.lowerTitle, l.candidates.map((c) => c.key)]),
    [
      ["1", "地理标志 保护", ["二/3"]],
      ["2", "专利 导航", ["一/1"]],
    ],
  );
  const wider = alignPlans(lower, [national], spaced, { top: 3, threshold: 0, margin: 0 });
  for (const link of wider) {
    const scores = link.candidates.map((c) => c.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
    assert.ok(link.candidates.length <= 3);
  }
});

test("abstains when no upper task is close", () => {
  const lower = plan("省 清单", ["1", "党风 廉政", "落实 中央 八项规定 精神，整治 形式主义 官僚主义。"]);
  const [link] = alignPlans(lower, [national], spaced);
  assert.deepEqual(link?.candidates, []);
});

test("candidates come from every upper plan, each naming its plan", () => {
  const provincial = plan("省 规划", ["三/1", "海外 维权 援助", "建设 海外 纠纷 应对 机制，开展 海外 维权 援助。"]);
  const lower = plan("县 方案", ["1", "海外 纠纷 应对", "依托 分中心 开展 海外 纠纷 应对 指导，海外 维权 援助。"]);
  const [link] = alignPlans(lower, [national, provincial], spaced, { margin: 0 });
  assert.deepEqual(new Set(link?.candidates.map((c) => `${c.plan}:${c.key}`)), new Set(["0:二/4", "1:三/1"]));
});

test("an upper measure handed down to the lower level outweighs the same words kept by the upper office", () => {
  const upper = plan(
    "国家 清单",
    ["1", "运营 服务", ["issuer", "国家知识产权局：推进 运营 中心 建设，开展 质押 融资。"]],
    ["2", "金融 服务", ["all-subordinates", "各地区 要 推进 运营 中心 建设，开展 质押 融资。"]],
  );
  const lower = plan("省 清单", ["1", "运营 金融 服务", "推进 运营 中心 建设，开展 质押 融资。"]);
  // Three tasks share every word here, so their IDF is tiny: no threshold, only the order counts.
  const [link] = alignPlans(lower, [upper], spaced, { threshold: 0, margin: 0 });
  assert.equal(link?.candidates[0]?.key, "2");
  assert.equal(link?.candidates[0]?.evidence.handedDown, true);
  assert.equal(link?.candidates[0]?.evidence.upperMeasure?.scope, "all-subordinates");
  assert.equal(link?.candidates[1]?.evidence.handedDown, false);
});

test("the same noun with another instrument ranks below the same noun with none", () => {
  // Registering software copyrights is not revising the copyright regulation. The two upper tasks
  // are alike in all but that: only the instrument tells them apart.
  const upper = plan(
    "省 计划",
    ["1", "软件 著作权 条例 修订", "软件 著作权 条例 修订。"],
    ["2", "软件 著作权 价值 评估", "软件 著作权 价值 评估。"],
    ["3", "专利 导航", "开展 专利 导航。"],
  );
  const lower = plan("县 方案", ["1", "软件 著作权 登记", "软件 著作权 登记。"]);
  const [link] = alignPlans(lower, [upper], spaced, { threshold: 0, margin: 0, top: 2 });
  assert.deepEqual(
    link?.candidates.map((c) => c.key),
    ["2", "1"],
  );
});

test("our synonyms meet across levels: a county's 强县 is the province's 强省", () => {
  const upper = plan(
    "省 清单",
    ["1", "谋划 知识产权强省 建设", "谋划 知识产权强省 建设 纲要。"],
    ["2", "专利 导航", "开展 专利 导航。"],
  );
  const lower = plan("县 方案", ["1", "推进 知识产权强县 试点", "开展 知识产权强县 试点。"]);
  const [link] = alignPlans(lower, [upper], spaced);
  assert.equal(link?.candidates[0]?.key, "1");
  assert.ok(link?.candidates[0]?.evidence.shared.includes("#强国"));
});

test("two titles of boilerplate alone do not make a match", () => {
  // After the common words both titles say only 保护: parallel vectors that say next to nothing.
  const upper = plan(
    "国家 清单",
    ["1", "深入 落实 保护 意见", "开展 检查 考核 工作，推进 满意度 调查。"],
    ["2", "构建 大保护 格局", "培育 调解 组织 仲裁 机构，升级 维权援助 平台。"],
    ["3", "专利 导航", "推广 专利 导航。"],
    ["4", "商标 品牌", "实施 商标 品牌 战略。"],
  );
  const lower = plan("县 方案", ["1", "完善 保护 体系", "建立 维权援助 工作站，完善 调解 仲裁 对接。"]);
  const [link] = alignPlans(lower, [upper], spaced, { threshold: 0, margin: 0 });
  assert.equal(link?.candidates[0]?.key, "2");
  assert.ok((link?.candidates.find((c) => c.key === "1")?.evidence.parts.title ?? 1) < 0.5);
});

test("evidence names the shared words, the matched measures and the parts of the score", () => {
  const lower = plan("省 清单", ["1", "海外 纠纷", "争取 建立 海外 纠纷 应对 指导 中心 分中心。"]);
  const [link] = alignPlans(lower, [national], spaced);
  const best = link?.candidates[0];
  assert.equal(best?.key, "二/4");
  assert.ok(best?.evidence.shared.includes("海外"));
  assert.equal(best?.evidence.lowerMeasure?.index, 0);
  assert.match(best?.evidence.upperMeasure?.text ?? "", /分中心/);
  assert.deepEqual(best?.evidence.sentences, {
    lower: "争取 建立 海外 纠纷 应对 指导 中心 分中心",
    upper: "建设 海外 纠纷 应对 指导 中心 分中心",
  });
  const parts = best?.evidence.parts;
  assert.ok(parts && parts.title > 0 && parts.measures > 0 && parts.whole > 0);
});

test("the strategy concept needs the strategy, not 加强 or another sector's 强省", () => {
  assert.ok(conceptsIn("加快推动知识产权强省建设").includes("#强国"));
  assert.ok(!conceptsIn("加强省级知识产权信息服务").includes("#强国"));
  assert.ok(!conceptsIn("推进农业强省建设").includes("#强国"));
});
