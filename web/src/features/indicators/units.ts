import { i18n } from '@/i18n'

/** Pure helpers of the custom assessment units page and the values page's scope (ADR 0105); tested in web/tests. */

/** A member region as the unit form holds it: code and name (the name shown, the code sent). */
export interface MemberPick {
  code: string
  name: string
  isDevZone?: boolean
}

export const UNIT_CODE = /^U\d{5}$/

/** Adds a picked region to the members unless it is already there (the server refuses duplicates and nesting). */
export function addMember(members: readonly MemberPick[], pick: MemberPick): MemberPick[] {
  return members.some((m) => m.code === pick.code) ? [...members] : [...members, pick]
}

/** A member's label: its name, marked when it is a development zone (园区/开发区 codes of the 7x series). */
export function memberLabel(m: MemberPick): string {
  return m.isDevZone ? i18n.global.t('indicators.units.devZone', { name: m.name }) : m.name
}

/**
 * The values page's scope select → the query of GetIndicatorValues: a parent region (its children), '' (staff: every region;
 * others: their own region), 'units' (every custom unit) or one unit's code.
 */
export function scopeQuery(scope: string): { parent?: string; region?: string; units?: boolean; scope?: string } {
  if (scope === 'units') return { units: true }
  if (scope === 'all') return { scope: 'all' }
  if (UNIT_CODE.test(scope)) return { region: scope }
  if (/^\d{6}$/.test(scope)) return { parent: scope }
  return {}
}

/** The link from a unit to its indicator values (ValuesView with the unit selected). */
export function unitValuesLink(code: string): { path: string; query: { region: string } } {
  return { path: '/indicators/values', query: { region: code } }
}

/** Field errors of a problem (RFC 7807 `errors`) as one Chinese message per field, for the form items' `error`. */
export function fieldErrors(errors: Record<string, string[]> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(errors ?? {})) out[k] = v.join(i18n.global.t('common.clauseSep'))
  return out
}
