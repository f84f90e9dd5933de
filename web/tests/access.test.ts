import { describe, expect, it } from 'vitest'
import { CAPABILITIES, MENU, ROLES, can, canAccess, menuFor, menuLeaves, type Capability } from '@/app/access'

const leaves = (role: string | null) => menuLeaves(menuFor(role)).map((m) => m.key)
const groups = (role: string | null) => menuFor(role).map((m) => m.key)

describe('menuFor', () => {
  it('gives admin every entry', () => {
    // every entry but 我的主体, which only an enterprise has
    expect(leaves('admin')).toEqual(
      menuLeaves(MENU)
        .map((m) => m.key)
        .filter((k) => k !== 'registries.mine'),
    )
    expect(groups('admin')).toContain('admin')
  })

  it('gives bureau everything except 系统管理', () => {
    const all = menuLeaves(MENU)
      .map((m) => m.key)
      .filter((k) => !k.startsWith('admin.') && k !== 'registries.mine')
    expect(leaves('bureau')).toEqual(all)
    expect(groups('bureau')).not.toContain('admin')
  })

  it.each(['department', 'district'])(
    "gives %s 目标考核, 保护 and 数据中心 检索, and a district its region's pilot units and GIs",
    (role) => {
      expect(leaves(role)).toEqual([
        'home',
        'records.search',
        'indicators.dashboard',
        'indicators.values',
        'indicators.units',
        'protection.cases',
        'protection.stats',
        ...(role === 'district' ? ['transactions.filings', 'transactions.pledges', 'transactions.market', 'transactions.custody'] : []),
        ...(role === 'district' ? ['programmes.calls'] : []),
        ...(role === 'district' ? ['registries.pilots', 'registries.gi'] : []),
        ...(role === 'district' ? ['analysis.briefings'] : []),
      ])
      expect(groups(role)).not.toContain('admin')
    },
  )

  it('gives enterprise, agency, expert and bank the search and their own modules', () => {
    expect(leaves('enterprise')).toEqual([
      'home',
      'records.search',
      'protection.cases',
      'protection.stats',
      'transactions.filings',
      'transactions.pledges',
      'transactions.market',
      'transactions.custody',
      'programmes.calls',
      'registries.mine',
      'registries.training',
      'analysis.watches',
      'analysis.navigation',
      'analysis.appraisals',
      'analysis.briefings',
    ])
    expect(leaves('agency')).toEqual([
      'home',
      'records.search',
      'transactions.filings',
      'transactions.pledges',
      'transactions.market',
      'transactions.custody',
      'programmes.calls',
      'registries.agencies',
      'registries.training',
    ])
    // a bank sees its pledges (质押融资) only
    expect(leaves('bank')).toEqual(['home', 'records.search', 'transactions.pledges'])
    expect(leaves('expert')).toEqual([
      'home',
      'records.search',
      'protection.cases',
      'protection.stats',
      'programmes.review',
      'registries.experts',
      'registries.training',
    ])
    for (const r of ['enterprise', 'agency', 'expert', 'bank']) {
      expect(leaves(r)).not.toContain('records.import')
      expect(leaves(r).filter((k) => k.startsWith('indicators'))).toEqual([])
    }
  })

  it('drops a group whose children are all hidden and keeps a group with one visible child', () => {
    const records = menuFor('district').find((m) => m.key === 'records')
    expect(records?.children?.map((c) => c.key)).toEqual(['records.search'])
  })

  it('shows an unknown or missing role only the public search', () => {
    expect(leaves('hacker')).toEqual(['records.search'])
    expect(leaves(null)).toEqual(['records.search'])
  })
})

describe('canAccess', () => {
  it('is false for unknown roles', () => {
    expect(canAccess('home', 'root')).toBe(false)
    expect(canAccess('admin.users', 'admin')).toBe(true)
    expect(canAccess('admin.users', 'bureau')).toBe(false)
  })

  it('lets every role open its own account security page', () => {
    for (const r of ROLES) expect(canAccess('account', r)).toBe(true)
    expect(canAccess('account', null)).toBe(false)
  })
})

describe('can', () => {
  const holders = (capability: Capability) => ROLES.filter((r) => can(capability, r))

  it('gives the staff the management of indicators, plans and protection', () => {
    for (const c of ['indicators.manage', 'plans.manage', 'protection.manage', 'registries.manage'] as const)
      expect(holders(c)).toEqual(['admin', 'bureau'])
  })

  it('gives those who answer for the plan the cockpit, and the admin the platform overview', () => {
    expect(holders('home.cockpit')).toEqual(['bureau', 'department', 'district'])
    expect(holders('home.overview')).toEqual(['admin'])
  })

  it('gives the units that carry plan tasks their dashboard, and everyone of 工作方案 but the admin the progress report', () => {
    expect(holders('home.unitDashboard')).toEqual(['department', 'district'])
    expect(holders('plans.report')).toEqual(['bureau', 'department', 'district'])
  })

  it('lets the districts handle cases, the departments register them too, and makes the enterprise a party', () => {
    expect(holders('protection.handle')).toEqual(['admin', 'bureau', 'district'])
    expect(holders('protection.register')).toEqual(['admin', 'bureau', 'department', 'district'])
    expect(holders('protection.party')).toEqual(['enterprise'])
  })

  it('holds government accounts to the longer password rule', () => {
    expect(holders('account.governmentPassword')).toEqual(['admin', 'bureau', 'department', 'district'])
  })

  it('makes enterprises and agencies the parties of custody (the staff and districts read)', () => {
    expect(holders('custody.party')).toEqual(['enterprise', 'agency'])
  })

  it('lets only the staff edit pilot units and GIs (districts read their region)', () => {
    expect(holders('registries.unitsManage')).toEqual(['admin', 'bureau'])
  })

  it('lets the enterprise apply for pledges, agencies record valuations, and only the staff manage the pool', () => {
    expect(holders('pledges.apply')).toEqual(['admin', 'bureau', 'enterprise'])
    expect(holders('pledges.valuate')).toEqual(['admin', 'bureau', 'agency'])
    expect(holders('pledges.manage')).toEqual(['admin', 'bureau'])
    expect(holders('pledges.read')).toEqual(['admin', 'bureau', 'district', 'enterprise', 'bank'])
  })

  it('lets enterprises and agencies publish on the market and the staff review it', () => {
    expect(holders('market.publish')).toEqual(['enterprise', 'agency'])
    expect(holders('market.review')).toEqual(['admin', 'bureau'])
  })

  it('lets filers file, the staff decide, districts see the unfiled gazette transactions, enterprises declare open licences', () => {
    expect(holders('filings.file')).toEqual(['admin', 'bureau', 'enterprise', 'agency'])
    expect(holders('filings.decide')).toEqual(['admin', 'bureau'])
    expect(holders('filings.gazette')).toEqual(['admin', 'bureau', 'district'])
    expect(holders('filings.openLicence')).toEqual(['enterprise'])
  })

  it('lets applicants apply, the staff check and the districts recommend (programmes)', () => {
    expect(holders('programmes.apply')).toEqual(['enterprise', 'agency'])
    expect(holders('programmes.check')).toEqual(['admin', 'bureau'])
    expect(holders('programmes.recommend')).toEqual(['district'])
  })

  it('gives an unknown or missing role nothing', () => {
    for (const c of Object.keys(CAPABILITIES) as Capability[]) {
      expect(can(c, 'root')).toBe(false)
      expect(can(c, null)).toBe(false)
      expect(can(c, undefined)).toBe(false)
    }
  })

  it('offers modules still being built (建设中) in the menu but marks them, so that no page offers them as shortcuts', () => {
    const building = menuLeaves(MENU)
      .filter((m) => m.construction)
      .map((m) => m.key)
    // 门户 was the last one (issue 25): 门户管理 is built
    expect(building).toEqual([])
    expect(
      menuLeaves(menuFor('bureau'))
        .filter((m) => m.key.startsWith('protection'))
        .map((m) => m.key),
    ).toEqual(['protection.cases', 'protection.credit', 'protection.disclosures', 'protection.stats', 'protection.settings'])
  })

  it('only grants a capability inside an area the role may open', () => {
    const area: Record<string, Parameters<typeof canAccess>[0]> = {
      home: 'home',
      account: 'account',
      indicators: 'indicators',
      plans: 'indicators',
      protection: 'protection',
      registries: 'registries.pilots',
      agencies: 'registries.agencies',
      pledges: 'transactions.pledges',
      market: 'transactions.market',
      filings: 'transactions.filings',
      custody: 'transactions.custody',
      programmes: 'programmes.calls',
      analysis: 'analysis',
      portal: 'portal',
    }
    for (const c of Object.keys(CAPABILITIES) as Capability[])
      for (const r of holders(c)) expect(canAccess(area[c.split('.')[0]!]!, r), `${c} for ${r}`).toBe(true)
  })
})
