import type { RouteRecordRaw } from 'vue-router'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** 服务与人才 · 专家库: the pages of this register (issue 21). */
export const routes: RouteRecordRaw[] = [
  {
    path: 'registries/experts',
    name: 'registries.experts',
    component: UnderConstruction,
    props: { module: 'regExperts.menu.experts', description: 'modules.registries' },
    meta: { access: 'registries.experts', title: 'regExperts.menu.experts' },
  },
  {
    path: 'registries/talent',
    name: 'registries.talent',
    component: UnderConstruction,
    props: { module: 'regExperts.menu.talent', description: 'modules.registries' },
    meta: { access: 'registries.talent', title: 'regExperts.menu.talent' },
  },
  {
    path: 'registries/training',
    name: 'registries.training',
    component: UnderConstruction,
    props: { module: 'regExperts.menu.training', description: 'modules.registries' },
    meta: { access: 'registries.training', title: 'regExperts.menu.training' },
  },
]
