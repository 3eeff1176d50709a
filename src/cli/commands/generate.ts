import { generateReport } from '../../app/generate.js';
import { loadOutlineFor } from '../../app/outline.js';
import { EXIT } from '../../issues/errors.js';
import { loadWorkspace } from '../../workspace/workspace.js';
import type { CliContext, CommandResult } from '../context.js';
import type { GenerateOptions } from '../program.js';
import { generateJson, generateText } from '../reporters/generate.js';

/**
 * `bctd generate`: 0 once the report is written (units left out are listed); 1 with --strict
 * when a unit is missing or invalid (nothing written); 2 when it cannot run (existing output
 * without --force, broken outline or config).
 */
export async function run(
  _args: string[],
  opts: GenerateOptions,
  ctx: CliContext,
): Promise<CommandResult> {
  const ws = loadWorkspace(ctx.cwd, opts.workspace);
  const outline = await loadOutlineFor(ws, undefined, ctx.cwd);
  const result = await generateReport(
    ws,
    outline,
    {
      period: opts.period,
      year: opts.year,
      out: opts.out,
      date: opts.date,
      number: opts.number,
      draft: opts.draft,
      strict: opts.strict,
      force: opts.force,
      narratives: opts.narratives,
      rollup: opts.rollup,
      pdf: opts.pdf,
      jobs: opts.jobs,
    },
    ctx.now,
    ctx.cwd,
    ctx.env,
    ctx.progress,
  );
  return {
    exitCode: result.written ? EXIT.ok : EXIT.findings,
    json: generateJson(result, ws.dir),
    text: generateText(result, ws.dir),
  };
}
