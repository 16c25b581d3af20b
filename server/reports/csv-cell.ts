/** One CSV cell. Numbers as they are, null as empty; text quoted (quotes doubled), and text
 * a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
 * gets a leading ' so it stays text. Pure; the leaderboard and the reports use it. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return `"${value.replace(/^[=+\-@\t\r]/, "'$&").replace(/"/g, '""')}"`;
}

/** A CSV document: a header and rows of cells, each line ended by \n. */
export function csvLines(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}
