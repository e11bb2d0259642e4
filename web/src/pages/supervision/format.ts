// Timestamps as the offices write them: 2025-03-01 16:00, in the browser's time zone.
const pad = (n: number) => String(n).padStart(2, "0");

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${formatDay(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
