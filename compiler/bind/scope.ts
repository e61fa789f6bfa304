// What a condition can name, for one merged rule set.
import type { FactModel, ItemModel } from '../model/types.js';
import type { IrWindow } from '../../runtime/ir.js';

export type RefKind = 'item' | 'group' | 'set' | 'fact' | 'event' | 'function' | 'value';

export interface Reference {
  kind: RefKind;
  name: string;
  file: string;
  start: number;
  end: number;
}

export interface Scope {
  items: readonly ItemModel[];
  /** Item id → indices of the items it stands for (a refined item stands for its sub-items). */
  itemIndices(id: string): number[] | undefined;
  group(name: string): number[] | undefined;
  fact(name: string): { index: number; fact: FactModel } | undefined;
  facts: readonly FactModel[];
  event(name: string): number | undefined;
  internSet(indices: readonly number[]): number;
  internWindow(w: IrWindow): number;
  /** Every name a condition may use, for "did you mean" hints. */
  names(): string[];
  references: Reference[];
}
