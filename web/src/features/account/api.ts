import { api, unwrap } from '@/api/client'
import type { components } from '@/api/schema'

/** The calls of 账户安全 that leave the session as it is; those that change it are the session store's. */
export type SecondFactorSetup = components['schemas']['SecondFactorSetupDto']

/** A new TOTP secret and its QR code (not in use until enabled with a code). */
export async function setUpSecondFactor(): Promise<SecondFactorSetup> {
  return unwrap(await api.POST('/api/auth/second-factor/setup'))
}

export type EmailNotificationSettings = components['schemas']['EmailNotificationSettings']

/** One's own e-mail notification setting (and whether the platform can send e-mail at all). */
export async function getEmailNotifications(): Promise<EmailNotificationSettings> {
  return unwrap(await api.GET('/api/auth/email-notifications'))
}

export async function setEmailNotifications(enabled: boolean): Promise<EmailNotificationSettings> {
  return unwrap(await api.PUT('/api/auth/email-notifications', { body: { enabled } }))
}
