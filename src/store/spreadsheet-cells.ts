// Spreadsheet formula injection (OWASP "CSV Injection"): a cell that begins with = + - @ (or a tab or
// carriage return, or their full-width forms, which Chinese input methods type) is run as a formula by
// Excel, WPS and LibreOffice when the file is opened or the cell edited. Every text cell we export goes
// through inertCell, which prefixes such a value with an apostrophe, Excel's own "this is text" mark;
// readers of our own sheets take it off again (fromInertCell), so a directory round-trips unchanged.
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

export function inertCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function fromInertCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
