import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutline } from '../src/outline/load.js';
import { spawnSync } from 'node:child_process';
import { ROOT, tempDir } from './helpers/cli.js';

/**
 * `npm run build` snapshots the built-in outlines so start-up skips YAML parsing and checking;
 * the snapshot must be exactly what the loader returns, for the YAML it was made from.
 */
describe('the build snapshot of the built-in outlines', () => {
  const yamlFile = path.join(ROOT, 'outlines', 'bdg.yaml');
  const snapFile = path.join(ROOT, 'dist', 'outlines', 'bdg.json');

  it('exists after the build and equals the parsed YAML', () => {
    expect(existsSync(snapFile), 'run npm run build (npm test does it)').toBe(true);
    const text = readFileSync(yamlFile, 'utf8');
    const snap = JSON.parse(readFileSync(snapFile, 'utf8')) as { sha256: string; outline: unknown };
    expect(snap.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    const r = parseOutline(text, 'outlines/bdg.yaml');
    if (!r.ok) throw new Error('bdg.yaml does not parse');
    expect(snap.outline).toEqual(JSON.parse(JSON.stringify(r.outline)));
    expect(snap.outline).toEqual(r.outline);
  });

  it('is not used once the YAML is edited: the edited outline is parsed and checked', () => {
    // A copy of the installed package whose bdg.yaml an office has edited in place.
    const pkg = tempDir('bctd-pkg-');
    for (const d of ['bin', 'dist', 'outlines', 'presets'])
      cpSync(path.join(ROOT, d), path.join(pkg, d), { recursive: true });
    cpSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');
    const yaml = path.join(pkg, 'outlines', 'bdg.yaml');
    writeFileSync(
      yaml,
      readFileSync(yaml, 'utf8').replace(/^title: .*$/m, 'title: Đề cương đã sửa tại địa phương'),
    );
    const ws = tempDir();
    const run = (args: string[]) =>
      spawnSync(process.execPath, [path.join(pkg, 'bin', 'bctd.js'), ...args], {
        cwd: ws,
        encoding: 'utf8',
      });
    expect(run(['init']).status).toBe(0);
    const r = run(['outline', '--format', 'json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { outline: { title: string } }).outline.title).toBe(
      'Đề cương đã sửa tại địa phương',
    );
    // Outside a workspace a file's stamp names its outline: the edited one is parsed for it.
    const blank = path.join(ws, 'bieu-mau');
    expect(run(['template', '--period', '6m', '--year', '2022', '--unit', '15664']).status).toBe(0);
    const file = path.join(blank, '2022-6m', readdirSync(path.join(blank, '2022-6m'))[0]!);
    const alone = spawnSync(
      process.execPath,
      [path.join(pkg, 'bin', 'bctd.js'), 'validate', file],
      {
        cwd: tempDir(),
        encoding: 'utf8',
      },
    );
    expect(alone.stderr).toBe('');
    expect([0, 1]).toContain(alone.status);
    expect(alone.stdout).toContain('15664');
  });
});
