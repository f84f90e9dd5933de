import type { RouteRecordRaw } from 'vue-router'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** 运用 · 供需对接 (issue 22). */
export const routes: RouteRecordRaw[] = [
  {
    path: 'transactions/market',
    name: 'transactions.market',
    component: UnderConstruction,
    props: { module: 'txMarket.menu.market', description: 'modules.transactions' },
    meta: { access: 'transactions.market', title: 'txMarket.menu.market' },
  },
]
