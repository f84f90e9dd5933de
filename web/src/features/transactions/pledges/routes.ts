import type { RouteRecordRaw } from 'vue-router'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** 运用 · 质押融资 (issue 22). */
export const routes: RouteRecordRaw[] = [
  {
    path: 'transactions/pledges',
    name: 'transactions.pledges',
    component: UnderConstruction,
    props: { module: 'txPledges.menu.pledges', description: 'modules.transactions' },
    meta: { access: 'transactions.pledges', title: 'txPledges.menu.pledges' },
  },
]
