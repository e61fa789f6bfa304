// Every page's frame: a full HTML document in Chinese with a skip link, a header naming who is
// signed in (name, role, regions) with the sign-out button, the role's navigation, breadcrumbs,
// the main landmark and one stylesheet. Nothing is loaded from elsewhere.
import { regionName } from '../cli/format/regions.js';
import { ROLE_NAMES } from '../server/domain/access.js';
import type { User } from '../server/domain/user.js';
import { href, html, type Html } from './html.js';
import { navFor } from './nav.js';

export interface Crumb {
  label: string;
  path?: string;
}

export interface PageOptions {
  title: string;
  /** Signed-in user; null on the sign-in page. */
  user: User | null;
  /** The session's CSRF token (for the sign-out form and every form of the page). */
  csrf?: string | null;
  body: Html;
  /** The path of the current page (marks its nav link with aria-current); defaults to none. */
  nav?: string;
  breadcrumbs?: readonly Crumb[];
  /** Scripts under /assets/ (file names), loaded deferred. */
  scripts?: readonly string[];
  /** Extra stylesheets under /assets/ (file names). */
  styles?: readonly string[];
}

const regionsText = (u: User) => u.regions.map((r) => (r === '000000' ? '全国' : regionName(r))).join('、');

function header(o: PageOptions): Html {
  const u = o.user;
  const who = u
    ? html`<div class="who"><span class="who-name">${u.displayName || u.login}</span><span class="who-role">${ROLE_NAMES[u.role]}</span><span class="who-region">管辖：${regionsText(u)}</span>
<form method="post" action="/logout" class="signout"><input type="hidden" name="_csrf" value="${o.csrf ?? ''}"><button type="submit">退出登录</button></form></div>`
    : '';
  const links = u ? navFor(u.role) : [];
  const nav = links.length
    ? html`<nav class="site-nav" aria-label="主导航"><ul>${links.map((l) => html`<li><a href="${href(l.path)}"${o.nav === l.path ? html` aria-current="page"` : ''}>${l.label}</a></li>`)}</ul></nav>`
    : '';
  return html`<header class="site-header"><div class="brand"><a href="/">分类监管工作信息管理系统</a></div>${who}</header>${nav}`;
}

function crumbs(list: readonly Crumb[] | undefined): Html | '' {
  if (!list?.length) return '';
  return html`<nav class="crumbs" aria-label="位置"><ol>${list.map((c, i) => html`<li>${c.path && i < list.length - 1 ? html`<a href="${href(c.path)}">${c.label}</a>` : html`<span aria-current="${i === list.length - 1 ? 'page' : 'false'}">${c.label}</span>`}</li>`)}</ol></nav>`;
}

/** The whole document as text. */
export function page(o: PageOptions): string {
  const doc = html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} — 分类监管工作信息管理系统</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/site.css">
${(o.styles ?? []).map((s) => html`<link rel="stylesheet" href="${href(`/assets/${s}`)}">`)}
${o.csrf ? html`<meta name="csrf-token" content="${o.csrf}">` : ''}
${(o.scripts ?? []).map((s) => html`<script src="${href(`/assets/${s}`)}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">跳到正文</a>
${header(o)}
${crumbs(o.breadcrumbs)}
<main id="main" tabindex="-1">
<h1>${o.title}</h1>
${o.body}
</main>
<footer class="site-footer"><p>依据《工业企业产品质量分类监管试行办法》。企业分类情况属产品质量监督工作信息（第十三条）。</p></footer>
</body>
</html>
`;
  return doc.text;
}
