import { api, unwrap } from '@/api/client'
import type { components } from '@/api/schema'

/** The cockpit (GetCockpit): the bureau's jurisdiction, a district's region or a department's own unit, in one request. */
export type Cockpit = components['schemas']['CockpitDto']
export type CockpitGoal = components['schemas']['GoalDto']
export type CockpitDistrict = components['schemas']['CockpitDistrictDto']
export type CockpitUnitTasks = components['schemas']['CockpitUnitTasksDto']

export async function getCockpit(): Promise<Cockpit> {
  return unwrap(await api.GET('/api/home/cockpit'))
}
