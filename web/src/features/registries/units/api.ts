import { api, fileNameFrom, saveBlob, unwrap } from '@/api/client'
import { ApiError, toProblem } from '@/api/problem'
import type { components, operations } from '@/api/schema'

type S = components['schemas']
export type UnitOptions = S['RegistryUnitOptions']
export type VocabularyItem = S['VocabularyItem']
export type PilotUnit = S['PilotUnitDto']
export type PilotUnitDetail = S['PilotUnitDetail']
export type PilotUnitBody = S['PilotUnitRequest']
export type EvaluationBody = S['PilotEvaluationRequest']
export type GeoIndication = S['GeoIndicationDto']
export type GeoIndicationDetail = S['GeoIndicationDetail']
export type GeoIndicationBody = S['GeoIndicationRequest']
export type GiUserBody = S['GeoIndicationUserRequest']
export type PlantVariety = S['PlantVarietyDto']
export type PlantVarietyDetail = S['PlantVarietyDetail']
export type PlantVarietyBody = S['PlantVarietyRequest']
export type HeritageItem = S['HeritageItemDto']
export type HeritageItemDetail = S['HeritageItemDetail']
export type HeritageItemBody = S['HeritageItemRequest']
export type UnitFile = S['UnitFileDto']
export type ImportResult = S['SheetImportResult']
export type PilotQuery = NonNullable<operations['ListPilotUnits']['parameters']['query']>
export type GiQuery = NonNullable<operations['ListGeoIndications']['parameters']['query']>
export type VarietyQuery = NonNullable<operations['ListPlantVarieties']['parameters']['query']>
export type HeritageQuery = NonNullable<operations['ListHeritageItems']['parameters']['query']>
/** The owner kinds of an attachment (UploadRegistryUnitFile). */
export type FileOwner = 'pilot' | 'evaluation' | 'gi' | 'variety' | 'heritage'

let options: Promise<UnitOptions> | null = null

/** ListRegistryUnitOptions, fetched once per page load: the controlled lists with their Chinese names. */
export function unitOptions(): Promise<UnitOptions> {
  options ??= api.GET('/api/registries/unit-options').then(unwrap)
  options.catch(() => (options = null))
  return options
}

/** Empty filter values are left out of the query. */
function clean<T extends object>(q: T): T {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== '' && v !== null && v !== undefined)) as T
}

export const listPilots = async (q: PilotQuery) => unwrap(await api.GET('/api/registries/pilots', { params: { query: clean(q) } }))
export const getPilot = async (id: number) => unwrap(await api.GET('/api/registries/pilots/{id}', { params: { path: { id } } }))
export const createPilot = async (body: PilotUnitBody) => unwrap(await api.POST('/api/registries/pilots', { body }))
export const updatePilot = async (id: number, body: PilotUnitBody) =>
  unwrap(await api.PUT('/api/registries/pilots/{id}', { params: { path: { id } }, body }))
export const deletePilot = async (id: number) => unwrap(await api.DELETE('/api/registries/pilots/{id}', { params: { path: { id } } }))
export const addEvaluation = async (id: number, body: EvaluationBody) =>
  unwrap(await api.POST('/api/registries/pilots/{id}/evaluations', { params: { path: { id } }, body }))
export const deleteEvaluation = async (id: number, evaluationId: number) =>
  unwrap(await api.DELETE('/api/registries/pilots/{id}/evaluations/{evaluationId}', { params: { path: { id, evaluationId } } }))

export const listGis = async (q: GiQuery) => unwrap(await api.GET('/api/registries/gi', { params: { query: clean(q) } }))
export const getGi = async (id: number) => unwrap(await api.GET('/api/registries/gi/{id}', { params: { path: { id } } }))
export const createGi = async (body: GeoIndicationBody) => unwrap(await api.POST('/api/registries/gi', { body }))
export const updateGi = async (id: number, body: GeoIndicationBody) =>
  unwrap(await api.PUT('/api/registries/gi/{id}', { params: { path: { id } }, body }))
export const deleteGi = async (id: number) => unwrap(await api.DELETE('/api/registries/gi/{id}', { params: { path: { id } } }))
export const addGiUser = async (id: number, body: GiUserBody) =>
  unwrap(await api.POST('/api/registries/gi/{id}/users', { params: { path: { id } }, body }))
export const deleteGiUser = async (id: number, userId: number) =>
  unwrap(await api.DELETE('/api/registries/gi/{id}/users/{userId}', { params: { path: { id, userId } } }))

export const listVarieties = async (q: VarietyQuery) => unwrap(await api.GET('/api/registries/varieties', { params: { query: clean(q) } }))
export const getVariety = async (id: number) => unwrap(await api.GET('/api/registries/varieties/{id}', { params: { path: { id } } }))
export const createVariety = async (body: PlantVarietyBody) => unwrap(await api.POST('/api/registries/varieties', { body }))
export const updateVariety = async (id: number, body: PlantVarietyBody) =>
  unwrap(await api.PUT('/api/registries/varieties/{id}', { params: { path: { id } }, body }))
export const deleteVariety = async (id: number) => unwrap(await api.DELETE('/api/registries/varieties/{id}', { params: { path: { id } } }))

export const listHeritage = async (q: HeritageQuery) => unwrap(await api.GET('/api/registries/heritage', { params: { query: clean(q) } }))
export const getHeritage = async (id: number) => unwrap(await api.GET('/api/registries/heritage/{id}', { params: { path: { id } } }))
export const createHeritage = async (body: HeritageItemBody) => unwrap(await api.POST('/api/registries/heritage', { body }))
export const updateHeritage = async (id: number, body: HeritageItemBody) =>
  unwrap(await api.PUT('/api/registries/heritage/{id}', { params: { path: { id } }, body }))
export const deleteHeritage = async (id: number) => unwrap(await api.DELETE('/api/registries/heritage/{id}', { params: { path: { id } } }))

/** UploadRegistryUnitFile: the same type, size and content checks as every upload. */
export async function uploadUnitFile(owner: FileOwner, ownerId: number, file: File, description: string): Promise<UnitFile> {
  const fd = new FormData()
  fd.append('file', file, file.name)
  if (description.trim() !== '') fd.append('description', description.trim())
  const r = await api.POST('/api/registries/unit-files/{owner}/{ownerId}', {
    params: { path: { owner, ownerId } },
    body: fd as never,
    bodySerializer: (b: unknown) => b as FormData,
  })
  return unwrap(r)
}
export const deleteUnitFile = async (id: number) =>
  unwrap(await api.DELETE('/api/registries/unit-files/{id}', { params: { path: { id } } }))

export async function downloadUnitFile(link: string, fileName: string): Promise<void> {
  const res = await fetch(link, { credentials: 'same-origin' })
  if (!res.ok) throw new ApiError(res.status, toProblem(await res.json().catch(() => null), res.status))
  saveBlob(await res.blob(), fileName)
}

/** ImportPilotUnits / ImportGeoIndications: an XLSX with Chinese headers; the answer lists the rejected rows. */
export async function importSheet(kind: 'pilots' | 'gi', file: File): Promise<ImportResult> {
  const fd = new FormData()
  fd.append('file', file, file.name)
  const opts = { body: fd as never, bodySerializer: (b: unknown) => b as FormData }
  return unwrap(
    kind === 'pilots' ? await api.POST('/api/registries/pilots/import', opts) : await api.POST('/api/registries/gi/import', opts),
  )
}

/** ExportPilotUnits / ExportGeoIndications with the list's filters. */
export async function exportSheet(kind: 'pilots' | 'gi', query: PilotQuery | GiQuery): Promise<void> {
  const q = clean({ ...query, page: undefined, pageSize: undefined })
  const r =
    kind === 'pilots'
      ? await api.GET('/api/registries/pilots/export', { params: { query: q as PilotQuery }, parseAs: 'blob' })
      : await api.GET('/api/registries/gi/export', { params: { query: q as GiQuery }, parseAs: 'blob' })
  if (!r.response.ok || !r.data) throw new ApiError(r.response.status, toProblem(r.error, r.response.status))
  saveBlob(r.data as Blob, fileNameFrom(r.response.headers.get('Content-Disposition')) ?? `${kind}.xlsx`)
}
