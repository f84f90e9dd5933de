import type { FeatureRoutes } from '@/app/routes'

export default {
  bare: [{ path: '/login', name: 'login', component: () => import('./LoginView.vue'), meta: { public: true, title: 'login.title' } }],
} satisfies FeatureRoutes
