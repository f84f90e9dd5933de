import type { RouteRecordRaw } from 'vue-router'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** 服务与人才 · 服务机构: the pages of this register (issue 21). */
export const routes: RouteRecordRaw[] = [
  {
    path: 'registries/agencies',
    name: 'registries.agencies',
    component: UnderConstruction,
    props: { module: 'regAgencies.menu.agencies', description: 'modules.registries' },
    meta: { access: 'registries.agencies', title: 'regAgencies.menu.agencies' },
  },
  {
    path: 'registries/inspections',
    name: 'registries.inspections',
    component: UnderConstruction,
    props: { module: 'regAgencies.menu.inspections', description: 'modules.registries' },
    meta: { access: 'registries.inspections', title: 'regAgencies.menu.inspections' },
  },
]
