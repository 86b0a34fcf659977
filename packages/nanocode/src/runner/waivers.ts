import type { Waiver } from '../spec/workflow.js';

/** Waivers sorted by whether they still apply at the run's start. */
export interface WaiverSet {
  active: Waiver[];
  expired: Waiver[];
}

/** Splits a profile's waivers for one workflow into active and expired at `now` (epoch ms). */
export function partitionWaivers(options: {
  waivers: readonly Waiver[];
  workflow: string;
  now: number;
}): WaiverSet {
  const set: WaiverSet = { active: [], expired: [] };
  for (const waiver of options.waivers) {
    if (waiver.workflow !== undefined && waiver.workflow !== options.workflow) continue;
    (Date.parse(waiver.expires) > options.now ? set.active : set.expired).push(waiver);
  }
  return set;
}

/** The waiver among `waivers` that covers constraint `id` of `step`, if any. */
export function findWaiver(options: {
  waivers: readonly Waiver[];
  step: string;
  id: string;
}): Waiver | undefined {
  return options.waivers.find(
    (w) => w.constraint === options.id || w.constraint === `${options.step}.${options.id}`,
  );
}
