import { makePage } from '../../app/page.js';
import { EXIT } from '../../issues/errors.js';
import type { CliContext, CommandResult } from '../context.js';
import type { PageOptions } from '../program.js';
import { pageJson, pageText } from '../reporters/page.js';

export async function run(
  _args: string[],
  opts: PageOptions,
  ctx: CliContext,
): Promise<CommandResult> {
  const result = await makePage({
    cwd: ctx.cwd,
    now: ctx.now,
    workspace: opts.workspace,
    outline: opts.outline,
    period: opts.period,
    year: opts.year,
    out: opts.out,
    force: opts.force,
  });
  return { exitCode: EXIT.ok, json: pageJson(result), text: pageText(result) };
}
