// `fenlei user add`: creates a user directly in the database (the first province administrator).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { flag, has, type Parsed, UsageError } from '../args.js';
import { EXIT } from '../exit-codes.js';

export const userHelp = `用法 Usage: fenlei user add --login 名称 --role province|county|readonly --region 330000[,330100…] [--password-stdin] [--data-dir D | --database URL]

在数据库中创建用户，例如第一个省级管理员。不给 --password-stdin 时生成一个随机密码并打印一次。
Creates a user in the database, e.g. the first province administrator. Without --password-stdin a random password
is generated and printed once. The database options are those of fenlei serve.
  --role      province 省级 · county 县级 · readonly 只读
  --region    管辖的行政区划代码（省级写省代码，如 330000；全国为 000000）/ division codes of the user's scope
  --name      显示名称 / display name`;

export async function user(p: Parsed): Promise<number> {
  if (p.positional[0] !== 'add') throw new UsageError('目前只有 fenlei user add / only `fenlei user add` exists');
  const login = flag(p, 'login');
  const role = flag(p, 'role');
  const regions = (flag(p, 'region') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!login) throw new UsageError('请给出 --login / give --login');
  if (role !== 'province' && role !== 'county' && role !== 'readonly') throw new UsageError('--role 应为 province、county 或 readonly');
  if (!regions.length) throw new UsageError('请给出 --region / give --region');
  const password = has(p, 'password-stdin') ? readFileSync(0, 'utf8').split(/\r?\n/)[0]! : randomBytes(12).toString('base64url');
  const { openDatabase } = await import('../../server/db/open.js');
  const { createUser } = await import('../../server/auth/users.js');
  const { ApiError } = await import('../../server/domain/errors.js');
  const db = await openDatabase({ url: flag(p, 'database'), dataDir: flag(p, 'data-dir') });
  try {
    const u = await db.transaction((tx) => createUser(tx, null, { login, role, regions, password, displayName: flag(p, 'name') ?? '' }));
    process.stdout.write(`已创建用户 created: ${u.login}（${u.role}，${u.regions.join('、')}）${has(p, 'password-stdin') ? '' : `\n密码 password: ${password}`}\n`);
    return EXIT.OK;
  } catch (e) {
    if (e instanceof ApiError) {
      process.stderr.write(`错误：${e.message} / ${e.messageEn}\n`);
      return EXIT.USAGE;
    }
    throw e;
  } finally {
    await db.close();
  }
}
