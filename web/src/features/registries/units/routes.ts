import type { RouteRecordRaw } from 'vue-router'

/** 服务与人才 · 试点示范单位, 地理标志与特色资源 (issue 21): lists and detail pages. */
const id = (r: { params: Record<string, unknown> }) => ({ id: Number(r.params.id) })

export const routes: RouteRecordRaw[] = [
  {
    path: 'registries/pilots',
    name: 'registries.pilots',
    component: () => import('./PilotUnitsView.vue'),
    meta: { access: 'registries.pilots', title: 'regUnits.menu.pilots' },
  },
  {
    path: 'registries/pilots/:id(\\d+)',
    name: 'registries.pilot',
    component: () => import('./PilotUnitView.vue'),
    props: id,
    meta: { access: 'registries.pilots', title: 'regUnits.menu.pilots' },
  },
  {
    path: 'registries/gi',
    name: 'registries.gi',
    component: () => import('./GiHubView.vue'),
    meta: { access: 'registries.gi', title: 'regUnits.menu.gi' },
  },
  {
    path: 'registries/gi/:id(\\d+)',
    name: 'registries.giItem',
    component: () => import('./GiView.vue'),
    props: id,
    meta: { access: 'registries.gi', title: 'regUnits.gi.tabs.gi' },
  },
  {
    path: 'registries/varieties/:id(\\d+)',
    name: 'registries.variety',
    component: () => import('./VarietyView.vue'),
    props: id,
    meta: { access: 'registries.gi', title: 'regUnits.gi.tabs.varieties' },
  },
  {
    path: 'registries/heritage/:id(\\d+)',
    name: 'registries.heritage',
    component: () => import('./HeritageView.vue'),
    props: id,
    meta: { access: 'registries.gi', title: 'regUnits.gi.tabs.heritage' },
  },
]
