import type { FeatureRoutes } from '@/app/routes'
import { routes as filings } from './filings/routes'
import { routes as pledges } from './pledges/routes'
import { routes as market } from './market/routes'
import { routes as custody } from './custody/routes'

/** 运用 (issue 22): each part keeps its pages in its own folder. */
export default {
  shell: [
    { path: 'transactions', name: 'transactions', redirect: { name: 'transactions.filings' } },
    ...filings,
    ...pledges,
    ...market,
    ...custody,
  ],
} satisfies FeatureRoutes
