#!/usr/bin/env node
/**
 * `npm run demo`: runs the built CLI on the demo workspace `fixtures/demo/` (never changing it)
 * and writes what a clerk would get into `demo-out/` (git-ignored, replaced on every run):
 * status.txt, validate.json, bao-cao-2022-6m.docx and lint.txt.
 *
 * The demo's inputs hold deliberate mistakes (a missing unit, a late one, an invalid file), so
 * `validate` (and `lint`) may exit 1 on findings; only a failed `generate` fails the demo.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = path.join(root, 'fixtures', 'demo');
const out = path.resolve(process.argv[2] ?? path.join(root, 'demo-out'));
const bin = path.join(root, 'bin', 'bctd.js');
const rel = (p) => path.relative(process.cwd(), p) || '.';

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/** Runs `bctd ...args` in the demo workspace; saves stdout to `file` when given. */
function bctd(args, file) {
  const r = spawnSync(process.execPath, [bin, '--workspace', workspace, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (file !== undefined) writeFileSync(path.join(out, file), r.stdout ?? '');
  const code = r.status ?? 2;
  const shown = `bctd ${args.join(' ')}`;
  // Exit 1 is "findings in the inputs": expected here. Exit 2 means the command could not run.
  if (code === 2 || r.error)
    console.error(
      `! ${shown}: không chạy được (mã thoát ${code}).\n${(r.stderr || r.stdout || String(r.error ?? '')).trim()}`,
    );
  else console.log(`- ${shown}: mã thoát ${code}`);
  return code;
}

const docx = path.join(out, 'bao-cao-2022-6m.docx');
bctd(['status', '--period', '6m', '--year', '2022'], 'status.txt');
bctd(['validate', path.join(workspace, 'nop', '2022-6m'), '--format', 'json'], 'validate.json');
const generated = bctd(['generate', '--period', '6m', '--year', '2022', '--out', docx, '--force']);
if (generated === 0) bctd(['lint', docx], 'lint.txt');

console.log(`\nKết quả trong ${rel(out)}/:`);
for (const f of ['status.txt', 'validate.json', 'bao-cao-2022-6m.docx', 'lint.txt'])
  console.log(`  ${rel(path.join(out, f))}`);
if (generated !== 0) {
  console.error('\nbctd generate không tạo được báo cáo: demo thất bại.');
  process.exit(1);
}
