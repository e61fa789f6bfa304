// When the search cannot finish, the answer is “unknown”, never “not weaker”. The time limit is a
// real limit: every loop of the verifier (space, search, dynamic programme, replay) polls the
// budget, so a run ends within a few milliseconds of its deadline.

export class Unknown extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** The run was cancelled (see VerifyOptions.cancelled): there is no answer at all. */
export class Cancelled extends Error {
  constructor() {
    super('verification cancelled');
  }
}

export interface Budget {
  /** Throws Unknown when the time limit has passed, Cancelled when the run was cancelled. */
  check(): void;
  /** For hot inner loops: checks on every 256th call only (a clock read costs ~30 ns). */
  tick(): void;
  /** Milliseconds left (never negative). */
  left(): number;
}

export function deadlineBudget(deadline: number, cancelled?: () => boolean, what?: () => { zh: string; en: string }): Budget {
  let calls = 0;
  const check = (): void => {
    if (cancelled?.()) throw new Cancelled();
    if (Date.now() > deadline) {
      const w = what?.();
      throw new Unknown(`超过时间限制${w?.zh ? `：${w.zh}` : ''}`, `time limit reached${w?.en ? `: ${w.en}` : ''}`);
    }
  };
  return {
    check,
    tick() {
      if ((++calls & 255) === 0) check();
    },
    left: () => Math.max(0, deadline - Date.now()),
  };
}
