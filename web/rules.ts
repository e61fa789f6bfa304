// The compiled rules behind a page: a stored version's IR (from the server's RuleBook) and its
// model (for the form's remarks and the template's notes), compiled once per version.
import type { RuleSetModel } from '../compiler/index.js';
import type { RuleSetIR } from '../runtime/index.js';
import type { ServerContext } from '../server/context.js';
import type { RuleVersionRow } from '../server/domain/rule-book.js';

const models = new Map<number, RuleSetModel | undefined>();

export interface Compiled {
  version: RuleVersionRow;
  ir: RuleSetIR;
  model: RuleSetModel | undefined;
}

export async function compiled(ctx: ServerContext, v: RuleVersionRow): Promise<Compiled> {
  const ir = (await ctx.rules.evaluatorOf(ctx.db, v)).ir;
  if (!models.has(v.id)) models.set(v.id, (await ctx.rules.compile(ctx.db, v.region, v.version, v.yaml)).linked?.model);
  return { version: v, ir, model: models.get(v.id) };
}

/** The rules in force today for a region (D10: the province's version, else the national one). */
export async function inForceToday(ctx: ServerContext, region: string): Promise<Compiled> {
  const f = await ctx.rules.inForce(ctx.db, region, new Date().toISOString().slice(0, 10));
  return compiled(ctx, f.version);
}
