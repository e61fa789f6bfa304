// `fenlei serve`: the information system (分类监管工作信息管理系统, 第五条) over PGlite in a local
// folder or a PostgreSQL server. Loaded from the unbundled build, like the language server.
import { flag, has, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';

export const serveHelp = `用法 Usage: fenlei serve [--port 8080] [--host 127.0.0.1] [--data-dir ./fenlei-data | --database postgres://…] [--demo]

启动分类监管工作信息管理系统（JSON 接口，接口说明在 /api/openapi.json）。默认把数据保存在本地文件夹（内置的 PGlite，
无需另装数据库）；--database 或环境变量 FENLEI_DATABASE_URL 使用 PostgreSQL 服务器。启动时自动升级数据库结构。
Starts the information system (JSON API; its description at /api/openapi.json). Data is kept in a local folder by the
embedded PGlite, or in a PostgreSQL server given by --database or FENLEI_DATABASE_URL. Migrations run at start.

  --port N        端口（默认 8080）/ port (default 8080)
  --host H        监听地址（默认 127.0.0.1，只接受本机连接）/ address to listen on (default 127.0.0.1)
  --data-dir D    PGlite 数据文件夹（默认 ./fenlei-data）/ PGlite data folder
  --database URL  PostgreSQL 连接串 / a PostgreSQL connection string
  --demo          载入示例省份的细则和登记表，打印一个省级和一个县级账号（未给 --data-dir 时数据只在内存中）
                  / load the example provinces and registers, print a province and a county account
  --insecure-cookies  会话 Cookie 不带 Secure（仅用于经 http 而非 127.0.0.1 访问的测试环境）
第一个省级管理员用 fenlei user add 创建。 Create the first province administrator with fenlei user add.
文档 Docs: docs/server.md`;

export async function serve(p: Parsed): Promise<number> {
  const port = Number(flag(p, 'port') ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port 应为 0–65535 的整数 / --port must be an integer 0–65535');
  const host = flag(p, 'host') ?? '127.0.0.1';
  const demo = has(p, 'demo');
  const { openDatabase } = await import('../../server/db/open.js');
  const { buildApp } = await import('../../server/app.js');
  const db = await openDatabase({ url: flag(p, 'database'), dataDir: flag(p, 'data-dir'), memory: demo && !flag(p, 'data-dir') && !flag(p, 'database') });
  const app = await buildApp({ db, logger: true, secureCookies: !has(p, 'insecure-cookies') });
  if (demo) {
    const { loadDemo } = await import('../../server/demo.js');
    const a = await loadDemo(app, db);
    process.stderr.write(
      `示例数据已载入 Demo data loaded:\n${a.loaded.map((l) => `  ${l.province}: ${l.problem ?? `规则版本 ${l.version}，登记表入库 ${l.stored} 条，出错 ${l.errors} 条`}`).join('\n')}\n` +
        `省级账号 province account: ${a.province.login} / ${a.province.password}（${a.province.regions.join('、')}）\n` +
        `县级账号 county account:   ${a.county.login} / ${a.county.password}（${a.county.regions.join('、')}）\n`,
    );
  }
  const address = await app.listen({ port, host });
  process.stderr.write(`fenlei serve: ${address}（${db.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}）；接口说明 API: ${address}/api/openapi.json\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await db.close();
  return EXIT.OK;
}
