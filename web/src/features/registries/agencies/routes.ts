import type { RouteRecordRaw } from 'vue-router'

/** 服务与人才 · 服务机构: the register (staff) or the agency's own record, inspections, and the public directory and draws (issue 21). */
export const routes: RouteRecordRaw[] = [
  {
    path: 'registries/agencies',
    name: 'registries.agencies',
    component: () => import('./AgenciesView.vue'),
    meta: { access: 'registries.agencies', title: 'regAgencies.menu.agencies' },
  },
  {
    path: 'registries/agencies/:id(\\d+)',
    name: 'registries.agency',
    component: () => import('./AgencyView.vue'),
    meta: { access: 'registries.inspections', title: 'regAgencies.titles.agency' },
  },
  {
    path: 'registries/inspections',
    name: 'registries.inspections',
    component: () => import('./inspections/InspectionsView.vue'),
    meta: { access: 'registries.inspections', title: 'regAgencies.menu.inspections' },
  },
  {
    path: 'registries/inspections/draws/:id(\\d+)',
    name: 'registries.draw',
    component: () => import('./inspections/DrawView.vue'),
    meta: { access: 'registries.inspections', title: 'regAgencies.titles.draw' },
  },
  // public: no sign-in (ListPublicAgencies, the published draws and their verification)
  {
    path: 'agencies',
    name: 'public-agencies',
    component: () => import('./public/PublicAgenciesView.vue'),
    meta: { public: true, title: 'regAgencies.menu.directory' },
  },
  {
    path: 'inspections',
    name: 'public-draws',
    component: () => import('./public/PublicDrawsView.vue'),
    meta: { public: true, title: 'regAgencies.menu.publicDraws' },
  },
  {
    path: 'inspections/:id(\\d+)',
    name: 'public-draw',
    component: () => import('./public/PublicDrawView.vue'),
    meta: { public: true, title: 'regAgencies.titles.publicDraw' },
  },
]
