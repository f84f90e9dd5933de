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

/** The name of an import format (国家知识产权局著录项 CSV …), or the format as stored when unknown. */
export function sourceFormatName(format: string): string {
  return i18n.global.te(`imports.formats.${format}`) ? i18n.global.t(`imports.formats.${format}`) : format
}

/** The label of a source column kept as an extra field (source_product → 数据产品), or the column's own name. */
export function extraKeyName(key: string): string {
  return i18n.global.te(`records.detail.extraKeys.${key}`) ? i18n.global.t(`records.detail.extraKeys.${key}`) : key
}

/** An extra field's value with its name where it is a code the platform knows (CN-BIBS-ABSS-10-A → 发明公布). */
export function extraValue(key: string, value: string): string {
  if (key === 'source_product' && i18n.global.te(`records.detail.sourceProducts.${value}`)) {
    return i18n.global.t('common.parenthesised', { text: i18n.global.t(`records.detail.sourceProducts.${value}`), note: value })
  }
  return value
}

/** The name of an applicant kind (institute → 科研院所), or the kind as stored when unknown. */
export function applicantKindName(kind: string): string {
  return i18n.global.te(`records.detail.applicantKinds.${kind}`) ? i18n.global.t(`records.detail.applicantKinds.${kind}`) : kind
}

/** The name of a classification scheme (IPC → 国际专利分类（IPC）). */
export function schemeName(scheme: string): string {
  return i18n.global.te(`records.detail.schemes.${scheme}`) ? i18n.global.t(`records.detail.schemes.${scheme}`) : scheme
}
