import type { AgencyForm } from './api'

/** An empty form, or a copy of one (so that editing never changes what is shown until saved). */
export function emptyForm(from?: AgencyForm): AgencyForm {
  return {
    name: from?.name ?? '',
    creditCode: from?.creditCode ?? '',
    licenceNumber: from?.licenceNumber ?? '',
    kinds: [...(from?.kinds ?? [])],
    staffCount: from?.staffCount ?? null,
    agentCount: from?.agentCount ?? null,
    regionCode: from?.regionCode ?? '',
    services: from?.services ?? '',
    address: from?.address ?? '',
    businessPhone: from?.businessPhone ?? '',
    businessEmail: from?.businessEmail ?? '',
    website: from?.website ?? '',
    contactName: from?.contactName ?? '',
    contactPhone: from?.contactPhone ?? '',
    contactEmail: from?.contactEmail ?? '',
    registeredOn: from?.registeredOn ?? null,
  }
}

/** Field errors of the staff form arrive as fields.name …: the form's own keys. */
export function stripPrefix(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.replace(/^fields\./, ''), v]))
}

/** The fields a change request sends: those that differ from the record ('' clears a field). */
export function changedFields(before: AgencyForm, after: AgencyForm): AgencyForm {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(after)) {
    const old = (before as Record<string, unknown>)[k]
    if (JSON.stringify(old ?? '') !== JSON.stringify(v ?? '')) out[k] = v ?? ''
  }
  return out as AgencyForm
}
