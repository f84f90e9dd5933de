import { describe, expect, it } from 'vitest'
import { defaultPlan, groupPlans } from '@/features/plans/choice'

const plans = [
  { id: 1, title: '西安 2017—2019', status: 'ended', ownJurisdiction: false },
  { id: 2, title: '连云港 2024—2026', status: 'current', ownJurisdiction: true },
  { id: 3, title: '南通 2024—2026', status: 'current', ownJurisdiction: false },
  { id: 4, title: '连云港 2021—2023', status: 'ended', ownJurisdiction: true },
]

describe('plan choice', () => {
  it('puts the own jurisdiction first, other jurisdictions as reference, ended plans apart', () => {
    const g = groupPlans(plans)
    expect(g.own.map((p) => p.id)).toEqual([2])
    expect(g.reference.map((p) => p.id)).toEqual([3])
    expect(g.ended.map((p) => p.id)).toEqual([1, 4])
  })

  it('defaults to the own plan in force, never to an ended one while another exists', () => {
    expect(defaultPlan(plans)?.id).toBe(2)
    expect(defaultPlan(plans.filter((p) => p.id !== 2))?.id).toBe(3)
    expect(defaultPlan([plans[0]!])?.id).toBe(1)
    expect(defaultPlan([])).toBeNull()
  })
})
