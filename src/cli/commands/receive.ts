import path from 'node:path';
import { loadOutlineFor } from '../../app/outline.js';
import { receiveFiles } from '../../app/receive.js';
import { expandPaths } from '../../app/validate.js';
import { EXIT } from '../../issues/errors.js';
import { loadWorkspace } from '../../workspace/workspace.js';
import type { CliContext, CommandResult } from '../context.js';
import type { ReceiveOptions } from '../program.js';
import { receiveJson, receiveText } from '../reporters/receive.js';

/** `bctd receive FILE...`: 0 when every file was filed and valid, 1 otherwise. */
export async function run(
  files: string[],
  opts: ReceiveOptions,
  ctx: CliContext,
): Promise<CommandResult> {
  const ws = loadWorkspace(ctx.cwd, opts.workspace);
  const outline = await loadOutlineFor(ws, undefined, ctx.cwd);
  // Folders and `*.xlsx` patterns work as in validate (Windows shells do not expand `*`).
  const inputs = expandPaths(files, ctx.cwd)
    .filter((t) => t.kind !== 'empty-folder')
    .map((t) => path.resolve(ctx.cwd, t.path));
  const result = receiveFiles(
    ws,
    outline,
    inputs,
    { period: opts.period, year: opts.year },
    ctx.now,
  );
  const ok = result.files.every((f) => f.status !== 'refused' && f.valid);
  return {
    exitCode: ok ? EXIT.ok : EXIT.findings,
    json: receiveJson(result, ws.dir),
    text: receiveText(result, ws.dir),
  };
}
