import path from 'node:path';
import { loadOutlineFile, loadOutlineFor } from '../../app/outline.js';
import { EXIT } from '../../issues/errors.js';
import { describeOutline, outlineTreeLines } from '../../outline/describe.js';
import { loadWorkspace } from '../../workspace/workspace.js';
import type { CliContext, CommandResult } from '../context.js';
import type { OutlineOptions } from '../program.js';

/**
 * `bctd outline`: the workspace's outline, or `--file` (an office checking an outline it is
 * writing). A broken outline is exit 2 with every error, from the loader.
 */
export async function run(
  _args: string[],
  opts: OutlineOptions,
  ctx: CliContext,
): Promise<CommandResult> {
  const file = opts.file === undefined ? undefined : path.resolve(ctx.cwd, opts.file);
  const outline = file
    ? await loadOutlineFile(file)
    : await loadOutlineFor(loadWorkspace(ctx.cwd, opts.workspace), undefined, ctx.cwd);
  const tree = describeOutline(outline);
  return {
    exitCode: EXIT.ok,
    json: { outline: tree },
    text: outlineTreeLines(tree).join('\n'),
  };
}
