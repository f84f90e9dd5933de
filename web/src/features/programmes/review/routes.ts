import type { RouteRecordRaw } from 'vue-router'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** 申报评审 · 专家抽取与评审（issue 23）. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'programmes/review',
    name: 'programmes.review',
    component: UnderConstruction,
    props: { module: 'prgReview.menu.review', description: 'modules.programmes' },
    meta: { access: 'programmes.review', title: 'prgReview.menu.review' },
  },
]
