/** The roles of PRODUCT.md (same ids as the backend's Roles class). */
export const ROLES = ['admin', 'bureau', 'department', 'district', 'enterprise', 'agency', 'expert', 'bank'] as const
export type Role = (typeof ROLES)[number]

export function isRole(value: string | null | undefined): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

const ALL: readonly Role[] = ROLES
const STAFF: readonly Role[] = ['admin', 'bureau']
/** Government accounts (the backend's Roles.IsGovernment): the longer password rule, and the second factor when the server requires it. */
const GOVERNMENT: readonly Role[] = [...STAFF, 'department', 'district']

/**
 * Who may open each area of the app. The single source for both the menu and the route guard: a route names its area
 * in `meta.access`, a menu entry its area in `access`.
 */
export const ACCESS = {
  home: ALL,
  /** 账户安全: one's own password and second factor */
  account: ALL,
  'records.search': ALL,
  'records.import': STAFF,
  indicators: [...STAFF, 'department', 'district'],
  // 自定义考核单元: everyone of 目标考核 reads the list (ListCustomUnits); only staff edit (the page hides the buttons, the API refuses)
  'indicators.units': [...STAFF, 'department', 'district'],
  protection: [...STAFF, 'department', 'district', 'enterprise', 'expert'],
  /** 保护: the staff's sub-pages (失信名单, 信息公开, 设置) */
  'protection.manage': STAFF,
  /** 运用 (issue 22): one area per part; each part's pages and API decide the rows a role sees */
  'transactions.filings': [...STAFF, 'district', 'enterprise', 'agency'],
  'transactions.pledges': [...STAFF, 'district', 'enterprise', 'agency', 'bank'],
  'transactions.market': [...STAFF, 'district', 'enterprise', 'agency'],
  'transactions.custody': [...STAFF, 'district', 'enterprise', 'agency'],
  /** 申报评审 (issue 23): one area per part; each part's pages and API decide the rows a role sees */
  'programmes.calls': [...STAFF, 'district', 'enterprise', 'agency'],
  'programmes.review': [...STAFF, 'expert'],
  'programmes.outcomes': STAFF,
  /** 服务与人才 (issue 21): one area per register; each part's pages and API decide the rows a role sees */
  'registries.entities': STAFF,
  /** 我的主体: an enterprise's own entity, portfolio and correction requests */
  'registries.mine': ['enterprise'],
  'registries.agencies': [...STAFF, 'agency'],
  'registries.inspections': STAFF,
  'registries.experts': [...STAFF, 'expert'],
  'registries.talent': STAFF,
  'registries.training': [...STAFF, 'enterprise', 'agency', 'expert'],
  /** 试点示范单位, 地理标志与特色资源: the staff keep them, a district reads its own region's rows (ADR 0028) */
  'registries.pilots': [...STAFF, 'district'],
  'registries.gi': [...STAFF, 'district'],
  analysis: [...STAFF, 'enterprise'],
  /** 非正常申请 screening: the bureau's (ADR 0048) */
  'analysis.screening': STAFF,
  /** 订阅与简报: every user with something to digest (watches, filings of their region or industry, notices, calls; ADR 0054) */
  'analysis.briefings': [...STAFF, 'district', 'enterprise'],
  /** 分析评议: the bureau registers and works appraisals; an enterprise submits its own requests and follows them (ADR 0052) */
  'analysis.appraisals': [...STAFF, 'enterprise'],
  portal: STAFF,
  'admin.users': ['admin'],
  'admin.orgUnits': ['admin'],
  'admin.audit': ['admin'],
  'admin.mail': ['admin'],
  'admin.partners': ['admin'],
} as const satisfies Record<string, readonly Role[]>

export type Area = keyof typeof ACCESS

export function canAccess(area: Area, role: string | null | undefined): boolean {
  return isRole(role) && (ACCESS[area] as readonly Role[]).includes(role)
}

/**
 * What a role may do inside the pages it opens: buttons, tabs, panels, which dashboard it sees. The API checks every such
 * request itself; these only decide what a page offers, so that it never shows what the server would refuse. Pages ask
 * {@link can} instead of listing roles.
 */
export const CAPABILITIES = {
  /** 门户管理 · 站点设置: the header's name and the footer's 主办单位/备案号 lines (the bureau edits content, the admin the site) */
  'portal.site': ['admin'],
  /** Making a published report (a navigation version, assessment results) public on the portal: the bureau (ADR 0060). */
  'portal.publishReports': STAFF,
  /** 首页: the platform overview (records and org unit charts) of the administrator, who watches the platform */
  'home.overview': ['admin'],
  /** 首页: the cockpit (驾驶舱) of those who answer for the plan: the jurisdiction, a district's region, a department's own unit */
  'home.cockpit': ['bureau', 'department', 'district'],
  /** 首页 and 考核总览: the unit dashboard of those who carry plan tasks (their tasks, notices, warnings, rank) */
  'home.unitDashboard': ['department', 'district'],
  /** 目标考核: every region's values, recomputation, the plan overview, creating and editing custom units */
  'indicators.manage': STAFF,
  /** 工作方案: reviewing progress reports, creating, scoring, publishing and exporting assessments */
  'plans.manage': STAFF,
  /** 工作方案: reporting progress on a task (the admin only watches) */
  'plans.report': ['bureau', 'department', 'district'],
  /** 保护: the staff's work: triage and assignment, the deadline check, settings, credit list, disclosures, typical cases */
  'protection.manage': STAFF,
  /** 保护: handling a case: internal documents, and deciding which documents the parties see (ADR 0210) */
  'protection.handle': [...STAFF, 'district'],
  /** 保护: the public bodies that take cases: registering a walk-in case, referrals (with the list of org units) */
  'protection.register': [...STAFF, 'district', 'department'],
  /** 保护: a party to its own cases: the public timeline, its own credit listing */
  'protection.party': ['enterprise'],
  /** 试点示范单位, 地理标志与特色资源: registering, editing, importing and attaching (districts read only) */
  'registries.unitsManage': STAFF,
  /** 服务机构: the bureau's register, change review, grading and objections (an agency account sees its own record instead) */
  'agencies.manage': STAFF,
  /** 创新主体: editing the register (labels, names, contacts, merge, split, import) and reviewing correction requests */
  'registries.entitiesManage': STAFF,
  /** 创新主体: accepting a credit code that fails the GB 32100 check as an exception (with its reason) */
  'registries.entitiesAdmin': ['admin'],
  /** 服务与人才: the bureau's work on the registers (专家库 entries, 人才, planning training, check-in lists, certificates) */
  'registries.manage': STAFF,
  /** 质押融资: the pledges list and pages (an agency sees the valuations only) */
  'pledges.read': [...STAFF, 'district', 'enterprise', 'bank'],
  /** 质押融资: applying for a pledge (the enterprise for itself; the bureau may record one for any entity) */
  'pledges.apply': [...STAFF, 'enterprise'],
  /** 质押融资: the bureau's work: import, unmatched gazette events, the pool's rules, members, contributions, claim review and payouts */
  'pledges.manage': STAFF,
  /** 评估: recording a valuation (the agency as its own valuer; the bureau for any agency) */
  'pledges.valuate': [...STAFF, 'agency'],
  /** 风险补偿资金池: reading the pool (rules, members, balance; claims within the role's rows) */
  'pledges.pool': [...STAFF, 'district', 'enterprise', 'bank'],
  /** 供需对接: publishing one's own unit's offers and needs, starting and moving on a 对接 (enterprises, universities, agencies) */
  'market.publish': ['enterprise', 'agency'],
  /** 供需对接: the review queue (通过 / 整改 / 拒绝) and taking a listing off the market */
  'market.review': STAFF,
  /** 许可/转让备案: creating, editing, submitting, changing and cancelling filings (an enterprise as party, an agency on behalf, staff on paper) */
  'filings.file': [...STAFF, 'enterprise', 'agency'],
  /** 许可/转让备案: accepting and deciding (districts read only, ADR 0031), importing filed contracts */
  'filings.decide': STAFF,
  /** 未备案的公告交易: the jurisdiction's gazetted transfers and licences with no local filing */
  'filings.gazette': [...STAFF, 'district'],
  /** 开放许可: declaring (as patentee) and taking a licence */
  'filings.openLicence': ['enterprise'],
  /** 托管与年费: a party to custody — proposing and confirming contracts, the watch list, marking fees paid (others read) */
  'custody.party': ['enterprise', 'agency'],
  /** 项目申报: an applying unit drafts, submits, answers 补正 and withdraws its own applications (ADR 0040) */
  'programmes.apply': ['enterprise', 'agency'],
  /** 项目申报: the bureau manages calls and does the formal check (形式审查) */
  'programmes.check': STAFF,
  /** 项目申报: the district gives its 推荐意见 on its region's applications */
  'programmes.recommend': ['district'],
  /** 监控预警: bureau-wide watches, regional indicator watches, evaluating now (ADR 0047) */
  'analysis.manage': STAFF,
  /** 分析评议: accepting, working the checklists, collecting evidence, writing the opinion (ADR 0052) */
  'analysis.appraise': STAFF,
  /** 账户安全: the password rule of government accounts (10 characters or more instead of 8) */
  'account.governmentPassword': GOVERNMENT,
} as const satisfies Record<string, readonly Role[]>

export type Capability = keyof typeof CAPABILITIES

export function can(capability: Capability, role: string | null | undefined): boolean {
  return isRole(role) && (CAPABILITIES[capability] as readonly Role[]).includes(role)
}

/** Icon names (from @element-plus/icons-vue) used by the menu; kept as names so this module stays free of components. */
export type MenuIcon =
  'HomeFilled' | 'DataAnalysis' | 'Aim' | 'Lock' | 'Sell' | 'Trophy' | 'UserFilled' | 'TrendCharts' | 'Monitor' | 'Setting'

export interface MenuItem {
  key: string
  /** i18n key of the label */
  title: string
  icon?: MenuIcon
  path?: string
  area?: Area
  children?: MenuItem[]
  /** a module still being built (建设中): in the menu, but never offered as a shortcut */
  construction?: boolean
}

/** The whole menu; {@link menuFor} prunes it to what a role may open. */
export const MENU: readonly MenuItem[] = [
  { key: 'home', title: 'menu.home', icon: 'HomeFilled', path: '/', area: 'home' },
  {
    key: 'records',
    title: 'menu.records',
    icon: 'DataAnalysis',
    children: [
      { key: 'records.search', title: 'menu.recordsSearch', path: '/records/search', area: 'records.search' },
      { key: 'records.import', title: 'menu.recordsImport', path: '/records/import', area: 'records.import' },
    ],
  },
  {
    key: 'indicators',
    title: 'menu.indicators',
    icon: 'Aim',
    children: [
      { key: 'indicators.dashboard', title: 'menu.indicatorsDashboard', path: '/indicators', area: 'indicators' },
      { key: 'indicators.values', title: 'menu.indicatorsValues', path: '/indicators/values', area: 'indicators' },
      { key: 'indicators.units', title: 'menu.indicatorsUnits', path: '/indicators/units', area: 'indicators.units' },
    ],
  },
  {
    key: 'protection',
    title: 'menu.protection',
    icon: 'Lock',
    children: [
      { key: 'protection.cases', title: 'protection.titles.cases', path: '/protection', area: 'protection' },
      { key: 'protection.credit', title: 'protection.titles.credit', path: '/protection/credit', area: 'protection.manage' },
      { key: 'protection.disclosures', title: 'protection.titles.disclosures', path: '/protection/disclosures', area: 'protection.manage' },
      { key: 'protection.stats', title: 'protection.titles.stats', path: '/protection/stats', area: 'protection' },
      { key: 'protection.settings', title: 'protection.titles.settings', path: '/protection/settings', area: 'protection.manage' },
    ],
  },
  {
    key: 'transactions',
    title: 'menu.transactions',
    icon: 'Sell',
    children: [
      { key: 'transactions.filings', title: 'txFilings.menu.filings', path: '/transactions/filings', area: 'transactions.filings' },
      { key: 'transactions.pledges', title: 'txPledges.menu.pledges', path: '/transactions/pledges', area: 'transactions.pledges' },
      { key: 'transactions.market', title: 'txMarket.menu.market', path: '/transactions/market', area: 'transactions.market' },
      { key: 'transactions.custody', title: 'txCustody.menu.custody', path: '/transactions/custody', area: 'transactions.custody' },
    ],
  },
  {
    key: 'programmes',
    title: 'menu.programmes',
    icon: 'Trophy',
    children: [
      { key: 'programmes.calls', title: 'prgCalls.menu.calls', path: '/programmes', area: 'programmes.calls' },
      { key: 'programmes.review', title: 'prgReview.menu.review', path: '/programmes/review', area: 'programmes.review' },
      { key: 'programmes.outcomes', title: 'prgOutcomes.menu.outcomes', path: '/programmes/outcomes', area: 'programmes.outcomes' },
    ],
  },
  {
    key: 'registries',
    title: 'menu.registries',
    icon: 'UserFilled',
    children: [
      { key: 'registries.entities', title: 'regEntities.menu.entities', path: '/registries/entities', area: 'registries.entities' },
      { key: 'registries.mine', title: 'regEntities.menu.mine', path: '/registries/mine', area: 'registries.mine' },
      { key: 'registries.agencies', title: 'regAgencies.menu.agencies', path: '/registries/agencies', area: 'registries.agencies' },
      {
        key: 'registries.inspections',
        title: 'regAgencies.menu.inspections',
        path: '/registries/inspections',
        area: 'registries.inspections',
      },
      { key: 'registries.experts', title: 'regExperts.menu.experts', path: '/registries/experts', area: 'registries.experts' },
      { key: 'registries.talent', title: 'regExperts.menu.talent', path: '/registries/talent', area: 'registries.talent' },
      { key: 'registries.training', title: 'regExperts.menu.training', path: '/registries/training', area: 'registries.training' },
      { key: 'registries.pilots', title: 'regUnits.menu.pilots', path: '/registries/pilots', area: 'registries.pilots' },
      { key: 'registries.gi', title: 'regUnits.menu.gi', path: '/registries/gi', area: 'registries.gi' },
    ],
  },
  {
    key: 'analysis',
    title: 'menu.analysis',
    icon: 'TrendCharts',
    children: [
      { key: 'analysis.watches', title: 'anaWatches.menu.watches', path: '/analysis/watches', area: 'analysis' },
      { key: 'analysis.screening', title: 'anaWatches.menu.screening', path: '/analysis/screening', area: 'analysis.screening' },
      { key: 'analysis.navigation', title: 'anaNav.menu.navigation', path: '/analysis/navigation', area: 'analysis' },
      { key: 'analysis.appraisals', title: 'anaAppr.menu.appraisals', path: '/analysis/appraisals', area: 'analysis.appraisals' },
      { key: 'analysis.briefings', title: 'anaBrief.menu', path: '/analysis/briefings', area: 'analysis.briefings' },
    ],
  },
  { key: 'portal', title: 'portal.admin.title', icon: 'Monitor', path: '/portal', area: 'portal' },
  {
    key: 'admin',
    title: 'menu.admin',
    icon: 'Setting',
    children: [
      { key: 'admin.users', title: 'menu.adminUsers', path: '/admin/users', area: 'admin.users' },
      { key: 'admin.orgUnits', title: 'menu.adminOrgUnits', path: '/admin/org-units', area: 'admin.orgUnits' },
      { key: 'admin.audit', title: 'menu.adminAudit', path: '/admin/audit', area: 'admin.audit' },
      { key: 'admin.mail', title: 'menu.adminMail', path: '/admin/mail', area: 'admin.mail' },
      { key: 'admin.partners', title: 'partners.menu', path: '/admin/partners', area: 'admin.partners' },
    ],
  },
]

/**
 * The menu a role sees: leaves whose area admits the role, groups that keep at least one child. An unknown or missing
 * role sees only the public search.
 */
export function menuFor(role: string | null | undefined, menu: readonly MenuItem[] = MENU): MenuItem[] {
  const visible = (item: MenuItem): MenuItem | null => {
    if (item.children) {
      const children = item.children.map(visible).filter((c): c is MenuItem => c !== null)
      return children.length > 0 ? { ...item, children } : null
    }
    if (!item.area) return null
    if (!isRole(role)) return item.area === 'records.search' ? item : null
    return canAccess(item.area, role) ? item : null
  }
  return menu.map(visible).filter((m): m is MenuItem => m !== null)
}

/** Keys of every leaf of a menu, in order (handy for tests and the home page shortcuts). */
export function menuLeaves(menu: readonly MenuItem[]): MenuItem[] {
  return menu.flatMap((m) => (m.children ? menuLeaves(m.children) : [m]))
}
