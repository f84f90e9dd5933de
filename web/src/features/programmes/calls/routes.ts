import type { RouteRecordRaw } from 'vue-router'

/** 申报评审 · 项目、批次与申报（issue 23）, and the public page of announced calls. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'programmes',
    name: 'programmes.calls',
    component: () => import('./ProgrammesView.vue'),
    meta: { access: 'programmes.calls', title: 'prgCalls.menu.calls' },
  },
  {
    path: 'programmes/types/:id(\\d+)',
    name: 'programmes.type',
    component: () => import('./ProgrammeView.vue'),
    meta: { access: 'programmes.calls', title: 'prgCalls.titles.programme' },
  },
  {
    path: 'programmes/applications/:id(\\d+)',
    name: 'programmes.application',
    component: () => import('./ApplicationView.vue'),
    meta: { access: 'programmes.calls', title: 'prgCalls.titles.application' },
  },
  // public: no sign-in (ListProgrammes as an anonymous caller)
  {
    path: 'programmes/public',
    name: 'programmes.public',
    component: () => import('./public/PublicCallsView.vue'),
    meta: { public: true, title: 'prgCalls.titles.publicCalls' },
  },
]
