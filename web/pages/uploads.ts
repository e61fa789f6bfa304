// Register upload: the page sends the file to /api/uploads with a progress bar (the bytes sent,
// then the server's work; without scripts the form posts the file and the server forwards it), and shows the result: counts per class, every error row with the
// register's column, the errors as an xlsx download; and the register template of the rules in
// force in the user's province (the generator of `fenlei template`).
import type ExcelJS from 'exceljs';
import { ERROR_COLUMNS, errorCells, sheetColumns } from '../../cli/io/write-outcomes.js';
import { templateWorkbook } from '../../cli/io/template-workbook.js';
import { provinceNameOf } from '../../cli/format/regions.js';
import type { RecordError } from '../../runtime/index.js';
import type { UploadRow } from '../../server/domain/upload.js';
import { ApiError } from '../../server/domain/errors.js';
import { provinceOf } from '../../server/domain/regions.js';
import { href, html } from '../html.js';
import { classBadge, CLASS_ORDER, table } from '../parts.js';
import { uploadSummary } from '../queries.js';
import type { PageModule, PageRequest } from '../route.js';
import { columnOfField } from '../columns.js';
import { inForceToday } from '../rules.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const WRITERS = ['province', 'county'] as const;

/** The provinces of the user's regions (a national user: the country's rules). */
const provincesOf = (regions: readonly string[]) => [...new Set(regions.map((r) => (r === '000000' ? r : provinceOf(r))))];
const provinceName = (p: string) => (p === '000000' ? '全国' : (provinceNameOf(p.slice(0, 2)) ?? p));

/** Each error row's problem with the register column it is about. */
function errorOf(r: UploadRow, ir: Parameters<typeof columnOfField>[1]): RecordError {
  const e = r.error!;
  const column = columnOfField(e.field, ir);
  return { id: r.id, error: { ...e, messageEn: e.messageEn ?? '', ...(column ? { column } : {}) } };
}

async function summaryOf(p: PageRequest<never, { id: string }>) {
  const id = Number(p.params.id);
  const s = await uploadSummary(p.ctx.db, p.user, Number.isInteger(id) && id > 0 ? id : 0);
  const rules = await inForceToday(p.ctx, p.user.regions[0]!).catch(() => undefined);
  return { s, ir: rules?.ir };
}

/** The upload page: a register template per province of the user's regions, and the file form; `error` says why the last file was not taken. */
async function uploadPage(p: PageRequest<unknown, unknown>, error?: string) {
  const provinces = provincesOf(p.user.regions);
  const rules = await Promise.all(provinces.map((r) => inForceToday(p.ctx, r === '000000' ? '110000' : r).then((c) => `${c.ir.meta.name}，版本 ${c.version.version}`, () => undefined)));
  return p.render({
    title: '上传登记表',
    nav: '/uploads/new',
    scripts: ['upload.js'],
    body: html`<p>登记表为 CSV 或 Excel（xlsx）文件，列见登记表模板。整个文件在<strong>一个事务</strong>中入库：要么全部入库，要么什么也不留；
同一文件只收一次，同一企业同一检查日期的检查只存一次。上次类别、上次评定日期和事件以本系统的记录为准（第二十一条）。</p>
<h2>登记表模板</h2>
<ul>${provinces.map((r, i) => (rules[i] ? html`<li><a href="${href('/uploads/template.xlsx', { province: r })}">下载${provinceName(r)}现行规则的登记表模板（xlsx）</a>：${rules[i]}</li>` : html`<li>${provinceName(r)}今天没有生效的规则版本。</li>`))}</ul>
<h2>选择文件并上传</h2>
${error ? html`<div class="alert" role="alert"><p>${error}</p></div>` : ''}
<form id="upload-form" class="card" data-upload method="post" action="/uploads" enctype="multipart/form-data">
<input type="hidden" name="_csrf" value="${p.csrf}">
<p><label for="file">登记表文件（.csv 或 .xlsx）</label><input id="file" name="file" type="file" accept=".csv,.xlsx,text/csv,${XLSX}" required></p>
<p><button type="submit" class="primary">上传</button></p>
<div id="upload-status" role="status" aria-live="polite"></div>
<p><progress id="upload-progress" class="progress" max="100" value="0" hidden aria-labelledby="upload-status"></progress></p>
</form>`,
  });
}

/**
 * POST /uploads, the form posted without scripts (multipart/form-data): the same API call the
 * script makes, then the result page; a register that cannot be taken stays on the upload page.
 */
async function postedRegister(p: PageRequest) {
  const file = p.file('file');
  if (!file || file.bytes.length === 0) {
    p.reply.status(422);
    return uploadPage(p as PageRequest<unknown, unknown>, '请先选择登记表文件（.csv 或 .xlsx）。Choose a register file first.');
  }
  const xlsx = /\.xlsx$/i.test(file.name);
  try {
    const r = await p.api<{ uploadId: number }>('POST', `/api/uploads?${new URLSearchParams({ name: file.name, format: xlsx ? 'xlsx' : 'csv' })}`, file.bytes, { 'content-type': xlsx ? XLSX : 'text/csv' });
    return { redirect: `/uploads/${r.uploadId}` };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status === 403 || e.status >= 500) throw e;
    p.reply.status(e.status);
    return uploadPage(p as PageRequest<unknown, unknown>, `上传未成功：${e.message}（${e.messageEn}）`);
  }
}

/** The register template (xlsx) of the rules in force today in one of the user's provinces. */
async function templateDownload(p: PageRequest<{ province?: string }>) {
  const wanted = p.query.province ?? provincesOf(p.user.regions)[0]!;
  if (!provincesOf(p.user.regions).includes(wanted)) return { redirect: '/uploads/new' };
  const rules = await inForceToday(p.ctx, wanted === '000000' ? '110000' : wanted);
  const wb = await templateWorkbook(rules.ir, rules.model, { rulesFile: `${rules.version.region}-${rules.version.version}.yaml` });
  return { download: new Uint8Array(await wb.xlsx.writeBuffer()), type: XLSX, fileName: `${provinceName(wanted)}企业登记表（${rules.version.version}）.xlsx` };
}

/** An upload's result: its counts, the stored enterprises by class and every error row with its register column. */
async function uploadResult(p: PageRequest<never, { id: string }>) {
  const { s, ir } = await summaryOf(p);
  const stored = s.results.filter((r) => r.status === 'stored');
  const count = (c: string | null) => stored.filter((r) => (r.decision?.inScope ? r.decision.class : null) === c).length;
  const classRows = [...CLASS_ORDER.map((c) => [classBadge(c), String(count(c))]), ['不适用本办法（第二条）', String(count(null))]];
  const errors = s.results.filter((r) => r.status === 'error');
  const errorRows = errors.map((r) => {
    const e = errorOf(r, ir).error;
    return [String(r.row), r.id, e.column ?? '—', e.code, e.message];
  });
  return p.render({
    title: `上传结果：${s.fileName}`,
    nav: '/uploads/new',
    breadcrumbs: [{ label: '上传登记表', path: '/uploads/new' }, { label: s.fileName }],
    body: html`${s.alreadyTaken ? html`<p class="ok" role="status">这个文件以前已上传过（相同内容），没有再次入库；以下是第一次上传的结果。</p>` : ''}
<dl class="facts">
<dt>登记表行数</dt><dd data-figure="rows">${s.rows}</dd>
<dt>入库</dt><dd data-figure="stored">${s.stored}</dd>
<dt>已有（重复）</dt><dd data-figure="duplicates">${s.duplicates}</dd>
<dt>出错</dt><dd data-figure="errors">${s.errors}</dd>
</dl>
${table('入库企业按类别', ['类别', '企业数'], classRows, { num: [1], cls: 'class-counts' })}
<h2>出错的行</h2>
${errors.length ? html`<p><a class="button" href="${href(`/uploads/${s.uploadId}/errors.xlsx`)}">下载出错的行（xlsx）</a></p>` : ''}
${table('出错的行（改正后重新上传，已入库的行计为重复）', ['行号', '编号', '登记表列', '错误代码', '说明'], errorRows, { empty: '没有出错的行。', cls: 'upload-errors' })}
${s.extraColumns.length ? html`<p class="hint">未使用的列：${s.extraColumns.join('、')}</p>` : ''}
<p><a href="/enterprises">查看企业</a> · <a href="/uploads/new">再上传一个文件</a></p>`,
  });
}

/** An upload's error rows as an xlsx, in the columns `fenlei eval` writes errors in. */
async function errorRowsDownload(p: PageRequest<never, { id: string }>) {
  const { s, ir } = await summaryOf(p);
  const { default: Excel } = await import('exceljs');
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  const sheet = wb.addWorksheet('错误', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = sheetColumns(ERROR_COLUMNS);
  sheet.getRow(1).font = { bold: true };
  for (const r of s.results) if (r.status === 'error') for (const cells of errorCells(errorOf(r, ir), { row: r.row })) sheet.addRow(cells);
  return { download: new Uint8Array(await wb.xlsx.writeBuffer()), type: XLSX, fileName: `${s.fileName.replace(/\.(csv|xlsx)$/i, '')}-出错的行.xlsx` };
}

const pages: PageModule = (pages) => {
  pages.get('/uploads/new', (p) => uploadPage(p as PageRequest<unknown, unknown>), { roles: WRITERS });
  pages.post('/uploads', postedRegister, { roles: WRITERS });
  pages.get<{ province?: string }>('/uploads/template.xlsx', templateDownload, { roles: WRITERS });
  pages.get<never, { id: string }>('/uploads/:id', uploadResult, { roles: WRITERS });
  pages.get<never, { id: string }>('/uploads/:id/errors.xlsx', errorRowsDownload, { roles: WRITERS });
};

export default pages;
