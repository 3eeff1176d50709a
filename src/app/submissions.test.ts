import { describe, expect, it } from 'vitest';
import { blankSubmission, type Submission } from '../validate/submission.js';
import { keptOfSubmission } from './submissions.js';

describe('keptOfSubmission', () => {
  it('keeps numbers, flags and issue codes, not texts, narratives or wording', () => {
    const sub: Submission = {
      ...blankSubmission('nop/2022-6m/15667.xlsx'),
      sha256: 'ab',
      unit: { code: '15667', name: 'Xã Thọ Sơn', kind: 'xa' },
      period: '2022-6m',
      outline: { id: 'bdg', version: '1' },
      preparedOn: '2022-06-15',
      values: { DAN_SO: { tong: 5211, nu: 2628, nam: 2583 } },
      texts: { GHI_CHU: 'Một đoạn văn dài của đơn vị.'.repeat(100) },
      narrativesFilled: ['I.1', 'II.3'],
      issues: [
        {
          code: 'file-doctype',
          severity: 'error',
          message: 'Tệp có DOCTYPE.',
          fix: 'Lưu lại tệp bằng Excel.',
          sheet: 'Số liệu',
          cell: 'C7',
        },
        { code: 'value-high', severity: 'warning', message: 'Số lớn.', fix: 'Kiểm tra.' },
      ],
      valid: false,
    };
    const kept = keptOfSubmission(sub);
    expect(kept.values).toEqual(sub.values);
    expect(kept).toMatchObject({
      file: sub.file,
      sha256: 'ab',
      unit: sub.unit,
      period: '2022-6m',
      outline: sub.outline,
      preparedOn: '2022-06-15',
      valid: false,
      texts: {},
      narrativesFilled: [],
    });
    expect(kept.issues).toEqual([
      { code: 'file-doctype', severity: 'error', message: '', fix: '' },
      { code: 'value-high', severity: 'warning', message: '', fix: '' },
    ]);
    // The caller's Submission is left as it was.
    expect(sub.issues[0]?.message).toBe('Tệp có DOCTYPE.');
  });
});
