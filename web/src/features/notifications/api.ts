import { api, unwrap } from '@/api/client'
import type { components } from '@/api/schema'

export type NotificationItem = components['schemas']['NotificationDto']

/** The caller's inbox (ListNotifications): its own and its unit's notifications, newest first. */
export async function listNotifications(query: { unread?: boolean; page?: number; pageSize?: number }) {
  return unwrap(await api.GET('/api/notifications', { params: { query } }))
}

export async function unreadCount(): Promise<number> {
  return unwrap(await api.GET('/api/notifications/unread-count')).count
}

export async function markRead(id: number): Promise<void> {
  const r = await api.POST('/api/notifications/{id}/read', { params: { path: { id } } })
  if (!r.response.ok) unwrap(r)
}

export async function markAllRead(): Promise<number> {
  return unwrap(await api.POST('/api/notifications/read-all')).marked
}
