import { makeTemplates } from '../../app/template.js';
import { ymdFromDate } from '../../period/periods.js';
import { EXIT } from '../../issues/errors.js';
import type { CliContext, CommandResult } from '../context.js';
import type { TemplateOptions } from '../program.js';
import { templateJson, templateText } from '../reporters/template.js';

/**
 * `--unit A B`, `--unit A --unit B` or `--unit A,B`. Commander only treats `<mã...>` as
 * variadic when a word character precedes the dots, and "ã" is not one, so a single string
 * may arrive here.
 */
export function unitCodes(value: string | readonly string[] | undefined): string[] {
  const list = value === undefined ? [] : typeof value === 'string' ? [value] : value;
  return list.flatMap((v) => v.split(/[\s,;]+/)).filter((v) => v !== '');
}

export async function run(
  _args: string[],
  opts: TemplateOptions,
  ctx: CliContext,
): Promise<CommandResult> {
  const result = await makeTemplates({
    cwd: ctx.cwd,
    workspace: opts.workspace,
    period: opts.period,
    year: opts.year,
    units: unitCodes(opts.unit),
    out: opts.out,
    outline: opts.outline,
    force: opts.force,
    today: ymdFromDate(ctx.now),
  });
  return { exitCode: EXIT.ok, json: templateJson(result), text: templateText(result) };
}
