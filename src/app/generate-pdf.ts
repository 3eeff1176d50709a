/**
 * `generate --pdf`: the report also as PDF through LibreOffice. The DOCX is written first, so
 * a machine without LibreOffice gets a clear warning and exit 0 rather than losing the report.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BctdError } from '../issues/errors.js';
import { convertWithOffice, findSoffice } from '../io/office.js';
import { writeFileAtomic } from '../io/write.js';

export async function convertToPdf(
  docx: string,
  force: boolean,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ ok: true; file: string } | { ok: false; message: string }> {
  if (findSoffice(env) === undefined)
    return {
      ok: false,
      message:
        'Không tạo được bản PDF: máy chưa cài LibreOffice (soffice). Báo cáo DOCX đã được ghi; ' +
        'cài LibreOffice (hoặc đặt biến BCTD_SOFFICE) rồi chạy lại với --pdf, hoặc mở DOCX và lưu thành PDF.',
    };
  const target = docx.replace(/\.docx$/i, '') + '.pdf';
  const out = mkdtempSync(path.join(os.tmpdir(), 'bctd-pdf-'));
  try {
    const produced = await convertWithOffice(docx, 'pdf', out, { env });
    writeFileAtomic(target, new Uint8Array(readFileSync(produced)), { force });
    return { ok: true, file: target };
  } catch (e) {
    if (e instanceof BctdError && e.code !== 'output-exists')
      return { ok: false, message: `Không tạo được bản PDF: ${e.message}` };
    throw e;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
