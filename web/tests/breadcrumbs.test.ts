import { describe, expect, it } from 'vitest'
import { MENU } from '@/app/access'
import { breadcrumbs } from '@/app/breadcrumbs'

describe('breadcrumbs', () => {
  it('gives the home page alone', () => {
    expect(breadcrumbs('/', 'menu.home', MENU)).toEqual([{ title: 'menu.home', path: '/' }])
  })

  it('names the menu group and entry of a page', () => {
    expect(breadcrumbs('/indicators/values', 'menu.indicatorsValues', MENU).map((c) => c.title)).toEqual([
      'menu.home',
      'menu.indicators',
      'menu.indicatorsValues',
    ])
  })

  it('adds the page title under the longest matching entry', () => {
    expect(breadcrumbs('/protection/cases/7', 'protection.titles.case', MENU).map((c) => c.title)).toEqual([
      'menu.home',
      'menu.protection',
      'protection.titles.cases',
      'protection.titles.case',
    ])
    expect(breadcrumbs('/protection/credit', 'protection.titles.credit', MENU).map((c) => c.title)).toEqual([
      'menu.home',
      'menu.protection',
      'protection.titles.credit',
    ])
  })
})
