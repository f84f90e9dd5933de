import type { RouteRecordRaw } from 'vue-router'

/** 服务与人才 · 创新主体: the register, an entity's page, the correction queue, and an enterprise's own entity (issue 21). */
export const routes: RouteRecordRaw[] = [
  {
    path: 'registries/entities',
    name: 'registries.entities',
    component: () => import('./EntitiesView.vue'),
    meta: { access: 'registries.entities', title: 'regEntities.menu.entities' },
  },
  {
    path: 'registries/entities/corrections',
    name: 'registries.entities.corrections',
    component: () => import('./CorrectionsView.vue'),
    meta: { access: 'registries.entities', title: 'regEntities.titles.corrections' },
  },
  {
    path: 'registries/entities/:id(\\d+)',
    name: 'registries.entity',
    component: () => import('./EntityView.vue'),
    meta: { access: 'registries.entities', title: 'regEntities.titles.entity' },
  },
  {
    path: 'registries/mine',
    name: 'registries.mine',
    component: () => import('./MyEntityView.vue'),
    meta: { access: 'registries.mine', title: 'regEntities.menu.mine' },
  },
]
