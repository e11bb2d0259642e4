// The ParsedPlan contract (../shared/spec/plan-json.md) plus where each item came from and what the
// parser could not settle. Everything here is plain JSON so the CLI can print it as is.

/** Where a piece of text stood in the original document, so a person can see it beside the parsed item. */
export type SourceLoc = {
  /** 1-based line in a text document. */
  line?: number;
  /** 1-based page of a PDF. */
  page?: number;
  /** 1-based table number and row within it (Word, HTML, PDF tables). */
  table?: number;
  row?: number;
  /** 1-based paragraph number outside tables (Word, HTML). */
  paragraph?: number;
  /** Worksheet name of a spreadsheet. */
  sheet?: string;
};

export type Role = "lead" | "support" | "owner";
export type Scope = "issuer" | "all-subordinates" | "some-subordinates";

export type UnitRef = {
  name: string;
  role: Role;
  fanout: boolean;
};

export type Deadline = {
  raw: string;
  due: string | null;
  ongoing: boolean;
};

export type Measure = {
  text: string;
  scope: Scope | null;
  units: UnitRef[];
  deadline: Deadline | null;
  source: SourceLoc;
};

export type Task = {
  key: string;
  title: string;
  measures: Measure[];
  source: SourceLoc;
};

/**
 * A heading above tasks ("一、强化知识产权创造" → key "一", title "强化知识产权创造"): not in the
 * contract's scoring, but what people call the plan's parts by.
 */
export type Heading = {
  /** The heading markers joined by "/", as in the keys of the tasks beneath it. */
  key: string;
  title: string;
  source: SourceLoc;
};

export type IndicatorOp = ">=" | ">" | "=" | "<=" | "range";

export type Indicator = {
  name: string;
  op: IndicatorOp;
  target: number;
  targetHigh?: number;
  unit: string;
  by: string | null;
  source: SourceLoc;
  // Beyond the contract: what a statistics office needs to judge pace (all optional, added where the
  // text says so).
  /** The sentence the target was read from, whitespace removed. */
  raw?: string;
  /** "由2020年的3.2件提高到7件": the value of the base year. */
  baseline?: { year: number; value: number };
  /** Several target years in one sentence ("2023年达到300件，2025年达到500件"), oldest first; the last is target/by. */
  path?: { year: number; value: number; high?: number }[];
  /** stock: a level (拥有量, a rate, a running total as reported); flow: a year's amount (申请量, 每年新增). */
  kind?: IndicatorKind;
  /** 累计: the target counts a running total over the plan period. */
  cumulative?: boolean;
  /** A growth target: "比2020年增长10%" (against a base year) or "年均增长10%" (a year); target and unit stay 10 and "%". */
  growth?: { by: number; unit: "%" | "个百分点"; baseYear: number | null; annual: boolean };
  /** 左右: about the value, not a bound. */
  approximate?: boolean;
  /** 力争/争取: a stretch target. */
  aspirational?: boolean;
};

export type IndicatorKind = "stock" | "flow";

export type ParseWarning = {
  /** What the parser could not interpret, in a sentence (English). */
  message: string;
  /** The same sentence in Chinese, for the Chinese UI. */
  messageZh: string;
  /** The raw text it kept. */
  text: string;
  source: SourceLoc;
};

export type ParsedPlan = {
  title: string;
  docNumber: string | null;
  issuer: string | null;
  issuedOn: string | null;
  period: { from: number; to: number } | null;
  tasks: Task[];
  /** Headings that hold tasks, in document order. */
  headings: Heading[];
  indicators: Indicator[];
  warnings: ParseWarning[];
  /** The container the document came in. */
  format: DocumentFormat;
};

export type DocumentFormat = "txt" | "docx" | "xlsx" | "html" | "pdf";

export type ParseOptions = {
  /** Plan year to use when the document names none (relative deadlines need one). */
  year?: number;
};
