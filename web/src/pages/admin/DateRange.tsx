// A range of whole days in the reader's time zone, kept as the instants [first day 00:00, day after last 00:00)
// that GET /api/audit takes as from/to.
import { DatePicker } from "antd";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";

type Props = {
  from: string | null;
  to: string | null;
  labels: [string, string];
  onChange(range: [string, string] | null): void;
};

export function DateRange({ from, to, labels, onChange }: Props) {
  const value = from && to ? ([dayjs(from), dayjs(to).subtract(1, "day")] as const) : null;
  return (
    <DatePicker.RangePicker
      value={value ? [value[0], value[1]] : null}
      placeholder={labels}
      aria-label={`${labels[0]} – ${labels[1]}`}
      onChange={(range) => {
        const [first, last] = range ?? [];
        if (!first || !last) return onChange(null);
        onChange([first.startOf("day").toISOString(), last.add(1, "day").startOf("day").toISOString()]);
      }}
    />
  );
}
