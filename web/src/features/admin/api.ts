import { api, unwrap } from '@/api/client'
import type { components } from '@/api/schema'

export type UserDto = components['schemas']['UserDto']
export type CreateUserRequest = components['schemas']['CreateUserRequest']
export type UpdateUserRequest = components['schemas']['UpdateUserRequest']
export type OrgUnitDto = components['schemas']['OrgUnitDto']
export type OrgUnitRequest = components['schemas']['OrgUnitRequest']
export type AuditDto = components['schemas']['AuditDto']

export async function listUsers(query: { q?: string; role?: string; page: number; pageSize: number }) {
  return unwrap(
    await api.GET('/api/admin/users', {
      params: { query: { q: query.q || undefined, role: query.role || undefined, page: query.page, pageSize: query.pageSize } },
    }),
  )
}

export async function createUser(body: CreateUserRequest) {
  return unwrap(await api.POST('/api/admin/users', { body }))
}

export async function updateUser(id: number, body: UpdateUserRequest) {
  return unwrap(await api.PUT('/api/admin/users/{id}', { params: { path: { id } }, body }))
}

export async function unlockUser(id: number) {
  return unwrap(await api.POST('/api/admin/users/{id}/unlock', { params: { path: { id } } }))
}

export async function resetUserPassword(id: number, password: string) {
  unwrap(await api.POST('/api/admin/users/{id}/password', { params: { path: { id } }, body: { password } }))
}

export async function listOrgUnits(kind?: string) {
  return unwrap(await api.GET('/api/admin/org-units', { params: { query: { kind: kind || undefined } } }))
}

export async function createOrgUnit(body: OrgUnitRequest) {
  return unwrap(await api.POST('/api/admin/org-units', { body }))
}

export async function updateOrgUnit(id: number, body: OrgUnitRequest) {
  return unwrap(await api.PUT('/api/admin/org-units/{id}', { params: { path: { id } }, body }))
}

export interface AuditFilters {
  actor: string
  entity: string
  action: string
  range: [string, string] | null
  page: number
  pageSize: number
}

export async function listAudit(f: AuditFilters) {
  return unwrap(
    await api.GET('/api/admin/audit', {
      params: {
        query: {
          actor: f.actor.trim() || undefined,
          entity: f.entity.trim() || undefined,
          action: f.action.trim() || undefined,
          from: f.range?.[0] || undefined,
          to: f.range?.[1] || undefined,
          page: f.page,
          pageSize: f.pageSize,
        },
      },
    }),
  )
}

export type MailOutboxRow = components['schemas']['MailOutboxRow']
export type MailOutboxPage = components['schemas']['MailOutboxPage']
export type MailPassResult = components['schemas']['MailPassResult']
export interface MailFilters {
  status: string
  q: string
  page: number
  pageSize: number
}

export async function listMail(f: MailFilters): Promise<MailOutboxPage> {
  return unwrap(
    await api.GET('/api/admin/mail', {
      params: { query: { status: f.status || undefined, q: f.q || undefined, page: f.page, pageSize: f.pageSize } },
    }),
  )
}

export async function retryMail(id: number): Promise<MailOutboxRow> {
  return unwrap(await api.POST('/api/admin/mail/{id}/retry', { params: { path: { id } } }))
}

export async function sendPendingMail(): Promise<MailPassResult> {
  return unwrap(await api.POST('/api/admin/mail/send'))
}

export async function sendTestMail(to: string): Promise<MailPassResult> {
  return unwrap(await api.POST('/api/admin/mail/test', { body: { to } }))
}
