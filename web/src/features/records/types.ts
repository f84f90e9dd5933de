import type { components } from '@/api/schema'

/** The records (数据中心) shapes, from the generated OpenAPI schema. */
type S = components['schemas']

export type Bucket = S['FacetValue']
export type RecordHit = S['RecordHit']
export type SearchResponse = S['SearchResult']
export type RecordDetail = S['RecordDetail']
export type RecordParty = S['PartyView']
export type RecordEvent = S['EventView']
export type RecordStats = S['RecordStatsDto']
export type Region = S['RegionDto']
export type ImportJob = S['ImportDto']
export type ImportRejection = S['RejectionDto']
export type TargetField = S['TargetField']
export type ImportPreview = S['ImportPreview']
export type ImportMapping = S['ImportMappingDto']
export type SavedSearch = S['SavedSearchDto']
export type SavedSearchFilters = S['SavedSearchFilters']
export type SavedSearchRequest = S['SavedSearchRequest']
export type NumberReport = S['NumberReport']
export type ImportEntry = S['ImportEntryDto']
export type TimelineEvent = S['TimelineEventView']
export type FamilyMember = S['FamilyMemberView']

export const FACET_NAMES = ['type', 'year', 'province', 'city', 'county', 'ipcSection', 'ipcClass', 'industry', 'applicant'] as const
export type FacetName = (typeof FACET_NAMES)[number]

export const RIGHT_TYPES = [
  'patent_invention',
  'patent_utility',
  'patent_design',
  'trademark',
  'copyright_work',
  'copyright_software',
  'gi',
  'ic_layout',
  'plant_variety',
] as const

export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'completed_with_errors' | 'failed'
export const IMPORT_FORMATS = [
  'auto',
  'cnipa-csv',
  'cn-db-export',
  'csv',
  'xlsx',
  'xml',
  'cnipa-xml',
  'wipo-xml',
  'cnipa-legal-status',
] as const
/** Formats the server reports but one does not choose: a ZIP package is recognised by its content. */
export const DETECTED_FORMATS = ['zip'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]
export const IMPORT_ENCODINGS = ['auto', 'utf-8', 'gbk'] as const
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number]
