import type { RouteRecordRaw } from 'vue-router'

/** 运用 · 质押融资 (issue 22): pledges, valuations, the risk-compensation pool; a pledge's and a valuation's page. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'transactions/pledges',
    name: 'transactions.pledges',
    component: () => import('./PledgesView.vue'),
    meta: { access: 'transactions.pledges', title: 'txPledges.menu.pledges' },
  },
  {
    path: 'transactions/pledges/:id(\\d+)',
    name: 'transactions.pledge',
    component: () => import('./PledgeView.vue'),
    meta: { access: 'transactions.pledges', title: 'txPledges.titles.pledge' },
  },
  {
    path: 'transactions/valuations/:id(\\d+)',
    name: 'transactions.valuation',
    component: () => import('./ValuationView.vue'),
    meta: { access: 'transactions.pledges', title: 'txPledges.titles.valuation' },
  },
]
