/** Plain-text tables for the terminal that paste into README as markdown (console.table's do not). */

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  align?: 'left' | 'right';
}

export function formatTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, index) => Math.max(column.header.length, ...cells.map((row) => row[index]?.length ?? 0)));
  const pad = (text: string, index: number): string =>
    columns[index]?.align === 'right' ? text.padStart(widths[index] ?? 0) : text.padEnd(widths[index] ?? 0);
  const line = (values: string[]): string => `| ${values.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((width, index) => (columns[index]?.align === 'right' ? `${'-'.repeat(width + 1)}:` : `:${'-'.repeat(width + 1)}`)).join('|')}|`;
  return [line(columns.map((column) => column.header)), rule, ...cells.map(line)].join('\n');
}

/** 12345 → "12,345". */
export function formatBytes(bytes: number): string {
  return bytes.toLocaleString('en-US');
}
