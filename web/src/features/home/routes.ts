import type { FeatureRoutes } from '@/app/routes'

export default {
  shell: [{ path: '', name: 'home', component: () => import('./HomeView.vue'), meta: { access: 'home', title: 'menu.home' } }],
} satisfies FeatureRoutes
