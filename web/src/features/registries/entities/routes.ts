import type { RouteRecordRaw } from 'vue-router'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** 服务与人才 · 创新主体: the pages of this register (issue 21). */
export const routes: RouteRecordRaw[] = [
  {
    path: 'registries/entities',
    name: 'registries.entities',
    component: UnderConstruction,
    props: { module: 'regEntities.menu.entities', description: 'modules.registries' },
    meta: { access: 'registries.entities', title: 'regEntities.menu.entities' },
  },
  {
    path: 'registries/mine',
    name: 'registries.mine',
    component: UnderConstruction,
    props: { module: 'regEntities.menu.mine', description: 'modules.registries' },
    meta: { access: 'registries.mine', title: 'regEntities.menu.mine' },
  },
]
