import { api, unwrap } from '@/api/client'
import type { components } from '@/api/schema'

export type ApiKeyDto = components['schemas']['ApiKeyDto']
export type CreateApiKeyRequest = components['schemas']['CreateApiKeyRequest']
export type CreatedApiKey = components['schemas']['CreatedApiKey']
export type ApiKeyUsageDto = components['schemas']['ApiKeyUsageDto']

/** The scopes a key may hold, in the order the dialog offers them (their names come from i18n partners.scopes). */
export const SCOPES = [
  'records.read',
  'records.sync',
  'indicators.read',
  'plans.read',
  'disclosures.read',
  'publicity.read',
  'agencies.read',
] as const

export async function listApiKeys() {
  return unwrap(await api.GET('/api/admin/api-keys'))
}

export async function createApiKey(body: CreateApiKeyRequest) {
  return unwrap(await api.POST('/api/admin/api-keys', { body }))
}

export async function revokeApiKey(id: number) {
  return unwrap(await api.POST('/api/admin/api-keys/{id}/revoke', { params: { path: { id } } }))
}

export async function getApiKeyUsage(id: number, days = 30) {
  return unwrap(await api.GET('/api/admin/api-keys/{id}/usage', { params: { path: { id }, query: { days } } }))
}
