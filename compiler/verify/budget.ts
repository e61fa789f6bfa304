// When the search cannot finish, the answer is “unknown”, never “not weaker”.

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
  /** Throws Unknown when the time limit has passed. */
  check(): void;
}

export function deadlineBudget(deadline: number, cancelled?: () => boolean): Budget {
  let calls = 0;
  return {
    check() {
      if (cancelled?.()) throw new Cancelled();
      if ((++calls & 63) === 0 || calls < 64) {
        if (Date.now() > deadline) throw new Unknown('超过时间限制', 'time limit reached');
      }
    },
  };
}
