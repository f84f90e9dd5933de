import type { RouteRecordRaw } from 'vue-router'

/** 申报评审 · 专家抽取与评审（issue 23, ADR 0041, ADR 0043）. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'programmes/review',
    name: 'programmes.review',
    component: () => import('./ReviewHome.vue'),
    meta: { access: 'programmes.review', title: 'prgReview.menu.review' },
  },
  {
    path: 'programmes/review/calls/:id/draw',
    name: 'programmes.review.draw',
    component: () => import('./DrawPage.vue'),
    meta: { access: 'programmes.review', title: 'prgReview.draw.title' },
  },
  {
    path: 'programmes/review/calls/:id/scores',
    name: 'programmes.review.scores',
    component: () => import('./ScoresPage.vue'),
    meta: { access: 'programmes.review', title: 'prgReview.scores.title' },
  },
  {
    path: 'programmes/review/applications/:id',
    name: 'programmes.review.score',
    component: () => import('./ScoreForm.vue'),
    meta: { access: 'programmes.review', title: 'prgReview.score.title' },
  },
]
