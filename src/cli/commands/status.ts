import { loadOutlineFor } from '../../app/outline.js';
import { statusOf } from '../../app/status.js';
import { EXIT } from '../../issues/errors.js';
import { loadWorkspace } from '../../workspace/workspace.js';
import type { CliContext, CommandResult } from '../context.js';
import type { StatusOptions } from '../program.js';
import { statusJson, statusText } from '../reporters/status.js';

/** `bctd status`: always 0 (it reports; the files' problems are for validate and generate). */
export async function run(
  _args: string[],
  opts: StatusOptions,
  ctx: CliContext,
): Promise<CommandResult> {
  const ws = loadWorkspace(ctx.cwd, opts.workspace);
  const outline = await loadOutlineFor(ws, undefined, ctx.cwd);
  const result = await statusOf(
    ws,
    outline,
    { period: opts.period, year: opts.year },
    ctx.now,
    ctx.progress,
  );
  return { exitCode: EXIT.ok, json: statusJson(result, ws.dir), text: statusText(result, ws.dir) };
}
