// Rule versions from the database, compiled by the one front end (Program) and decided by the
// runtime: no second copy of any rule. A version is immutable, so its evaluator is cached by id.
import { Program, formatDiagnostic, loadEvaluator, nationalRulesPath, nodeHost, type CompileResult, type FileHost } from '../../compiler/index.js';
import { basename, dirname, join } from 'node:path';
import type { Evaluator } from '../../runtime/index.js';
import type { Queryable } from '../db/types.js';
import { ApiError } from './errors.js';
import { provinceOf } from './regions.js';

export const NATIONAL = '000000';
/** Where stored versions live for the compiler (paths, not files: the host serves their text). */
const DB_ROOT = '/fenlei-db';
const ROOT = `${DB_ROOT}/rule-versions`;

export interface RuleVersionRow {
  id: number;
  region: string;
  version: string;
  name: string;
  effective: string;
  expires: string | null;
  yaml: string;
}

export interface InForce {
  version: RuleVersionRow;
  evaluator: Evaluator;
}

/** The display name of a stored version in diagnostics and trace clauses (file:line). */
export const versionFile = (region: string, version: string) => `${region}-${version}.yaml`;

export class RuleBook {
  private readonly evaluators = new Map<number, Evaluator>();

  /**
   * What the compiler reads: the stored national text for `基于: national` (the bundled file when
   * none is stored), and the stored catalogues (产品目录) by file name, wherever the rule file
   * puts them relative to itself. The tables that ship beside the national rules (范围表
   * scope.yaml, D9) are read from the bundled folder, so a stored national version finds them.
   * Nothing else under the database's folder exists.
   */
  private async host(q: Queryable, extra?: { path: string; text: string }): Promise<FileHost> {
    const [nat] = await q.query<{ yaml: string }>('SELECT yaml FROM rule_versions WHERE region = $1 ORDER BY effective DESC NULLS FIRST, id DESC LIMIT 1', [NATIONAL]);
    const catalogues = new Map((await q.query<{ file_name: string; yaml: string }>('SELECT file_name, yaml FROM catalogues')).map((c) => [c.file_name, c.yaml]));
    const national = nationalRulesPath();
    return {
      read(path) {
        if (extra && path === extra.path) return { text: extra.text };
        if (path === national && nat) return { text: nat.yaml };
        if (path.startsWith(`${DB_ROOT}/`)) {
          const text = catalogues.get(basename(path));
          if (text !== undefined) return { text };
          const shipped = nodeHost.read(join(dirname(national), basename(path)));
          return 'text' in shipped ? shipped : { error: '数据库中没有这个目录文件（请先发布目录）/ no such catalogue in the database' };
        }
        return nodeHost.read(path);
      },
    };
  }

  async compile(q: Queryable, region: string, version: string, yaml: string): Promise<CompileResult> {
    const path = `${ROOT}/${versionFile(region, version)}`;
    const program = new Program(await this.host(q, { path, text: yaml }), ROOT);
    return program.compile(path);
  }

  async evaluatorOf(q: Queryable, v: RuleVersionRow): Promise<Evaluator> {
    const cached = this.evaluators.get(v.id);
    if (cached) return cached;
    const r = await this.compile(q, v.region, v.version, v.yaml);
    if (!r.ir) {
      const first = r.diagnostics.find((d) => d.severity === 'error');
      throw new ApiError(500, 'rulesBroken', `已发布的规则版本 ${v.region} ${v.version} 无法编译：${first ? formatDiagnostic(first) : ''}`, `published rule version ${v.region} ${v.version} does not compile`);
    }
    const ev = loadEvaluator(r.ir);
    this.evaluators.set(v.id, ev);
    return ev;
  }

  /**
   * The register columns a user's upload may have: the items and enterprise facts of every rule
   * version in force today for the user's provinces, their regions and the country (a province's
   * register and the national one are read alike; each row is then decided by its own rules).
   */
  async columnsFor(q: Queryable, regions: string[]): Promise<{ itemIds: string[]; factNames: string[] }> {
    const today = new Date().toISOString().slice(0, 10);
    const rows = await q.query<RuleVersionRow>(
      `SELECT id, region, version, name, effective, expires, yaml FROM rule_versions
        WHERE (region = ANY($1::text[]) OR region = $2 OR fenlei_in_scope(region, $3::text[])) AND (effective IS NULL OR effective <= $4::date) AND (expires IS NULL OR expires > $4::date)`,
      [regions.map(provinceOf), NATIONAL, regions, today],
    );
    const items = new Set<string>();
    const facts = new Set<string>();
    for (const v of rows) {
      const ir = (await this.evaluatorOf(q, v)).ir;
      for (const it of ir.items) items.add(it.id);
      for (const f of ir.facts) facts.add(f.name);
    }
    return { itemIds: [...items], factNames: [...facts] };
  }

  /** D10: the province's version in force on the date, else the national one; none is an error, never the latest. */
  async inForce(q: Queryable, region: string, date: string): Promise<InForce> {
    const found = (await this.inForceOn(q, [{ region, date }])).get(inForceKey(region, date))!;
    if (found instanceof ApiError) throw found;
    return found;
  }

  /**
   * `inForce` for many regions and days at once (a register's rows): two queries whatever their
   * number — the version chosen for each province and day, then the versions' texts. Keyed by
   * `inForceKey`; a day without rules is its error (noRulesInForce), not a throw.
   */
  async inForceOn(q: Queryable, days: { region: string; date: string }[]): Promise<Map<string, InForce | ApiError>> {
    const keys = new Map<string, { province: string; date: string; region: string }>();
    for (const d of days) if (!keys.has(inForceKey(d.region, d.date))) keys.set(inForceKey(d.region, d.date), { province: provinceOf(d.region), date: d.date, region: d.region });
    const out = new Map<string, InForce | ApiError>();
    if (!keys.size) return out;
    const chosen = await q.query<{ id: number | null }>(
      `SELECT (SELECT id FROM rule_versions
                 WHERE region IN (k.province, $3) AND (effective IS NULL OR effective <= k.day) AND (expires IS NULL OR expires > k.day)
                 ORDER BY region = $3, effective DESC NULLS LAST, id DESC LIMIT 1) AS id
         FROM unnest($1::text[], $2::date[]) WITH ORDINALITY AS k(province, day, n) ORDER BY k.n`,
      [[...keys.values()].map((k) => k.province), [...keys.values()].map((k) => k.date), NATIONAL],
    );
    const ids = [...new Set(chosen.flatMap((c) => (c.id === null ? [] : [c.id])))];
    const versions = new Map((await q.query<RuleVersionRow>('SELECT id, region, version, name, effective, expires, yaml FROM rule_versions WHERE id = ANY($1::int[])', [ids])).map((v) => [v.id, v]));
    let i = 0;
    for (const [key, k] of keys) {
      const id = chosen[i++]!.id;
      const version = id === null ? undefined : versions.get(id);
      out.set(key, version ? { version, evaluator: await this.evaluatorOf(q, version) } : noVersion(k.region, k.date));
    }
    return out;
  }
}

/** Rules in force depend on the province and the day only. */
export const inForceKey = (region: string, date: string) => `${provinceOf(region)}|${date}`;

export function noVersion(region: string, date: string): ApiError {
  return new ApiError(422, 'noRulesInForce', `${date} 在行政区划 ${region} 没有生效的规则版本（D10：不使用最新版本代替）`, `no rule version in force for region ${region} on ${date}`);
}
