export interface ErrorReport {
  code: string;
  message: string;
  hint?: string | undefined;
  details?: readonly string[] | undefined;
}

/** The exit-2 report: one JSON document on stdout, or Vietnamese lines on stderr. */
export function renderError(report: ErrorReport, json: boolean): string {
  if (json) {
    const error: Record<string, unknown> = { code: report.code, message: report.message };
    if (report.hint) error.hint = report.hint;
    if (report.details?.length) error.details = report.details;
    return JSON.stringify({ error }, null, 2) + '\n';
  }
  const lines = [`Lỗi: ${report.message}`];
  for (const d of report.details ?? []) lines.push(`  - ${d}`);
  if (report.hint) lines.push(`Cách khắc phục: ${report.hint}`);
  return lines.join('\n') + '\n';
}
