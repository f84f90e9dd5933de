import type { RouteRecordRaw } from 'vue-router'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** 申报评审 · 项目、批次与申报（issue 23）. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'programmes',
    name: 'programmes.calls',
    component: UnderConstruction,
    props: { module: 'prgCalls.menu.calls', description: 'modules.programmes' },
    meta: { access: 'programmes.calls', title: 'prgCalls.menu.calls' },
  },
]
