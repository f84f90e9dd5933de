import { describe, expect, it } from 'vitest'
import { checkCreditCode } from '@/features/registries/entities/creditCode'

describe('checkCreditCode (GB 32100)', () => {
  it('accepts a valid code and an empty one', () => {
    expect(checkCreditCode('')).toBeNull()
    expect(checkCreditCode('91350100M000100Y43')).toBeNull()
  })
  it('names the problem', () => {
    expect(checkCreditCode('9135010')).toEqual({ key: 'length', n: 7 })
    expect(checkCreditCode('91350100M000100YI3')).toEqual({ key: 'letter', c: 'I' })
    expect(checkCreditCode('91350100M000100Y44')).toEqual({ key: 'check', expected: '3', actual: '4' })
  })
})
