import type { RouteRecordRaw } from 'vue-router'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** 运用 · 许可/转让备案 (issue 22). */
export const routes: RouteRecordRaw[] = [
  {
    path: 'transactions/filings',
    name: 'transactions.filings',
    component: UnderConstruction,
    props: { module: 'txFilings.menu.filings', description: 'modules.transactions' },
    meta: { access: 'transactions.filings', title: 'txFilings.menu.filings' },
  },
]
