// Every warning the parser gives, in both languages: the import preview shows them to plan offices
// in Chinese or English, and the CLI prints the English.

/** A warning's text: `message` in English, `messageZh` the same in Chinese. */
export type Problem = { message: string; messageZh: string };

export const problems = {
  unsplitUnits: (name: string): Problem => ({
    message: `cannot split the units "${name}"`,
    messageZh: `无法拆分责任单位“${name}”`,
  }),
  unknownDeadline: (raw: string): Problem => ({
    message: `unknown deadline phrase "${raw}"`,
    messageZh: `未能识别的完成时限“${raw}”`,
  }),
  unnumberedRow: (): Problem => ({
    message: "task row without a number; keyed by position",
    messageZh: "任务行没有序号，按位置编号",
  }),
  strayRow: (): Problem => ({
    message: "table row outside any task; kept out of the plan",
    messageZh: "表格行不属于任何任务，未计入计划",
  }),
  guessedCells: (): Problem => ({
    message: "table flattened into one line; cell boundaries guessed from unit names and deadlines",
    messageZh: "表格被合并为一行，单元格边界依据责任单位和完成时限推断，请核对",
  }),
} as const;
