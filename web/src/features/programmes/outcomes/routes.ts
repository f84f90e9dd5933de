import type { RouteRecordRaw } from 'vue-router'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** 申报评审 · 公示、异议、决定与拨付（issue 23）. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'programmes/outcomes',
    name: 'programmes.outcomes',
    component: UnderConstruction,
    props: { module: 'prgOutcomes.menu.outcomes', description: 'modules.programmes' },
    meta: { access: 'programmes.outcomes', title: 'prgOutcomes.menu.outcomes' },
  },
]
