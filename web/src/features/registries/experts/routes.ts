import type { RouteRecordRaw } from 'vue-router'

/** 服务与人才 · 专家库, 人才, 培训 (issue 21 §3). */
export const routes: RouteRecordRaw[] = [
  {
    path: 'registries/experts',
    name: 'registries.experts',
    component: () => import('./ExpertsView.vue'),
    meta: { access: 'registries.experts', title: 'regExperts.menu.experts' },
  },
  {
    path: 'registries/talent',
    name: 'registries.talent',
    component: () => import('./TalentView.vue'),
    meta: { access: 'registries.talent', title: 'regExperts.menu.talent' },
  },
  {
    path: 'registries/training',
    name: 'registries.training',
    component: () => import('./TrainingView.vue'),
    meta: { access: 'registries.training', title: 'regExperts.menu.training' },
  },
  {
    path: 'registries/training/check-in',
    name: 'registries.training.checkIn',
    component: () => import('./CheckInView.vue'),
    meta: { title: 'regExperts.checkIn.title' },
  },
  {
    path: 'registries/training/:id(\\d+)',
    name: 'registries.training.event',
    component: () => import('./TrainingEventView.vue'),
    props: (r) => ({ id: Number(r.params.id) }),
    meta: { access: 'registries.training', title: 'regExperts.menu.training' },
  },
]
