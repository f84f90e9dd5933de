/** The portal's navigation (门户栏目): the portal's own sections and the public pages of the modules, in the order visitors look for them. */
export const PUBLIC_NAV = [
  { path: '/', title: 'portal.nav.home' },
  { path: '/news', title: 'portal.nav.news' },
  { path: '/policies', title: 'portal.nav.policies' },
  { path: '/statistics', title: 'portal.nav.statistics' },
  { path: '/reports', title: 'portal.nav.reports' },
  { path: '/records/search', title: 'publicSite.nav.search' },
  { path: '/programmes/public', title: 'portal.nav.calls' },
  { path: '/programme-notices', title: 'prgOutcomes.menu.notices' },
  { path: '/disclosures', title: 'publicSite.nav.disclosures' },
  { path: '/typical-cases', title: 'publicSite.nav.typicalCases' },
  { path: '/credit', title: 'portal.nav.credit' },
  { path: '/market', title: 'txMarket.menu.publicMarket' },
  { path: '/agencies', title: 'regAgencies.menu.directory' },
  { path: '/inspections', title: 'regAgencies.menu.publicDraws' },
  { path: '/complaint', title: 'publicSite.nav.complaint' },
  { path: '/complaint/status', title: 'publicSite.nav.complaintStatus' },
] as const

/** The entry of the page shown: the longest path the current one starts with (投诉查询 rather than 投诉举报; 首页 only for /). */
export function activeNav(path: string): string {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path
  const hits = PUBLIC_NAV.filter((n) => (n.path === '/' ? p === '/' : p === n.path || p.startsWith(n.path + '/')))
  return hits.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? ''
}
