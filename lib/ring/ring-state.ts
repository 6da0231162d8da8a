// The root of the Ring's class chain (ring-*-methods.ts, then lib/ring.ts): it holds the RingCore
// in a true private field, which the family classes reach through coreOf(), not a public property.
import type { RingCore } from './core';

/** @internal */
export let coreOf: (ring: RingState) => RingCore;

/** The state every Ring method works on; see Ring. */
export abstract class RingState {
  static {
    coreOf = (ring) => ring.#core;
  }

  readonly #core: RingCore;

  /** @internal */
  constructor(core: RingCore) {
    this.#core = core;
  }
}
