import type { Waiver } from '../spec/workflow.js';

/** Waivers sorted by whether they still apply at the run's start. */
export interface WaiverSet {
  active: Waiver[];
  expired: Waiver[];
}

/**
 * Splits a profile's waivers for one workflow into active and expired at `now`. A date-only `expires`
 * (`2026-12-31`) lasts to the end of that day, UTC.
 */
export function partitionWaivers(options: {
  waivers: readonly Waiver[];
  workflow: string;
  now: number;
}): WaiverSet {
  const set: WaiverSet = { active: [], expired: [] };
  for (const waiver of options.waivers) {
    if (waiver.workflow !== undefined && waiver.workflow !== options.workflow) continue;
    (expiresAt(waiver.expires) > options.now ? set.active : set.expired).push(waiver);
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

function expiresAt(expires: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(expires) ? Date.parse(`${expires}T23:59:59.999Z`) : Date.parse(expires);
}
