// bctd.yaml and units.yaml are read with js-yaml first (fast) and with the `yaml` library only
// when there is a problem to locate (src/workspace/yaml.ts). That is only right if every file
// js-yaml accepts means exactly what the `yaml` library makes of it. These tests compare the two
// on the real files, on tricky scalars, on generated workspace-shaped files and on those files
// with a clerk's typing slips (characters dropped, doubled or swapped).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readYamlFast } from '../src/workspace/yaml.js';
import { ROOT } from './helpers/cli.js';

type Reading = { ok: true; value: unknown } | { ok: false };

function fast(text: string): Reading {
  const r = readYamlFast(text);
  return r.ok ? { ok: true, value: r.data } : { ok: false };
}

function judge(text: string): Reading {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) return { ok: false };
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
}

/** Whenever the fast reader accepts a text, the judge accepts it and reads the same value. */
function agrees(text: string): void {
  const f = fast(text);
  if (!f.ok) return;
  const j = judge(text);
  expect({ text, ok: j.ok }).toEqual({ text, ok: true });
  if (j.ok) expect({ text, value: f.value }).toEqual({ text, value: j.value });
}

const SCALARS = [
  '1_000',
  '0b101',
  '0o17',
  '017',
  '08',
  '0x1F',
  '+12',
  '-0',
  '.5',
  '1.',
  '1e3',
  '+.inf',
  '-.Inf',
  '.NaN',
  '~',
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'FALSE',
  'yes',
  'no',
  'on',
  'off',
  'y',
  '2022-01-01',
  '2025-07-01T00:00:00Z',
  '12:30',
  '1:30:00',
  '15664',
  '"15664"',
  "'15664'",
  'Xã Thọ Sơn',
  'KT. CHỦ TỊCH',
  '"Xã, thị trấn"',
  "'it''s'",
  '"tab\\there"',
  'a # comment',
  'a#b',
  '!!str 12',
  '!!int "3"',
  '-',
  '- x',
  '? x',
  '[]',
  '{}',
  '[a, b]',
  '{ a: 1 }',
  '>-\n  gấp\n  dòng',
  '|\n  dòng 1\n  dòng 2',
  '',
  '""',
  "''",
  '&a x',
  '*a',
  'a: b',
  '@x',
  '`x',
  '%x',
  '"unterminated',
  '1e400',
  '-1E+400',
  '2.5e308',
  '\ttab',
];

describe('js-yaml reads workspace files as the yaml library does', () => {
  it('with a %YAML 1.1 directive, where yes is true', () => {
    agrees('%YAML 1.1\n---\na: yes\n');
    agrees('%YAML 1.2\n---\na: yes\n');
  });

  it('on the bundled presets and demo workspace', () => {
    for (const file of [
      'presets/trieu-son-2022/bctd.yaml',
      'presets/trieu-son-2022/units.yaml',
      'fixtures/demo/bctd.yaml',
      'fixtures/demo/units.yaml',
    ]) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      const f = fast(text);
      expect(f.ok).toBe(true);
      agrees(text);
    }
  });

  it('on every tricky scalar, as a value, a key and a flow item', () => {
    for (const s of SCALARS) {
      agrees(`k: ${s}\n`);
      agrees(`${s}: v\n`);
      agrees(`units:\n  - { code: ${s}, name: X }\n`);
      agrees(`list:\n  - ${s}\n  - b\n`);
    }
  });

  const key = fc.constantFrom('code', 'name', 'kind', 'valid_from', 'group', 'title', 'signer');
  const scalar = fc.oneof(
    fc.constantFrom(...SCALARS.filter((s) => !s.includes('\n'))),
    fc.string({ maxLength: 12 }),
  );
  const flowMap = fc
    .array(fc.tuple(key, scalar), { minLength: 1, maxLength: 4 })
    .map((kv) => `{ ${kv.map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
  const blockMap = (indent: string) =>
    fc
      .array(fc.tuple(key, scalar), { minLength: 1, maxLength: 4 })
      .map((kv) => kv.map(([k, v]) => `${indent}${k}: ${v}`).join('\n'));
  const doc = fc
    .tuple(
      blockMap(''),
      fc.array(flowMap, { maxLength: 4 }),
      blockMap('    '),
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([top, flows, nested, eol]) =>
      ['# tệp cấu hình', top, 'units:', ...flows.map((f) => `  - ${f}`), '  -', nested, '']
        .join('\n')
        .replace(/\n/g, eol),
    );

  it('on generated workspace-shaped files', () => {
    fc.assert(
      fc.property(doc, (text) => agrees(text)),
      { numRuns: 400, seed: 20261128 },
    );
  });

  it('on those files with typing slips', () => {
    const slip = fc.tuple(
      doc,
      fc.nat(),
      fc.constantFrom('drop', 'double', 'swap', 'insert'),
      fc.constantFrom(
        ' ',
        '\t',
        ':',
        '-',
        '"',
        "'",
        '#',
        '{',
        '}',
        '[',
        ',',
        '&',
        '*',
        '!',
        '|',
        '>',
        '\n',
      ),
    );
    fc.assert(
      fc.property(slip, ([text, at, how, ch]) => {
        const i = text.length === 0 ? 0 : at % text.length;
        const edited =
          how === 'drop'
            ? text.slice(0, i) + text.slice(i + 1)
            : how === 'double'
              ? text.slice(0, i) + text[i] + text.slice(i)
              : how === 'swap'
                ? text.slice(0, i) + (text[i + 1] ?? '') + (text[i] ?? '') + text.slice(i + 2)
                : text.slice(0, i) + ch + text.slice(i);
        agrees(edited);
      }),
      { numRuns: 2000, seed: 28112026 },
    );
  });
});
