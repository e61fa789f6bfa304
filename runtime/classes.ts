// The four classes (通用规则备注（二）) and the four supervision modes (第十八条): their names,
// their ranks and the orders they are listed in — one table for the evaluator, the compiler,
// the verifier, the language server and every printed page.

export type ClassName = 'AA' | 'A' | 'B' | 'C';
export type ModeName = '信用监管' | '责任监管' | '常态监管' | '加严监管';

/** Classes by rank: C 0, B 1, A 2, AA 3 (higher is more trusted). */
export const CLASS_BY_RANK: readonly ClassName[] = ['C', 'B', 'A', 'AA'];
export const CLASS_RANK: Readonly<Record<ClassName, number>> = { C: 0, B: 1, A: 2, AA: 3 };
/** How tables and forms list the classes: AA first. */
export const CLASSES_BEST_FIRST: readonly ClassName[] = ['AA', 'A', 'B', 'C'];
/**
 * The order the classification conditions are tried in (通用规则备注（二）): C first (any of its
 * conditions makes class C), then AA, A, B (all of a class's conditions must hold); the IR and the
 * generated classifier keep their conditions in this order.
 */
export const CONDITION_ORDER: readonly ClassName[] = ['C', 'AA', 'A', 'B'];

/** Modes by rank: 加严监管 0 … 信用监管 3 (higher is lighter). */
export const MODE_BY_RANK: readonly ModeName[] = ['加严监管', '常态监管', '责任监管', '信用监管'];
export const MODE_RANK: Readonly<Record<ModeName, number>> = { 加严监管: 0, 常态监管: 1, 责任监管: 2, 信用监管: 3 };
/** How tables list the modes: 信用监管 first, beside AA (第十八条（一）…（四）). */
export const MODES_LIGHTEST_FIRST: readonly ModeName[] = ['信用监管', '责任监管', '常态监管', '加严监管'];
/** The paragraph of 第十八条 that sets out each mode. */
export const MODE_ARTICLE: Readonly<Record<ModeName, string>> = { 信用监管: '第十八条（一）', 责任监管: '第十八条（二）', 常态监管: '第十八条（三）', 加严监管: '第十八条（四）' };

/** The rank of a class name, or -1 when the text names none (previous classes come from registers). */
export function classRank(name: string): number {
  return CLASS_BY_RANK.indexOf(name as ClassName);
}
