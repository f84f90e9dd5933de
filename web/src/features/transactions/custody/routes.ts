import type { RouteRecordRaw } from 'vue-router'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** 运用 · 托管与年费 (issue 22). */
export const routes: RouteRecordRaw[] = [
  {
    path: 'transactions/custody',
    name: 'transactions.custody',
    component: UnderConstruction,
    props: { module: 'txCustody.menu.custody', description: 'modules.transactions' },
    meta: { access: 'transactions.custody', title: 'txCustody.menu.custody' },
  },
]
