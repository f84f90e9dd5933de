import { describe, expect, it } from 'vitest'
import { timelineEntries, timelineLabel } from '@/features/protection/labels'

describe('case timeline', () => {
  it('labels public twins of transitions as the transition, other entries in words', () => {
    expect(timelineLabel('public_accept')).toBe('受理')
    expect(timelineLabel('accept')).toBe('受理')
    expect(timelineLabel('public_confirmation_ruling')).toBe('司法确认裁定')
    expect(timelineLabel('file_visibility')).toBe('文件可见范围')
    expect(timelineLabel('register')).toBe('登记')
    expect(timelineLabel('something_internal')).toBe('办理进展')
  })

  it('shows handlers the internal entries and a party the public ones it is sent', () => {
    const events = [{ action: 'register' }, { action: 'accept' }, { action: 'public_accept' }]
    expect(timelineEntries(events, false).map((e) => e.action)).toEqual(['register', 'accept'])
    expect(timelineEntries([{ action: 'register' }, { action: 'public_accept' }], true).map((e) => e.action)).toEqual([
      'register',
      'public_accept',
    ])
  })
})
