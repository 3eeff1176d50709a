import { describe, expect, it } from 'vitest';
import { aliasBomb } from '../../test/helpers/yaml.js';
import { z } from 'zod';
import { formatYamlProblem, parseYamlWithSchema } from './yaml.js';

const schema = z.object({ signer: z.object({ authority: z.string(), title: z.string() }) });

function problems(text: string): string[] {
  const r = parseYamlWithSchema(text, 'bctd.yaml', schema);
  if (r.ok) throw new Error('expected problems');
  return r.problems.map(formatYamlProblem);
}

describe('YAML syntax errors in bctd.yaml', () => {
  it('names the line and the cause in Vietnamese, without the parser English', () => {
    const out = problems('signer:\n  authority: KT. CHỦ TỊCH\n   title: PHÓ CHỦ TỊCH\n');
    expect(out.length).toBeGreaterThan(0);
    expect(out[0]).toMatch(/^bctd\.yaml:[23]: Lỗi cú pháp YAML: /);
    for (const line of out) {
      expect(line).not.toMatch(/mapping|must|column|indent|Implicit|Nested/i);
      expect(line).toContain('dùng dấu cách, không dùng Tab');
    }
  });

  it('says which key is repeated and that a Tab indents', () => {
    expect(problems('signer:\n  title: A\n  title: B\n')[0]).toContain(
      'một khóa được khai báo hai lần',
    );
    expect(problems('signer:\n\tauthority: KT. CHỦ TỊCH\n').join('\n')).toMatch(/Tab/);
  });
});

describe('keys bctd does not know', () => {
  const nested = z.strictObject({
    signer: z.strictObject({ authority: z.string(), title: z.string() }),
    units: z.array(z.strictObject({ code: z.string(), name: z.string() })).optional(),
  });

  it('suggests the closest key the schema allows at that place', () => {
    const r = parseYamlWithSchema(
      'signer:\n  authority: A\n  title: B\n  tittle: C\nunits:\n  - { code: "1", nmae: X }\n',
      'bctd.yaml',
      nested,
    );
    if (r.ok) throw new Error('expected problems');
    const out = r.problems.map(formatYamlProblem);
    expect(out).toContainEqual(
      expect.stringMatching(
        /^bctd\.yaml:4 \(signer\.tittle\): .*"tittle".* Có phải ý là "title"\?$/,
      ),
    );
    expect(out).toContainEqual(
      expect.stringMatching(/^bctd\.yaml:6 \(units\[0\]\.nmae\): .* Có phải ý là "name"\?$/),
    );
  });

  it('says nothing more when no allowed key is close', () => {
    const r = parseYamlWithSchema(
      'signer:\n  authority: A\n  title: B\n  xyzzy: C\n',
      'bctd.yaml',
      nested,
    );
    if (r.ok) throw new Error('expected problems');
    expect(r.problems[0]!.message).not.toContain('Có phải ý là');
  });
});

describe('an alias bomb in a workspace file', () => {
  it('ends in a message, not in memory or a crash', () => {
    const text = aliasBomb(6, 'signer');
    const r = parseYamlWithSchema(text, 'units.yaml', z.object({}).passthrough());
    if (r.ok) throw new Error('expected problems');
    expect(r.problems.map(formatYamlProblem)).toEqual([
      'units.yaml: Tệp dùng quá nhiều bí danh YAML (*tên): bctd không mở rộng quá 100 bí danh. Viết thẳng giá trị thay cho bí danh.',
    ]);
  });
});
