import type { RouteRecordRaw } from 'vue-router'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** 服务与人才 · 试点示范单位: the pages of this register (issue 21). */
export const routes: RouteRecordRaw[] = [
  {
    path: 'registries/pilots',
    name: 'registries.pilots',
    component: UnderConstruction,
    props: { module: 'regUnits.menu.pilots', description: 'modules.registries' },
    meta: { access: 'registries.pilots', title: 'regUnits.menu.pilots' },
  },
  {
    path: 'registries/gi',
    name: 'registries.gi',
    component: UnderConstruction,
    props: { module: 'regUnits.menu.gi', description: 'modules.registries' },
    meta: { access: 'registries.gi', title: 'regUnits.menu.gi' },
  },
]
