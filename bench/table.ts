/** One line of the benchmark table. */
export interface Row {
  /** What was measured. */
  name: string;
  /** The figure, formatted with its unit. */
  measured: string;
  /** The physical limit or bare baseline measured in the same run, formatted. */
  baseline?: string;
  /** measured ÷ baseline (or the figure that the target is about). */
  ratio?: number;
  /** The target, such as `≥ 0.8`. */
  target?: string;
  /** Whether the target was met (never fails the run). */
  met?: boolean;
}

/** The middle of some figures (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2
    ? (sorted[Math.floor(mid)] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Prints rows as a Markdown table. */
export function printTable(rows: Row[]): string {
  const header = ['benchmark', 'measured', 'baseline (same run)', 'ratio', 'target', 'met'];
  const lines = rows.map((r) => [
    r.name,
    r.measured,
    r.baseline ?? '',
    r.ratio === undefined ? '' : r.ratio.toFixed(2),
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'no',
  ]);
  const out = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...lines.map((l) => `| ${l.join(' | ')} |`),
  ].join('\n');
  return out;
}

/** Formats a number with thousands separators. */
export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}
