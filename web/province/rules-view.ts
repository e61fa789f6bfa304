// 规则版本 pages' content: the history of published rule versions and catalogues with their
// effective dates and stored verify verdicts, and the publish form, which shows a refusal's
// check and verify diagnostics (file:line:col) in Chinese with the English beside them.
import type { User } from '../../server/domain/user.js';
import { html, type Html } from '../html.js';
import { regionLabel, verdictWords, when } from './words.js';

export interface VersionRow {
  id: number;
  region: string;
  name: string;
  version: string;
  effective: string | null;
  expires: string | null;
  publishedAt: string;
  verified: string | null;
  verification?: { status: string; text?: string; summary?: string | null } | null;
}

export interface CatalogueRow {
  id: number;
  region: string;
  fileName: string;
  name: string;
  version: string;
  effective: string | null;
  expires: string | null;
  publishedAt: string;
}

/** Whether a version is in force on `today` (the same test as the rule book's: effective ≤ day < expires). */
export const inForceOn = (v: { effective: string | null; expires: string | null }, today: string) => (v.effective === null || v.effective <= today) && (v.expires === null || v.expires > today);

export function rulesBody(user: User, versions: readonly VersionRow[], catalogues: readonly CatalogueRow[], today: string): Html {
  return html`<p class="sub">已发布的规则版本和产品目录，按地区和生效日期排列。省级细则须经 check 无错误、verify 证明不比国家规则宽松，才能发布；已发布的版本不可修改。
<span lang="en">Published rule versions and catalogues. A province's version is published only when check finds no error and verify proves it not weaker; published versions never change.</span></p>
${user.role === 'province' ? html`<p class="no-print"><a class="button" href="/rule-versions/publish">发布新版本 <span lang="en">Publish a version</span></a> <a class="button secondary" href="/compare">草案影响分析 <span lang="en">Draft impact</span></a></p>` : ''}
<table class="versions"><caption>规则版本 <span lang="en">Rule versions</span>（${versions.length}）</caption>
<thead><tr><th scope="col">地区 Region</th><th scope="col">名称 Name</th><th scope="col">版本 Version</th><th scope="col">生效 Effective</th><th scope="col">失效 Expires</th><th scope="col">发布时间 Published</th><th scope="col">验证结果 Verification</th></tr></thead>
<tbody>${versions.map((v) => {
    const w = verdictWords(v.verified);
    const current = inForceOn(v, today);
    return html`<tr data-version="${v.id}"><td>${regionLabel(v.region)}</td><td>${v.name}</td><td>${v.version}${current ? html` <span class="badge current">施行中 <span lang="en">in force</span></span>` : ''}</td><td>${v.effective ?? '—'}</td><td>${v.expires ?? '—'}</td><td>${when(v.publishedAt)}</td>
<td><span class="verdict ${w.ok ? 'verdict-ok' : 'verdict-bad'}"><span aria-hidden="true">${w.ok ? '✓' : '✗'}</span> ${w.zh} <span lang="en">${w.en}</span></span>${v.verification?.text ? html`<details><summary>验证详情 <span lang="en">details</span></summary><pre class="verify">${fileNamesOnly(v.verification.text)}</pre></details>` : ''}</td></tr>`;
  })}</tbody></table>
<h2>产品目录（第二十条）<span lang="en">Product catalogues</span></h2>
${catalogues.length === 0
    ? html`<p class="empty">尚未发布产品目录。<span lang="en">No catalogues published.</span></p>`
    : html`<table class="catalogues"><thead><tr><th scope="col">地区 Region</th><th scope="col">文件名 File</th><th scope="col">名称 Name</th><th scope="col">版本 Version</th><th scope="col">生效 Effective</th><th scope="col">失效 Expires</th><th scope="col">发布时间 Published</th></tr></thead>
<tbody>${catalogues.map((c) => html`<tr><td>${regionLabel(c.region)}</td><td><code>${c.fileName}</code></td><td>${c.name}</td><td>${c.version}</td><td>${c.effective ?? '—'}</td><td>${c.expires ?? '—'}</td><td>${when(c.publishedAt)}</td></tr>`)}</tbody></table>`}`;
}

/** One diagnostic of a refused version as the API gives it, with the location in the uploaded file's name. */
export interface ShownDiagnostic {
  code: string;
  severity: string;
  /** `file:line:col` */
  at: string;
  message: string;
  messageEn: string;
}

export interface Refusal {
  message: string;
  messageEn: string;
  diagnostics: ShownDiagnostic[];
  verification?: { status: string; text?: string } | null;
}

export interface Published {
  id: number;
  region: string;
  version: string;
  effective: string | null;
  expires: string | null;
  warnings: ShownDiagnostic[];
  verification: { status: string; text?: string } | null;
}

/** The verify text names files by the server's paths; the page names them by file name only. */
export const fileNamesOnly = (text: string) => text.replace(/(?:\/[^\s/（）()]+)+\/([^\s/（）()]+\.ya?ml)/g, '$1');

const SEVERITY: Record<string, string> = { error: '错误', warning: '警告', info: '提示', hint: '提示' };

function diagnosticList(ds: readonly ShownDiagnostic[]): Html {
  return html`<ol class="diagnostics">${ds.map((d) => html`<li class="diag diag-${d.severity}"><code class="at">${d.at}</code> <strong>${d.code}</strong> ${SEVERITY[d.severity] ?? d.severity}：${d.message}<br><span lang="en" class="small muted">${d.messageEn}</span></li>`)}</ol>`;
}

/** The province-level regions (XX0000) and the country a user may publish for. */
export const publishRegions = (user: User) => user.regions.filter((r) => r.endsWith('0000'));

export function publishBody(user: User, csrf: string, form: { region?: string; fileName?: string; yaml?: string }, outcome?: { refused?: Refusal; published?: Published }): Html {
  const regions = publishRegions(user);
  return html`<p class="sub">上传省级细则（YAML）。服务器用同一个编译器检查（check），再证明它不比国家规则宽松（verify，最多30秒）；有错误或宽松则不发布，并列出原因。版本号和生效日期取自文件的元数据。
<span lang="en">Upload the provincial rules (YAML). The server checks them and proves them not weaker than the national rules; otherwise nothing is published and the reasons are listed.</span></p>
${outcome?.refused ? refusedBlock(outcome.refused) : ''}
${outcome?.published ? publishedBlock(outcome.published) : ''}
<form method="post" action="/rule-versions/publish" class="stack upload-yaml" data-yaml-form>
  <input type="hidden" name="_csrf" value="${csrf}">
  <p><label for="p-region">地区 <span lang="en">Region</span></label>
  <select id="p-region" name="region" required>${regions.map((r) => html`<option value="${r}"${form.region === r ? html` selected` : ''}>${regionLabel(r)}</option>`)}</select></p>
  ${yamlFields(form)}
  <p><button type="submit">检查、验证并发布 <span lang="en">Check, verify and publish</span></button></p>
</form>`;
}

/** A file chooser that fills the text box (small script), and the text box itself for pasting without script. */
export function yamlFields(form: { fileName?: string; yaml?: string }, label = html`规则文件内容（YAML）<span lang="en">Rule file (YAML)</span>`): Html {
  return html`<p class="file-pick"><label for="p-file">选择文件 <span lang="en">Choose file</span></label>
  <input id="p-file" type="file" accept=".yaml,.yml,text/yaml" data-yaml-file aria-describedby="p-file-help"></p>
  <p id="p-file-help" class="small muted">选择文件后，内容显示在下面的文本框中；也可以直接粘贴。<span lang="en">The chosen file's text appears below; you may also paste it.</span></p>
  <input type="hidden" name="fileName" value="${form.fileName ?? ''}" data-yaml-name>
  <p><label for="p-yaml">${label}</label>
  <textarea id="p-yaml" name="yaml" rows="14" required spellcheck="false" data-yaml-text>${form.yaml ?? ''}</textarea></p>`;
}

export function refusedBlock(r: Refusal): Html {
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  const others = r.diagnostics.filter((d) => d.severity !== 'error');
  return html`<section class="alert refused" role="alert" aria-labelledby="refused-h"><h2 id="refused-h">未发布 <span lang="en">Not published</span></h2>
<p>${r.message}<br><span lang="en" class="small">${r.messageEn}</span></p>
${errors.length ? html`<h3>检查发现的错误 <span lang="en">Check errors</span></h3>${diagnosticList(errors)}` : ''}
${r.verification?.text ? html`<h3>验证结果 <span lang="en">Verification</span></h3><pre class="verify">${fileNamesOnly(r.verification.text)}</pre>` : ''}
${others.length ? html`<details><summary>警告和提示 ${others.length} 条 <span lang="en">warnings</span></summary>${diagnosticList(others)}</details>` : ''}
</section>`;
}

function publishedBlock(p: Published): Html {
  return html`<section class="ok" role="status" aria-labelledby="pub-h"><h2 id="pub-h">已发布 <span lang="en">Published</span></h2>
<p>${regionLabel(p.region)} 版本 ${p.version}，${p.effective ?? '—'} 起施行${p.expires ? `，${p.expires} 失效` : ''}。${verdictWords(p.verification?.status).zh}。</p>
${p.warnings.length ? html`<details><summary>警告和提示 ${p.warnings.length} 条 <span lang="en">warnings</span></summary>${diagnosticList(p.warnings)}</details>` : ''}
<p><a href="/rule-versions">返回规则版本列表 <span lang="en">Back to rule versions</span></a></p></section>`;
}
