// Sign in and out. The page posts to /login, which signs in through the API's own route
// (/api/login: the same password check, session, CSRF token and audit) and passes its cookie on.
import { html } from '../html.js';
import { page } from '../layout.js';
import { localPath } from '../paths.js';
import type { PageModule } from '../route.js';

function loginPage(next: string, problem?: string, login = ''): string {
  return page({
    title: '登录',
    user: null,
    body: html`<form method="post" action="/login" class="card narrow">
${problem ? html`<div class="alert" role="alert" id="login-problem">${problem}</div>` : ''}
<input type="hidden" name="next" value="${next}">
<p><label for="login">用户名</label><input id="login" name="login" autocomplete="username" required value="${login}"${problem ? html` aria-describedby="login-problem"` : ''} autofocus></p>
<p><label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit" class="primary">登录</button></p>
</form>`,
  });
}

const pages: PageModule = (pages) => {
  pages.get<{ next?: string }>(
    '/login',
    (p) => (p.req.user && p.req.csrf ? { redirect: localPath(p.query.next) } : loginPage(localPath(p.query.next))),
    { public: true },
  );

  pages.post(
    '/login',
    async (p) => {
      const r = await p.req.server.inject({ method: 'POST', url: '/api/login', payload: { login: p.form.login ?? '', password: p.form.password ?? '' } });
      if (r.statusCode !== 200) {
        p.reply.status(r.statusCode === 401 ? 401 : 400);
        return loginPage(localPath(p.form.next), r.statusCode === 401 ? '用户名或密码不对，请重新输入。' : '请填写用户名和密码。', p.form.login ?? '');
      }
      p.reply.header('set-cookie', r.headers['set-cookie']);
      return { redirect: localPath(p.form.next) };
    },
    { public: true },
  );

  pages.post('/logout', async (p) => {
    const r = await p.req.server.inject({ method: 'POST', url: '/api/logout', headers: { cookie: p.req.headers.cookie ?? '', 'x-csrf-token': p.csrf } });
    p.reply.header('set-cookie', r.headers['set-cookie']);
    return { redirect: '/login' };
  });
};

export default pages;
