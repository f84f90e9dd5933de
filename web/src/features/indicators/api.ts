import { api, unwrap } from '@/api/client'
import type { components } from '@/api/schema'

export type Indicator = components['schemas']['IndicatorDto']
export type IndicatorValue = components['schemas']['IndicatorValueDto']
export type CustomUnit = components['schemas']['CustomUnitDto']
export type DrillDown = components['schemas']['DrillDownDto']
export type Region = components['schemas']['RegionDto']
export type CustomUnitRequest = components['schemas']['CustomUnitRequest']

/** ListRegions: provinces, or the children of a region (cities, then counties and development zones). */
export async function listRegions(parent?: string): Promise<Region[]> {
  return unwrap(await api.GET('/api/regions', { params: { query: { parent } } }))
}

/** ListCustomUnits: the units the user may see (a district only those lying wholly in its region). */
export async function listCustomUnits(): Promise<CustomUnit[]> {
  return unwrap(await api.GET('/api/indicators/units'))
}

/** CreateCustomUnit / UpdateCustomUnit (bureau, admin); the server validates the members and queues a recomputation. */
export async function saveCustomUnit(id: number | null, body: CustomUnitRequest) {
  return id === null
    ? unwrap(await api.POST('/api/indicators/units', { body }))
    : unwrap(await api.PUT('/api/indicators/units/{id}', { params: { path: { id } }, body }))
}

export async function listIndicators() {
  return unwrap(await api.GET('/api/indicators'))
}

/** Indicators a unit can report (not computed from the records). */
export async function listReportableIndicators(): Promise<Indicator[]> {
  return (await listIndicators()).filter((d) => d.source !== 'records')
}

export async function getIndicatorValues(
  code: string,
  query: { region?: string; parent?: string; year?: number; units?: boolean; scope?: string; page?: number; pageSize?: number },
) {
  return unwrap(await api.GET('/api/indicators/{code}/values', { params: { path: { code }, query } }))
}

/** The records behind one computed value (GetIndicatorValueRecords), a page at a time. */
export async function getValueRecords(code: string, region: string, year: number, page = 1, pageSize = 20) {
  return unwrap(
    await api.GET('/api/indicators/{code}/values/records', { params: { path: { code }, query: { region, year, page, pageSize } } }),
  )
}

export type ModuleRows = components['schemas']['ModuleRowsDto']

/** The module rows behind a module-sourced value (GetIndicatorValueRows): agencies, GIs, attendances …, a page at a time. */
export async function getValueRows(code: string, region: string, year: number, page = 1, pageSize = 20): Promise<ModuleRows> {
  return unwrap(
    await api.GET('/api/indicators/{code}/values/rows', { params: { path: { code }, query: { region, year, page, pageSize } } }),
  )
}

/** Whether a value's drill-down lists module rows (source module) rather than records. */
export function hasModuleRows(v: { drillDownLink?: string | null }): boolean {
  return v.drillDownLink?.includes('/values/rows') ?? false
}

export async function recompute() {
  return unwrap(await api.POST('/api/indicators/recompute'))
}

/** The records search page for an indicator value's drill-down (the API gives the SearchRecords URL). */
export function recordsSearchLink(apiLink: string | null | undefined): string | null {
  return apiLink ? apiLink.replace(/^\/api\/records/, '/records/search') : null
}
