import type { ExpertDetail, ExpertProfileRequest } from './api'

/** The profile form of an expert (own profile or the bureau's dialog) and its mapping from and to the API. */
export interface ProfileForm {
  name: string
  idNumber: string
  phone: string
  email: string
  title: string
  employer: string
  position: string
  regionCode: string | null
  specialties: string[]
  bio: string
  employments: { employer: string; position: string; fromOn: string | null; toOn: string | null }[]
  relations: { kind: string; party: string; detail: string }[]
}

export function emptyProfile(): ProfileForm {
  return {
    name: '',
    idNumber: '',
    phone: '',
    email: '',
    title: '',
    employer: '',
    position: '',
    regionCode: null,
    specialties: [],
    bio: '',
    employments: [],
    relations: [],
  }
}

export function profileOf(e: ExpertDetail): ProfileForm {
  return {
    name: e.name,
    idNumber: e.idNumber ?? '',
    phone: e.phone ?? '',
    email: e.email ?? '',
    title: e.title ?? '',
    employer: e.employer ?? '',
    position: e.position ?? '',
    regionCode: e.regionCode ?? null,
    specialties: [...e.specialties],
    bio: e.bio ?? '',
    employments: e.employments.map((x) => ({
      employer: x.employer,
      position: x.position ?? '',
      fromOn: x.fromOn ?? null,
      toOn: x.toOn ?? null,
    })),
    relations: e.relations.map((x) => ({ kind: x.kind, party: x.party, detail: x.detail ?? '' })),
  }
}

const blank = (s: string) => (s.trim() === '' ? null : s.trim())

export function profileRequest(f: ProfileForm): ExpertProfileRequest {
  return {
    name: f.name,
    idNumber: f.idNumber.trim(),
    phone: f.phone.trim(),
    email: f.email.trim(),
    title: blank(f.title),
    employer: blank(f.employer),
    position: blank(f.position),
    regionCode: f.regionCode || null,
    specialties: f.specialties,
    bio: blank(f.bio),
    employments: f.employments.map((x) => ({
      employer: x.employer,
      position: blank(x.position),
      fromOn: x.fromOn || null,
      toOn: x.toOn || null,
    })),
    relations: f.relations.map((x) => ({ kind: x.kind, party: x.party, detail: blank(x.detail), fromOn: null, toOn: null })),
  }
}

/** The server's field errors (relations[0].party …) by field, first message each. */
export function fieldErrors(errors: Record<string, string[]> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(errors ?? {})) if (v[0]) out[k] = v[0]
  return out
}
