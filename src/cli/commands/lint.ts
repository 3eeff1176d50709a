import { lintFiles } from '../../app/lint.js';
import { EXIT } from '../../issues/errors.js';
import type { CliContext, CommandResult } from '../context.js';
import type { LintOptions } from '../program.js';
import { lintJson, lintText } from '../reporters/lint.js';

/** `bctd lint FILE.docx...`: 0 when every file conforms, 1 otherwise (or unreadable). */
export async function run(
  files: string[],
  opts: LintOptions,
  ctx: CliContext,
): Promise<CommandResult> {
  const result = await lintFiles(files, {
    cwd: ctx.cwd,
    env: ctx.env,
    render: opts.render,
    progress: ctx.progress,
  });
  const ok = result.files.every((f) => f.readable && f.conforms);
  return {
    exitCode: ok ? EXIT.ok : EXIT.findings,
    json: lintJson(result),
    text: lintText(result, ctx.color),
  };
}
