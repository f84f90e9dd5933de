import { i18n } from '@/i18n'

/** The name of a right type (发明专利 …), or its code when unknown. */
export function rightTypeName(key: string): string {
  return i18n.global.te(`records.rightTypes.${key}`) ? i18n.global.t(`records.rightTypes.${key}`) : key
}

/** The name of a date field of the search (application, publication, grant). */
export function dateFieldName(d: string): string {
  return i18n.global.t(d === 'grant' ? 'records.dateGrant' : d === 'publication' ? 'records.datePublication' : 'records.dateApplication')
}

/** The name of a sort order. */
export function sortName(k: string): string {
  return i18n.global.t(k === 'date_desc' ? 'records.sortDateDesc' : k === 'date_asc' ? 'records.sortDateAsc' : 'records.sortRelevance')
}
