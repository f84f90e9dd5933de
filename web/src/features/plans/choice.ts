/**
 * Plan selectors (ADR 0113): the caller's own jurisdiction's plans first, other jurisdictions' plans as reference plans, and
 * plans whose period is over in a group of their own — still reachable, but never the default choice.
 */
export interface PlanChoice {
  id: number
  title: string
  status: string
  ownJurisdiction?: boolean
}

export interface PlanGroups<T extends PlanChoice> {
  own: T[]
  reference: T[]
  ended: T[]
}

export function groupPlans<T extends PlanChoice>(plans: readonly T[]): PlanGroups<T> {
  return {
    own: plans.filter((p) => p.ownJurisdiction && p.status !== 'ended'),
    reference: plans.filter((p) => !p.ownJurisdiction && p.status !== 'ended'),
    ended: plans.filter((p) => p.status === 'ended'),
  }
}

/** The default plan: the own jurisdiction's in force, else any of its own not ended, else a reference plan; null when only ended ones exist. */
export function defaultPlan<T extends PlanChoice>(plans: readonly T[]): T | null {
  const g = groupPlans(plans)
  return g.own.find((p) => p.status === 'current') ?? g.own[0] ?? g.reference[0] ?? plans[0] ?? null
}
